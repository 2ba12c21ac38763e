import type { ComplianceReport } from '@vj/projections';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { KEYS } from '../support/test-api';
import { startWebApp, textOf, WebSession, type WebApp } from '../support/web-session';

jest.setTimeout(120_000);

const ACK = 'report-acknowledgement';
const MARCH = 'from=2026-03&to=2026-03&asOf=2026-04-10';

/**
 * The PCC dashboard's routes. Ten burglary victims in West Yorkshire, all reported on Mon 2 March
 * 2026: victims 1-5 are acknowledged and referred to support the next day (both met on time);
 * victims 6-10 neither (both breached). So for March as of 10 April: 20 due, 10 met on time,
 * 10 breached, a compliance rate of 50%, Right 3 and Right 4 each 5 met and 5 breached.
 */
describe('the PCC dashboard', () => {
  let web: WebApp;
  let analyst: WebSession;

  const crime = (n: number) => `13/7100${String(n).padStart(2, '0')}/26`;
  const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) =>
    fetch(`${web.base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${init.key ?? KEYS.westYorkshirePolice}`,
        'Content-Type': 'application/json',
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });

  beforeAll(async () => {
    web = await startWebApp('2026-04-15T12:00:00Z');
    for (let n = 1; n <= 10; n += 1) {
      const res = await api('/v1/victims', {
        method: 'POST',
        body: crimeReported({
          eventId: `cr-${n}`,
          crimeReference: crime(n),
          occurredAt: '2026-03-02T10:00:00Z',
        }),
      });
      const { victimId } = (await res.json()) as { victimId: string };
      if (n > 5) continue;
      for (const [type, id, data] of [
        ['referred-to-support', `ref-${n}`, { service: 'victim-support' }],
        ['victim-informed', `ack-${n}`, { entitlement: ACK, method: 'letter' }],
      ] as const) {
        const posted = await api(`/v1/victims/${victimId}/events`, {
          method: 'POST',
          body: journeyEvent(type, id, '2026-03-03T10:00:00Z', data, {
            crimeReference: crime(n),
          }),
        });
        expect(posted.status).toBe(201);
      }
    }
    analyst = new WebSession(web.base);
    await analyst.signIn('analyst-west-yorkshire');
  });
  afterAll(() => web.close());

  /** The cells of the table with this caption, row by row, as text. */
  const tableOf = (html: string, caption: string): string[][] => {
    const table = html
      .split('<table')
      .slice(1)
      .find((t) => textOf(t.slice(0, t.indexOf('</caption>'))).endsWith(caption));
    if (!table) throw new Error(`no table captioned ${caption}`);
    return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
        textOf(cell[1] ?? ''),
      ),
    );
  };

  it("lands a PCC analyst on their area's dashboard, its figures those of the report API", async () => {
    const landing = await new WebSession(web.base).signIn('analyst-west-yorkshire');
    expect(textOf(landing.html)).toContain("Victims' Code compliance: West Yorkshire");
    expect(landing.html).toContain('<a class="govuk-service-navigation__link" href="/dashboard"');

    const page = await analyst.get(`/dashboard?${MARCH}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(
      "March 2026 to March 2026, as at 10 April 2026 Victims' Code compliance: West Yorkshire",
    );
    expect(text).toContain('Met on time 50.0% of entitlements whose deadline has ended');
    expect(text).toContain(
      'Due in the period 20 Met on time 10 (50.0%) Met late 0 (0.0%) Breached 10 (50.0%)',
    );
    const byRight = tableOf(page.html, 'Outcomes by Right, West Yorkshire');
    expect(byRight.slice(1).map((r) => [r[0]?.slice(0, 7), ...r.slice(1)])).toEqual([
      ['Right 3', '10', '5 (50.0%)', '0 (0.0%)', '5 (50.0%)', '0 (0.0%)', '0 (0.0%)', '50.0%'],
      ['Right 4', '10', '5 (50.0%)', '0 (0.0%)', '5 (50.0%)', '0 (0.0%)', '0 (0.0%)', '50.0%'],
    ]);
    expect(tableOf(page.html, 'Outcomes by month of deadline, West Yorkshire')[1]).toEqual([
      'March 2026',
      '20',
      '10 (50.0%)',
      '0 (0.0%)',
      '10 (50.0%)',
      '0 (0.0%)',
      '0 (0.0%)',
      '50.0%',
    ]);
    // A measure the events cannot support reads as not measured, never as 0.
    expect(text).toMatch(/Victim Personal Statement[^|]*?Not measured: /);

    const res = await api(`/v1/reports/compliance?${MARCH}`, { key: KEYS.westYorkshirePcc });
    const report = (await res.json()) as ComplianceReport;
    expect(report.areas.map((a) => a.policeArea)).toEqual(['west-yorkshire']);
    expect(report.areas[0]?.figures).toMatchObject({
      total: 20,
      counts: { met: 10, 'met-late': 0, breached: 10 },
      complianceRate: 0.5,
    });
  });

  it('lets a national analyst compare every area, each linking to its own figures', async () => {
    const national = new WebSession(web.base);
    await national.signIn('analyst-national');
    const page = await national.get(`/dashboard?${MARCH}`);
    expect(page.status).toBe(200);
    const rows = tableOf(page.html, 'Outcomes by police area');
    expect(rows[0]?.slice(0, 3)).toEqual(['Police area', 'Due', 'Met on time']);
    expect(rows.find((r) => r[0] === 'West Yorkshire')?.slice(1, 3)).toEqual(['20', '10 (50.0%)']);
    expect(rows.find((r) => r[0] === 'Greater Manchester')?.slice(1, 2)).toEqual(['0']);
    expect(page.html).toContain('<select class="govuk-select" id="policeArea" name="policeArea"');

    const detail = await national.get(`/dashboard?${MARCH}&policeArea=west-yorkshire`);
    expect(textOf(detail.html)).toContain("Victims' Code compliance: West Yorkshire");
    expect(tableOf(detail.html, 'Outcomes by police area').length).toBe(rows.length);
    // National analysts read counts, not breach lists: no drill-down is offered, and it is refused.
    expect(detail.html).not.toContain('/dashboard/breaches');
    expect((await national.get('/dashboard/breaches')).status).toBe(403);
  });

  it('refuses an officer (403 page)', async () => {
    const officer = new WebSession(web.base);
    await officer.signIn('pvco-west-yorkshire');
    const refused = await officer.get('/dashboard');
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain('compliance reports are for PCC compliance teams');
    expect((await officer.get('/dashboard/compliance.csv')).status).toBe(403);
  });

  it("refuses another area's figures to a PCC analyst", async () => {
    const refused = await analyst.get(`/dashboard?${MARCH}&policeArea=greater-manchester`);
    expect(refused.status).toBe(403);
  });

  it('records each dashboard read and refusal in the audit trail, as the API does', async () => {
    // Its own read and refusal, so the test stands alone.
    const officer = new WebSession(web.base);
    await officer.signIn('pvco-west-yorkshire');
    expect((await officer.get('/dashboard')).status).toBe(403);
    expect((await analyst.get(`/dashboard?${MARCH}`)).status).toBe(200);
    const trail = await api('/v1/audit?subject=pvco-west-yorkshire', { key: KEYS.operator });
    const entries = ((await trail.json()) as { entries: Record<string, unknown>[] }).entries;
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'read-compliance-report',
        endpoint: 'GET /dashboard',
        outcome: 'refused',
        status: 403,
      }),
    );
    const reads = await api('/v1/audit?subject=analyst-west-yorkshire', { key: KEYS.operator });
    expect(((await reads.json()) as { entries: Record<string, unknown>[] }).entries).toContainEqual(
      expect.objectContaining({
        action: 'read-compliance-report',
        endpoint: 'GET /dashboard',
        outcome: 'allowed',
        status: 200,
        victimId: null,
      }),
    );
  });

  it('names a bad month in the GOV.UK error summary and shows no figures', async () => {
    const page = await analyst.get('/dashboard?from=2026-13&to=2026-03');
    expect(page.status).toBe(400);
    expect(page.html).toContain('govuk-error-summary');
    expect(page.html).toContain('<a href="#from">From month must be a month, YYYY-MM</a>');
    expect(page.html).toMatch(/id="from" name="from" type="text" value="2026-13"/);
    expect(page.html).not.toContain('data-qa="headline"');
    expect(page.html).not.toContain('data-qa="chart-by-right"');
  });

  it('downloads the same CSV as the report API', async () => {
    const page = await analyst.get(`/dashboard?${MARCH}`);
    const href = /href="([^"]+)" download data-qa="csv-download"/
      .exec(page.html)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(href).toBe(`/dashboard/compliance.csv?policeArea=west-yorkshire&${MARCH}&format=csv`);
    const download = await analyst.get(href as string);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(download.headers.get('content-disposition')).toBe(
      'attachment; filename="victims-code-compliance-west-yorkshire-2026-03-to-2026-03.csv"',
    );
    const fromApi = await api(`/v1/reports/compliance?${MARCH}&format=csv`, {
      key: KEYS.westYorkshirePcc,
    });
    expect(download.html).toBe(await fromApi.text());
    expect(download.html.split('\r\n')[0]).toMatch(
      /^policeArea,from,to,asOf,dimension,value,label,total,met,/,
    );
  });

  it('drills down to the breaches by pseudonymous reference, with no victim id or crime reference', async () => {
    const page = await analyst.get(`/dashboard?${MARCH}`);
    const href = /href="([^"]+)" data-qa="breaches-link"/
      .exec(page.html)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(href).toBe(
      '/dashboard/breaches?policeArea=west-yorkshire&from=2026-03-01&to=2026-03-31',
    );
    const list = await analyst.get(href as string);
    expect(list.status).toBe(200);
    const rows = tableOf(list.html, 'Entitlements breached or met late, by pseudonymous reference');
    expect(rows).toHaveLength(11);
    for (const row of rows.slice(1)) {
      expect(row[0]).toMatch(/^pcc-[0-9a-f]{32}$/);
      expect(row.slice(1, 3)).toEqual(['West Yorkshire', 'Police']);
      expect(row[6]).toBe('Breached');
    }
    expect(textOf(list.html)).toContain('Showing 1 to 10 of 10 entitlements');
    const victims = (await (
      await api('/v1/breaches?limit=50', { key: KEYS.westYorkshirePolice })
    ).json()) as { breaches: { victimId: string }[] };
    expect(victims.breaches).toHaveLength(10);
    for (const { victimId } of victims.breaches) expect(list.html).not.toContain(victimId);
    expect(list.html).not.toContain('13/7100');

    const bad = await analyst.get('/dashboard/breaches?right=13');
    expect(bad.status).toBe(400);
    expect(textOf(bad.html)).toContain('right must be a whole number from 1 to 12');
  });
});
