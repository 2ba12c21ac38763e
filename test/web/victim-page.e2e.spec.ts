import { crimeReported, journeyEvent } from '../support/journey-events';
import { KEYS } from '../support/test-api';
import { startWebApp, textOf, WebSession, type WebApp } from '../support/web-session';

/**
 * The victim page and its forms: a police victim-care officer works an overdue arrest update
 * through to met; the form's mistakes are shown the GOV.UK way and store nothing; people the
 * policy refuses are refused.
 */
describe('the victim page', () => {
  let web: WebApp;
  let victimId: string;

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${web.base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { victimId: string };
  };
  const storedEvents = async () => {
    const res = await fetch(`${web.base}/v1/victims/${victimId}/events`, {
      headers: { Authorization: `Bearer ${KEYS.westYorkshirePolice}` },
    });
    return ((await res.json()) as { events: { type: string }[] }).events;
  };

  beforeAll(async () => {
    web = await startWebApp('2026-03-02T12:00:00Z');
    victimId = (await post('/v1/victims', crimeReported())).victimId;
    web.clock.set('2026-03-03T12:00:00Z');
    await post(
      `/v1/victims/${victimId}/events`,
      journeyEvent('suspect-arrested', 'arrest-1', '2026-03-03T09:00:00Z', { suspectNumber: 1 }),
    );
    web.clock.set('2026-03-20T12:00:00Z');
  });
  afterAll(() => web.close());

  const arrestRow = (html: string) =>
    /<tr class="govuk-table__row" data-qa="entitlement-row" data-rule="arrest-update">([\s\S]*?)<\/tr>/.exec(
      html,
    )?.[1] ?? '';

  it('shows the flags, the timeline and the entitlements with their status, rule and source', async () => {
    const officer = new WebSession(web.base);
    await officer.signIn('pvco-west-yorkshire');
    const page = await officer.get(`/victims/${victimId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>Victim in crime 13/123456/26 - Victim Journey</title>');
    const text = textOf(page.html);
    expect(text).toContain('Enhanced rights No');
    expect(text).toContain('Date of birth (13/123456/26) 14 July 1988');
    expect(text).toContain('Suspect arrested 3 March 2026 at 9:00am');
    expect(textOf(arrestRow(page.html))).toMatch(/Right 6 · rule arrest-update · .*Breached/);
    // The VCS is the VLO's to read: not shown to the police.
    expect(text).not.toContain('Victim Contact Scheme');
  });

  it('works an overdue item through to met: off the overdue caseload, met on the page', async () => {
    const officer = new WebSession(web.base);
    const caseload = await officer.signIn('pvco-west-yorkshire');
    expect(caseload.html).toContain(`href="/victims/${victimId}"`);
    const overdueBefore = Number(/Overdue: (\d+) entitlement/.exec(textOf(caseload.html))?.[1]);
    const page = await officer.get(`/victims/${victimId}`);
    const href = /href="([^"]+)" data-qa="record-done"/.exec(arrestRow(page.html))?.[1];
    expect(href).toBeDefined();
    const form = await officer.get(href as string);
    expect(form.status).toBe(200);
    const eventId = /name="eventId" value="([^"]+)"/.exec(form.html)?.[1] as string;
    const answer = {
      _csrf: WebSession.csrfOf(form),
      eventId,
      day: '4',
      month: '3',
      year: '2026',
      time: '10:30',
      method: 'phone',
    };
    const done = await officer.post(href as string, answer);
    expect(done).toMatchObject({ status: 303, location: `/victims/${victimId}` });
    // Sent twice (a double click): stored once, and the officer sees it recorded.
    expect(await officer.post(href as string, answer)).toMatchObject({ status: 303 });
    expect((await storedEvents()).filter((e) => e.type === 'victim-informed')).toHaveLength(1);
    const after = await officer.get(`/victims/${victimId}`);
    expect(textOf(after.html)).toContain('Recorded:');
    expect(textOf(arrestRow(after.html))).toContain('Met');
    expect(textOf(arrestRow(after.html))).not.toContain('Record as done');
    const overdue = await officer.get('/caseload?due=overdue');
    expect(Number(/Overdue: (\d+) entitlement/.exec(textOf(overdue.html))?.[1] ?? 0)).toBe(
      overdueBefore - 1,
    );
  });

  it('shows a missing date and a future one the GOV.UK way, storing nothing', async () => {
    const officer = new WebSession(web.base);
    await officer.signIn('pvco-west-yorkshire');
    const page = await officer.get(`/victims/${victimId}`);
    const href = /href="([^"]+)" data-qa="record-done"/.exec(page.html)?.[1] as string;
    const form = await officer.get(href);
    const before = (await storedEvents()).length;
    const base = {
      _csrf: WebSession.csrfOf(form),
      eventId: /name="eventId" value="([^"]+)"/.exec(form.html)?.[1] as string,
      time: '10:30',
      method: 'letter',
    };
    const missing = await officer.post(href, { ...base, day: '', month: '', year: '' });
    expect(missing.status).toBe(400);
    expect(missing.html).toMatch(/<title>Error: Record as done: .* - Victim Journey<\/title>/);
    expect(textOf(missing.html)).toContain('There is a problem Enter the date it happened');
    expect(missing.html).toContain('href="#day"');
    const future = await officer.post(href, { ...base, day: '21', month: '3', year: '2026' });
    expect(textOf(future.html)).toContain('The date and time it happened must be in the past');
    const noMethod = await officer.post(href, {
      ...base,
      day: '5',
      month: '3',
      year: '2026',
      method: '',
    });
    expect(textOf(noMethod.html)).toContain('Select an answer: how was the victim told?');
    expect(await storedEvents()).toHaveLength(before);
  });

  it('refuses a PCC analyst the victim page, and a witness care officer the police forms', async () => {
    const analyst = new WebSession(web.base);
    await analyst.signIn('analyst-west-yorkshire');
    const refused = await analyst.get(`/victims/${victimId}`);
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain('You cannot do this');

    const police = new WebSession(web.base);
    await police.signIn('pvco-west-yorkshire');
    const policePage = await police.get(`/victims/${victimId}`);
    const href = /href="([^"]+)" data-qa="record-done"/.exec(policePage.html)?.[1] as string;

    const witnessCare = new WebSession(web.base);
    await witnessCare.signIn('wco-west-yorkshire');
    const page = await witnessCare.get(`/victims/${victimId}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('data-qa="record-done"');
    expect((await witnessCare.get(href)).status).toBe(403);
    const before = (await storedEvents()).length;
    const posted = await witnessCare.post(href, {
      _csrf: WebSession.csrfOf(page),
      eventId: 'web-00000000-0000-4000-8000-000000000000',
      day: '4',
      month: '3',
      year: '2026',
      time: '10:00',
      method: 'phone',
    });
    expect(posted.status).toBe(403);
    expect(textOf(posted.html)).toContain('your agency does not record this entitlement');
    expect(await storedEvents()).toHaveLength(before);
  });

  it('answers a victim elsewhere as not found', async () => {
    const officer = new WebSession(web.base);
    await officer.signIn('vlo-west-yorkshire');
    const unknown = await officer.get('/victims/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });
});
