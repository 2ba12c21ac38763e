import fc from 'fast-check';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';
import { crimeReported, journeyEvent } from '../support/journey-events';

/** Whatever JSON an agency sends, the answer is a 2xx or a 4xx problem, never a 500. */
describe('any input', () => {
  let api: TestApi;
  let victimId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const res = await api
      .http()
      .post('/v1/victims')
      .set(bearer(KEYS.westYorkshirePolice))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(crimeReported()));
    victimId = (res.body as { victimId: string }).victimId;
  });

  afterAll(() => api.close());

  const send = (path: string, body: unknown) =>
    api
      .http()
      .post(path)
      .set(bearer(KEYS.westYorkshirePolice))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));

  // Arbitrary JSON, and well-formed events with arbitrary values in their fields.
  const nearlyAnEvent = fc.record({
    eventId: fc.oneof(fc.string(), fc.jsonValue()),
    type: fc.oneof(
      fc.constantFrom('suspect-arrested', 'sentenced', 'crime-reported', 'victim-informed'),
      fc.jsonValue(),
    ),
    schemaVersion: fc.oneof(fc.constantFrom(1, 2), fc.jsonValue()),
    occurredAt: fc.oneof(fc.constant('2026-03-06T16:30:00Z'), fc.string(), fc.jsonValue()),
    crimeReference: fc.oneof(fc.constant('13/123456/26'), fc.jsonValue()),
    data: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
  });
  const body = fc.oneof(
    fc.jsonValue(),
    nearlyAnEvent,
    fc.record({ events: fc.array(nearlyAnEvent, { maxLength: 5 }) }),
  );

  it('never answers 5xx when posting events', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await send(`/v1/victims/${victimId}/events`, b);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400)
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 150, seed: 20260323 },
    );
  });

  it('never answers 5xx when opening a journey', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await send('/v1/victims', b);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 100, seed: 20260324 },
    );
  });

  it('still holds a valid post afterwards', async () => {
    const res = await send(
      `/v1/victims/${victimId}/events`,
      journeyEvent('suspect-arrested', 'arrest-after-fuzz', '2026-03-06T16:30:00Z', {
        suspectNumber: 1,
      }),
    );
    expect(res.status).toBe(201);
  });
});
