import { crimeReported, journeyEvent } from '../support/journey-events';
import { KEYS } from '../support/test-api';
import { startWebApp, textOf, WebSession, type WebApp } from '../support/web-session';

/** The caseload page: tabs by deadline, filters by Right and rule, sorting, pages, empty state. */
describe('the caseload page', () => {
  let web: WebApp;
  let officer: WebSession;

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

  beforeAll(async () => {
    web = await startWebApp('2026-03-02T12:00:00Z');
    // Twelve victims, each owed an acknowledgement (Right 3), a support referral (Right 4) and an
    // arrest update (Right 6) by the police: 36 overdue by 20 March.
    const victims: string[] = [];
    const reference = (i: number) => `13/5000${String(i).padStart(2, '0')}/26`;
    for (let i = 1; i <= 12; i++) {
      const { victimId } = await post(
        '/v1/victims',
        crimeReported({ crimeReference: reference(i), eventId: `cr-${i}` }),
      );
      victims.push(victimId);
    }
    web.clock.set('2026-03-03T12:00:00Z');
    for (const [index, victimId] of victims.entries()) {
      const i = index + 1;
      const crimeReference = reference(i);
      await post(
        `/v1/victims/${victimId}/events`,
        journeyEvent(
          'suspect-arrested',
          `arrest-${i}`,
          '2026-03-03T09:00:00Z',
          { suspectNumber: 1 },
          { crimeReference },
        ),
      );
    }
    web.clock.set('2026-03-20T12:00:00Z');
    officer = new WebSession(web.base);
    await officer.signIn('pvco-west-yorkshire');
  });
  afterAll(() => web.close());

  const captionOf = (html: string) => /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(html)?.[1] ?? '';

  it('lists what is overdue, 20 a page, with the GOV.UK pagination', async () => {
    const first = await officer.get('/caseload');
    expect(textOf(captionOf(first.html))).toBe('Overdue: 36 entitlements (showing 1 to 20)');
    expect(first.html).toContain('govuk-pagination');
    expect(first.html).toContain('href="/caseload?due=overdue&amp;page=2"');
    const second = await officer.get('/caseload?due=overdue&page=2');
    expect(textOf(captionOf(second.html))).toBe('Overdue: 36 entitlements (showing 21 to 36)');
    expect(second.html.match(/data-qa="caseload-row"/g)).toHaveLength(16);
  });

  it('filters by Right and by rule, and sorts by deadline', async () => {
    const right6 = await officer.get('/caseload?due=overdue&right=6');
    expect(textOf(captionOf(right6.html))).toBe('Overdue: 12 entitlements (showing 1 to 12)');
    const titles = (html: string) =>
      [...html.matchAll(/data-qa="rule-title">([^<]+)</g)].map((m) => textOf(m[1] ?? ''));
    expect(new Set(titles(right6.html))).toEqual(new Set(["Told of the suspect's arrest"]));
    const rule = await officer.get('/caseload?due=overdue&rule=support-referral');
    expect(textOf(captionOf(rule.html))).toBe('Overdue: 12 entitlements (showing 1 to 12)');
    const soonest = await officer.get('/caseload?due=overdue&sort=deadline');
    const latest = await officer.get('/caseload?due=overdue&sort=deadline-desc');
    const firstTitle = (html: string) => titles(html)[0];
    // Support referrals (2 working days) fall due first, arrest updates (5 from a day later) last.
    expect(firstTitle(soonest.html)).toBe(
      'Referral to victim support services, unless the victim declines',
    );
    expect(firstTitle(latest.html)).toBe("Told of the suspect's arrest");
  });

  it('says when nothing is due, and refuses a filter value it does not know (400)', async () => {
    const today = await officer.get('/caseload?due=today');
    expect(textOf(today.html)).toContain('Nothing is due today for police in your areas.');
    const bad = await officer.get('/caseload?due=tomorrow');
    expect(bad.status).toBe(400);
    expect(textOf(bad.html)).toContain('due must be one of overdue, today, soon');
    expect((await officer.get('/caseload?colour=red')).status).toBe(400);
  });

  it('refuses an administrator the caseload', async () => {
    const admin = new WebSession(web.base);
    await admin.signIn('administrator');
    const refused = await admin.get('/caseload');
    expect(refused.status).toBe(403);
  });
});
