import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { KEYS } from '../support/test-api';
import { DashboardPage } from './pages/dashboard-page';
import { SignInPage } from './pages/sign-in-page';
import { expectText, openBrowserRun, postAsAgency, type BrowserRun } from './support';

const ACK = 'report-acknowledgement';
const crime = (n: number) => `13/7200${String(n).padStart(2, '0')}/26`;

/**
 * A PCC analyst in Chromium: signs in and lands on West Yorkshire's dashboard, reads the
 * headline and a chart's table, opens the breach list behind it (pseudonymous references only)
 * and downloads the CSV; a national analyst compares the areas. Ten burglary victims reported on
 * Mon 2 March 2026: five acknowledged and referred the next day (met on time), five neither
 * (breached): 20 due, 10 met on time, 10 breached. Every page passes axe (WCAG 2.2 AA) with no
 * CSP violation, and is kept as a screenshot.
 */
describe('a PCC analyst in the browser', () => {
  let run: BrowserRun;
  let page: Page;

  const check = (name: string) => run.check(name);

  beforeAll(async () => {
    run = await openBrowserRun('2026-04-15T12:00:00Z', async (base) => {
      const police = KEYS.westYorkshirePolice;
      for (let n = 1; n <= 10; n += 1) {
        const { victimId } = await postAsAgency(
          base,
          police,
          '/v1/victims',
          crimeReported({
            eventId: `cr-${n}`,
            crimeReference: crime(n),
            occurredAt: '2026-03-02T10:00:00Z',
          }),
        );
        if (n > 5) continue;
        for (const [type, id, data] of [
          ['referred-to-support', `ref-${n}`, { service: 'victim-support' }],
          ['victim-informed', `ack-${n}`, { entitlement: ACK, method: 'letter' }],
        ] as const)
          await postAsAgency(
            base,
            police,
            `/v1/victims/${victimId}/events`,
            journeyEvent(type, id, '2026-03-03T10:00:00Z', data, { crimeReference: crime(n) }),
          );
      }
    });
    page = run.page;
  }, 60_000);

  afterAll(async () => {
    await run?.close();
  });

  it("signs in and lands on West Yorkshire's populated dashboard", async () => {
    await (await new SignInPage(page).open()).signInAs('analyst-west-yorkshire');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    const dashboard = new DashboardPage(page);
    await expectText(dashboard.heading(), "Victims' Code compliance: West Yorkshire");
    await expectText(dashboard.heading(), 'May 2025 to April 2026, as at 15 April 2026');
    await expectText(dashboard.complianceRate(), '50.0%');
    await expectText(dashboard.headline(), 'Due in the period');
    await expectText(dashboard.headline(), '10 (50.0%)');
    const byRight = await dashboard.tableOf('chart-by-right');
    expect(byRight[0]).toEqual([
      'Right',
      'Due',
      'Met on time',
      'Met late',
      'Breached',
      'Pending',
      'Not applicable',
      'Compliance rate',
    ]);
    expect(byRight.slice(1).map((row) => [row[0]?.slice(0, 7), row[1], row[2], row[4]])).toEqual([
      ['Right 3', '10', '5 (50.0%)', '5 (50.0%)'],
      ['Right 4', '10', '5 (50.0%)', '5 (50.0%)'],
    ]);
    expect(await dashboard.chart('chart-by-right').locator('svg[role="img"]').count()).toBe(1);
    await check('dashboard');
  });

  it('narrows the period with the filter form, and names a bad month', async () => {
    const dashboard = new DashboardPage(page);
    await dashboard.filter({ from: '2026-03', to: '2026-03', asOf: '2026-04-10' });
    await expectText(dashboard.heading(), 'March 2026 to March 2026, as at 10 April 2026');
    await expectText(dashboard.complianceRate(), '50.0%');
    await dashboard.filter({ from: '2026-13' });
    await expectText(page.locator('.govuk-error-summary'), 'From month must be a month, YYYY-MM');
    expect(await page.title()).toBe("Error: Victims' Code compliance - Victim Journey");
    await check('dashboard-error');
  });

  it('drills down to the breaches by pseudonymous reference', async () => {
    const dashboard = await new DashboardPage(page).open();
    const breaches = await dashboard.openBreaches();
    await expectText(breaches.heading(), 'Entitlements breached or met late');
    await expectText(breaches.showing(), 'Showing 1 to 10 of 10 entitlements');
    expect(await breaches.rows().count()).toBe(10);
    await expectText(breaches.rows().first(), 'pcc-');
    expect(await page.content()).not.toContain('13/7200');
    await check('dashboard-breaches');
  });

  it('downloads the figures as CSV', async () => {
    const dashboard = await new DashboardPage(page).open(
      '?from=2026-03&to=2026-03&asOf=2026-04-10',
    );
    const download = await dashboard.downloadCsv();
    expect(download.suggestedFilename()).toBe(
      'victims-code-compliance-west-yorkshire-2026-03-to-2026-03.csv',
    );
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines[0]).toMatch(
      /^policeArea,from,to,asOf,dimension,value,label,total,met,metLate,breached,/,
    );
    const [header, all] = [lines[0]?.split(','), lines[1]?.split(',')];
    const column = (name: string) => all?.[header?.indexOf(name) ?? -1];
    expect([column('policeArea'), column('total'), column('met'), column('breached')]).toEqual([
      'west-yorkshire',
      '20',
      '10',
      '10',
    ]);
  });

  it('shows a national analyst every area side by side', async () => {
    await new DashboardPage(page).signOut();
    await (await new SignInPage(page).open()).signInAs('analyst-national');
    const dashboard = await new DashboardPage(page).open(
      '?from=2026-03&to=2026-03&asOf=2026-04-10',
    );
    const areas = await dashboard.tableOf('chart-by-area');
    expect(areas.find((row) => row[0] === 'West Yorkshire')?.slice(1, 3)).toEqual([
      '20',
      '10 (50.0%)',
    ]);
    await check('dashboard-national');
  });
});
