import type { Page } from 'playwright-core';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { KEYS } from '../support/test-api';
import { CaseloadPage } from './pages/caseload-page';
import { RecordPage } from './pages/record-page';
import { SignInPage } from './pages/sign-in-page';
import { VictimPage } from './pages/victim-page';
import { expectText, openBrowserRun, postAsAgency, type BrowserRun } from './support';

/**
 * A police victim-care officer in Chromium, without help from JavaScript: signs in on the
 * development issuer's page, works an overdue arrest update from the caseload through to met,
 * reads the victim's page, signs out. Every page passes axe (WCAG 2.2 AA) with no CSP violation,
 * and is kept as a screenshot.
 */
describe('an officer in the browser', () => {
  let run: BrowserRun;
  let page: Page;
  let victimId: string;

  const check = (name: string) => run.check(name);

  beforeAll(async () => {
    run = await openBrowserRun('2026-03-20T12:00:00Z', async (base) => {
      const police = KEYS.westYorkshirePolice;
      victimId = (
        await postAsAgency(
          base,
          police,
          '/v1/victims',
          crimeReported({ crimeReference: '13/700001/26' }, {}),
        )
      ).victimId;
      await postAsAgency(
        base,
        police,
        `/v1/victims/${victimId}/events`,
        journeyEvent(
          'suspect-arrested',
          'arrest-1',
          '2026-03-03T09:00:00Z',
          { suspectNumber: 1 },
          { crimeReference: '13/700001/26' },
        ),
      );
    });
    page = run.page;
  }, 60_000);

  afterAll(async () => {
    await run?.close();
  });

  it('signs in on the GOV.UK sign-in page and lands on the caseload', async () => {
    const signIn = await new SignInPage(page).open();
    await check('sign-in');
    await signIn.signInAs('pvco-west-yorkshire', 'wrong');
    await expectText(signIn.errorSummary(), 'Unknown user or wrong password');
    expect(await page.title()).toBe('Error: Sign in (development issuer) - Victim Journey');
    await check('sign-in-error');
    await signIn.signInAs('pvco-west-yorkshire');
    expect(new URL(page.url()).pathname).toBe('/caseload');
    expect(await page.title()).toBe('Caseload - Victim Journey');
    await expectText(signIn.qa('signed-in-as'), 'pvco-west-yorkshire');
    await check('caseload-overdue');
  });

  it('shows the victim page: flags, timeline, entitlements', async () => {
    const caseload = new CaseloadPage(page);
    await caseload.open('overdue');
    expect(await caseload.rowsFor('13/700001/26', 'arrest').count()).toBe(1);
    await caseload.openVictim('13/700001/26');
    const victim = new VictimPage(page);
    await expectText(victim.flags(), 'Enhanced rights');
    await expectText(victim.flags(), '14 July 1988');
    expect(await victim.timelineEntries().count()).toBe(2);
    await expectText(victim.timelineEntries().first(), 'Suspect arrested');
    await expectText(victim.status('arrest-update'), 'Breached');
    await expectText(victim.entitlement('arrest-update'), 'rule arrest-update');
    await check('victim');
  });

  it('works the overdue arrest update through to met: gone from the overdue caseload', async () => {
    const victim = new VictimPage(page);
    await victim.recordDone('arrest-update');
    const form = new RecordPage(page);
    await check('record-as-done');
    await form.record({ day: '', month: '', year: '', time: '10:30' }, 'phone');
    await expectText(form.errorSummary(), 'Enter the date it happened');
    expect(await page.title()).toMatch(/^Error: Record as done: /);
    await check('record-as-done-error');
    // Told the day after the arrest: before the deadline.
    await form.record({ day: '4', month: '3', year: '2026', time: '10:30' }, 'phone');
    await expectText(victim.successBanner(), 'Recorded');
    await expectText(victim.status('arrest-update'), 'Met');
    await check('victim-after-recording');
    const caseload = await new CaseloadPage(page).open('overdue');
    expect(await caseload.rowsFor('13/700001/26', 'arrest').count()).toBe(0);
  });

  it('refuses a form posted without its CSRF token, and signs out', async () => {
    const refused = await page.request.post('/victims/' + victimId + '/reason', {
      form: { reason: 'no token' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Your form could not be sent');
    await new CaseloadPage(page).signOut();
    await expectText(new CaseloadPage(page).heading(), 'You have signed out');
    await check('signed-out');
    await page.goto('/caseload');
    expect(new URL(page.url()).pathname).toBe('/dev-issuer/authorize');
  });
});
