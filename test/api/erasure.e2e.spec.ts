import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EventStore } from '@vj/event-store';
import { JourneyProjector, type ReadModels } from '@vj/read-models';
import { EVENT_STORE, READ_MODELS } from '@vj/nest-edge';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

const CHILD_DATE_OF_BIRTH = '2012-05-01';
const REASON_TEXT = 'Victim told officer at her home on Acacia Avenue she does not want it pursued';

/**
 * Erasure, end to end on the embedded store: personal fields are sealed at rest, read in the
 * clear by the agencies of the journey, and once an administrator erases the victim they read as
 * "[erased]" everywhere, while the journey, caseload, breaches and their counts stay exactly as
 * they were, before and after a rebuild of the read models.
 */
describe("erasing a victim's personal data", () => {
  let api: TestApi;
  let victimId: string;

  const get = (path: string, key: string) => api.http().get(path).set(bearer(key));
  const erase = (body: object, key: string = KEYS.operator) =>
    api.http().post(`/v1/victims/${victimId}/erasure`).set(bearer(key)).send(body);
  const stream = async () =>
    (await get(`/v1/victims/${victimId}/events`, KEYS.westYorkshirePolice)).body as {
      events: { type: string; data: Record<string, unknown> }[];
    };
  const dataOf = async (type: string) => (await stream()).events.find((e) => e.type === type)?.data;

  /** What a user of the read side sees: journey, caseload and breaches, and their counts. */
  const readSide = async () => ({
    journey: (await get(`/v1/victims/${victimId}`, KEYS.westYorkshirePolice)).body as unknown,
    caseload: (await get('/v1/caseload?due=open', KEYS.westYorkshirePolice)).body as unknown,
    overdue: (await get('/v1/caseload?due=overdue', KEYS.westYorkshirePolice)).body as unknown,
    breaches: (await get('/v1/breaches', KEYS.westYorkshirePcc)).body as unknown,
  });

  /** Every row of a SQLite file's table, as text: what is at rest. */
  const atRest = (file: string, table: string) => {
    const db = new Database(join(api.dataDir, file), { readonly: true });
    try {
      const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      return rows.map((row) => Object.values(row).join(' ')).join('\n');
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    api = await startTestApi('2026-03-20T12:00:00Z');
    const opened = await api
      .http()
      .post('/v1/victims')
      .set(bearer(KEYS.westYorkshirePolice))
      .send(crimeReported({}, { victimDateOfBirth: CHILD_DATE_OF_BIRTH }));
    expect(opened.status).toBe(201);
    victimId = (opened.body as { victimId: string }).victimId;
    const posted = await api
      .http()
      .post(`/v1/victims/${victimId}/events`)
      .set(bearer(KEYS.westYorkshirePolice))
      .send({
        events: [
          journeyEvent('suspect-arrested', 'arrest-1', '2026-03-03T09:00:00Z', {
            suspectNumber: 1,
          }),
          journeyEvent('decided-not-to-prosecute', 'nfa-1', '2026-03-05T15:00:00Z', {
            suspectNumber: 1,
            reason: REASON_TEXT,
          }),
        ],
      });
    expect(posted.status).toBe(201);
  });

  afterAll(() => api.close());

  it('keeps no personal field in the clear at rest, and shows them to the agencies of the journey', async () => {
    const events = atRest('events.sqlite', 'events');
    expect(events).not.toContain(CHILD_DATE_OF_BIRTH);
    expect(events).not.toContain('Acacia Avenue');
    expect(events).toContain('"enc":"v1"');
    const readModels = atRest('read-models.sqlite', 'journeys');
    expect(readModels).not.toContain(CHILD_DATE_OF_BIRTH);
    expect(readModels).not.toContain('Acacia Avenue');

    expect((await dataOf('crime-reported'))?.victimDateOfBirth).toBe(CHILD_DATE_OF_BIRTH);
    expect((await dataOf('decided-not-to-prosecute'))?.reason).toBe(REASON_TEXT);
  });

  it('erases on an administrator\'s request: the stream reads "[erased]", and nothing the Code counts changes, even after a rebuild', async () => {
    const before = await readSide();
    expect(before.journey).toMatchObject({
      enhancedRights: { enhanced: true, reasons: ['under-18'] },
    });
    expect((before.breaches as { total: number }).total).toBeGreaterThan(0);

    const refused = await erase({ reason: 'the victim asked' }, KEYS.westYorkshirePolice);
    expect(refused.status).toBe(403);
    const noReason = await erase({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([
      { field: 'reason', reason: 'is required: why the data is erased' },
    ]);
    expect((await dataOf('crime-reported'))?.victimDateOfBirth).toBe(CHILD_DATE_OF_BIRTH);

    const erased = await erase({ reason: 'the victim asked (UK GDPR Article 17)' });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({
      victimId,
      erasedAt: '2026-03-20T12:00:00.000Z',
      erasedBy: 'operator-service-desk',
      reason: 'the victim asked (UK GDPR Article 17)',
      fields: [
        { eventId: 'crime-report-1', type: 'crime-reported', field: 'victimDateOfBirth' },
        { eventId: 'nfa-1', type: 'decided-not-to-prosecute', field: 'reason' },
      ],
    });

    expect(await dataOf('crime-reported')).toMatchObject({
      victimDateOfBirth: '[erased]',
      offenceCategory: 'burglary',
    });
    expect((await dataOf('decided-not-to-prosecute'))?.reason).toBe('[erased]');
    expect((await stream()).events).toHaveLength(3);
    expect(await readSide()).toEqual(before);

    const projector = new JourneyProjector(
      api.app.get<EventStore>(EVENT_STORE),
      api.app.get<ReadModels>(READ_MODELS),
      api.clock,
    );
    expect(await projector.rebuild()).toBe(3);
    expect(await readSide()).toEqual(before);
    expect((await dataOf('crime-reported'))?.victimDateOfBirth).toBe('[erased]');
  });

  it('answers a second erasure with the first, changing nothing', async () => {
    api.clock.set('2026-03-21T12:00:00Z');
    const again = await erase({ reason: 'asked again' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      erasedAt: '2026-03-20T12:00:00.000Z',
      reason: 'the victim asked (UK GDPR Article 17)',
    });
  });

  it('keeps no personal field posted after the erasure', async () => {
    const later = await api
      .http()
      .post(`/v1/victims/${victimId}/events`)
      .set(bearer(KEYS.westYorkshirePolice))
      .send(
        journeyEvent('decided-not-to-investigate', 'ndi-1', '2026-03-21T09:00:00Z', {
          reason: REASON_TEXT,
        }),
      );
    expect(later.status).toBe(201);
    expect(later.body.events[0].data).toEqual({ reason: '[erased]' });
    expect(atRest('events.sqlite', 'events')).not.toContain('Acacia Avenue');
  });

  it('answers 404 for an unknown victim, as the other victim reads do', async () => {
    const res = await api
      .http()
      .post('/v1/victims/00000000-0000-4000-8000-000000000000/erasure')
      .set(bearer(KEYS.operator))
      .send({ reason: 'asked' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
