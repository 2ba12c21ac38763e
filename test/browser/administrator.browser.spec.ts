import type { Page } from 'playwright-core';
import { crimeReported } from '../support/journey-events';
import { KEYS } from '../support/test-api';
import { AdminPages } from './pages/admin-pages';
import { SignInPage } from './pages/sign-in-page';
import { VictimPage } from './pages/victim-page';
import { openBrowserRun, postAsAgency, type BrowserRun } from './support';

/**
 * An administrator in Chromium verifies the audit trail and erases a victim's personal data;
 * the victim's page then shows them as erased. Every page passes axe with no CSP violation.
 */
describe('an administrator in the browser', () => {
  let run: BrowserRun;
  let page: Page;
  let victimId: string;

  const check = (name: string) => run.check(name);

  beforeAll(async () => {
    run = await openBrowserRun('2026-03-20T12:00:00Z', async (base) => {
      victimId = (
        await postAsAgency(
          base,
          KEYS.westYorkshirePolice,
          '/v1/victims',
          crimeReported({ crimeReference: '13/700002/26' }),
        )
      ).victimId;
    });
    page = run.page;
    await new SignInPage(page).open();
    await new SignInPage(page).signInAs('administrator');
  }, 60_000);

  afterAll(async () => {
    await run?.close();
  });

  it('lands on administration and verifies the audit trail', async () => {
    expect(new URL(page.url()).pathname).toBe('/admin');
    await check('admin');
    const admin = await new AdminPages(page).openAudit();
    expect(await admin.qa('audit-ok').textContent()).toContain('Chain intact');
    await check('admin-audit');
  });

  it('erases a victim, and their page then shows them as erased', async () => {
    const admin = await new AdminPages(page).openErasure();
    await check('admin-erasure');
    await admin.erase(victimId, 'the victim asked, ticket DP-7');
    await check('admin-erasure-confirm');
    await admin.confirmErasure();
    expect(await admin.successBanner().textContent()).toContain(
      "The victim's personal data is erased",
    );
    await page.goto(`/victims/${victimId}`);
    await check('admin-reason');
    await admin.giveReason('checking the erasure, ticket DP-7');
    const victim = new VictimPage(page);
    expect(await victim.erasedNotice().textContent()).toContain(
      "This victim's personal data has been erased",
    );
    expect(await victim.flags().textContent()).toContain('[erased]');
    await check('victim-erased');
  });
});
