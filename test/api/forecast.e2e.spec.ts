import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

const EXAMPLE_DRAFT = JSON.parse(
  readFileSync(join(__dirname, '../../docs/forecast-draft-example.json'), 'utf8'),
) as { rules: Record<string, unknown>[] };
const MARCH = 'from=2026-03-01&to=2026-03-31';

/**
 * Two journeys, March 2026 (GMT, no bank holidays), judged on Fri 20 Mar; working days from the
 * report as day 0. The example draft gives the Right 4 referral 1 working day instead of 2.
 * - West Yorkshire: reported Mon 2 Mar, referred Wed 4 Mar: 2020 due Wed 4 Mar, met; draft due
 *   Tue 3 Mar, met late.
 * - Greater Manchester: reported Mon 2 Mar, never referred: due Wed 4 Mar or Tue 3 Mar, breached.
 */
describe('POST /v1/forecasts: the Code-impact forecast for reports', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('2026-03-20T12:00:00Z');
    const report = async (key: string, crimeReference: string) => {
      const opened = await api
        .http()
        .post('/v1/victims')
        .set(bearer(key))
        .send(crimeReported({ occurredAt: '2026-03-02T09:00:00Z', crimeReference }));
      expect(opened.status).toBe(201);
      return (opened.body as { victimId: string }).victimId;
    };
    const westYorkshire = await report(KEYS.westYorkshirePolice, '13/000001/26');
    await report(KEYS.greaterManchesterPolice, '06/000002/26');
    const referred = await api
      .http()
      .post(`/v1/victims/${westYorkshire}/events`)
      .set(bearer(KEYS.westYorkshirePolice))
      .send(
        journeyEvent(
          'referred-to-support',
          'ref-1',
          '2026-03-04T10:00:00Z',
          { service: 'victim-support' },
          { crimeReference: '13/000001/26' },
        ),
      );
    expect(referred.status).toBe(201);
  });
  afterAll(() => api.close());

  const forecast = (key: string, query: string, body: unknown = EXAMPLE_DRAFT) =>
    api
      .http()
      .post(`/v1/forecasts?${query}`)
      .set(bearer(key))
      .send(body as object);
  const referralRow = (body: unknown) =>
    (body as { rows: { ruleId: string }[] }).rows.find((r) => r.ruleId === 'support-referral');

  it("gives a PCC team its own areas' figures, side by side", async () => {
    const res = await forecast(KEYS.westYorkshirePcc, MARCH);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      draft: { id: 'example-draft-2027', effectiveFrom: '2027-04-01' },
      period: { from: '2026-03-01', to: '2026-03-31', policeAreas: ['west-yorkshire'] },
      judgedAt: '2026-03-20T12:00:00.000Z',
      journeys: 2,
    });
    expect(referralRow(res.body)).toMatchObject({
      owedBy: 'police',
      inForce: { created: 1, met: 1, metLate: 0, breached: 0, onTimeRate: 1 },
      draft: { created: 1, met: 0, metLate: 1, breached: 0, onTimeRate: 0 },
      difference: { created: 0, met: -1, metLate: 1, onTimeRate: -1 },
    });
  });

  it('records each forecast in the audit trail', async () => {
    const trail = await api.http().get('/v1/audit').set(bearer(KEYS.operator));
    expect(trail.status).toBe(200);
    expect((trail.body as { entries: unknown[] }).entries).toContainEqual(
      expect.objectContaining({
        subject: 'pcc-west-yorkshire',
        action: 'run-forecast',
        outcome: 'allowed',
        status: 200,
      }),
    );
  });

  it('gives an operator every area when none is named', async () => {
    const res = await forecast(KEYS.operator, MARCH);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: { from: '2026-03-01', to: '2026-03-31' } });
    expect(referralRow(res.body)).toMatchObject({
      inForce: { created: 2, met: 1, metLate: 0, breached: 1, onTimeRate: 0.5, breachRate: 0.5 },
      draft: { created: 2, met: 0, metLate: 1, breached: 1, onTimeRate: 0, breachRate: 0.5 },
    });
  });

  it("refuses a PCC team another area's forecast, naming the parameter", async () => {
    const res = await forecast(KEYS.greaterManchesterPcc, `${MARCH}&policeArea=west-yorkshire`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ errors: [{ field: 'policeArea' }] });
  });

  it('refuses a draft that breaks the published schema, naming the field and the reason', async () => {
    const broken = {
      ...EXAMPLE_DRAFT,
      rules: [
        {
          ...EXAMPLE_DRAFT.rules[0],
          deadline: { kind: 'working-days', standard: -1, enhanced: 1 },
        },
      ],
    };
    const res = await forecast(KEYS.operator, MARCH, broken);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      errors: expect.arrayContaining([
        { field: 'rules[0].deadline.standard', reason: 'must be a whole number from 0 to 250' },
      ]) as unknown,
    });
  });

  it.each([
    ['a missing from', 'to=2026-03-31', 'from'],
    ['an impossible date', 'from=2026-02-30&to=2026-03-31', 'from'],
    ['to before from', 'from=2026-03-31&to=2026-03-01', 'to'],
    ['an unknown area', `${MARCH}&policeArea=atlantis`, 'policeArea'],
  ])('refuses %s, naming the parameter', async (_, query, field) => {
    const res = await forecast(KEYS.operator, query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field }] });
  });
});
