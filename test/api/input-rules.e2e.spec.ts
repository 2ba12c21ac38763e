import { CALENDAR_DATE_RULE, INSTANT_RULE } from '@vj/event-schemas';
import { openApiDocumentOf } from '../../apps/api/src/openapi/openapi-document';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';
import { crimeReported, journeyEvent } from '../support/journey-events';

/**
 * Issue 9, input rules: dates the projections could not read, unknown query parameters and a
 * crime report naming another victim are refused, naming the field, and change nothing.
 */
describe('input rules', () => {
  let api: TestApi;
  let victimId: string;

  const post = (path: string, body: unknown, key: string = KEYS.westYorkshirePolice) =>
    api
      .http()
      .post(path)
      .set(bearer(key))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const get = (path: string, key: string = KEYS.westYorkshirePolice) =>
    api.http().get(path).set(bearer(key));
  const storedTypes = async (): Promise<string[]> => {
    const res = await get(`/v1/victims/${victimId}/events`);
    expect(res.status).toBe(200);
    return (res.body as { events: { type: string }[] }).events.map((e) => e.type);
  };
  const arrest = (eventId = 'arrest-1') =>
    journeyEvent('suspect-arrested', eventId, '2026-03-06T16:30:00Z', { suspectNumber: 1 });

  beforeEach(async () => {
    api = await startTestApi('2026-03-10T12:00:00Z');
    const res = await post('/v1/victims', crimeReported());
    expect(res.status).toBe(201);
    victimId = (res.body as { victimId: string }).victimId;
  });

  afterEach(() => api.close());

  describe('dates', () => {
    it.each([
      ['a week date of birth', {}, { victimDateOfBirth: '1988-W28-4' }, 'data.victimDateOfBirth'],
      ['an ordinal date of birth', {}, { victimDateOfBirth: '1988-196' }, 'data.victimDateOfBirth'],
      ['an offence date in year 9999', {}, { offenceDate: '9999-001' }, 'data.offenceDate'],
      ['a basic-form offence date', {}, { offenceDate: '20260301' }, 'data.offenceDate'],
    ])('refuses a crime report with %s (400), opening no journey', async (_, e, data, field) => {
      const res = await post(
        '/v1/victims',
        crimeReported({ ...e, crimeReference: '13/7/26' }, data),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field, reason: CALENDAR_DATE_RULE }]);
      const found = await get('/v1/victims?crimeReference=13/7/26&victimNumber=1');
      expect(found.status).toBe(404);
    });

    it.each([
      ['a week date', '2026-W10-5T10:00:00Z'],
      ['an ordinal date', '2026-065T10:00:00Z'],
      ['year 9999', '9999-03-06T10:00:00Z'],
      ['a leap second', '2016-12-31T23:59:60Z'],
      ['no time zone', '2026-03-06T16:30:00'],
    ])('refuses an event that happened at %s (400), storing nothing', async (_, occurredAt) => {
      const res = await post(`/v1/victims/${victimId}/events`, { ...arrest(), occurredAt });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'occurredAt', reason: INSTANT_RULE }]);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('lets the corrected crime report open the journey, which the force then sees', async () => {
      const week = crimeReported(
        { eventId: 'cr-week', crimeReference: '13/8/26' },
        { victimDateOfBirth: '2012-W28-4' },
      );
      expect((await post('/v1/victims', week)).status).toBe(400);
      const corrected = await post('/v1/victims', {
        ...week,
        data: { ...week.data, victimDateOfBirth: '2012-07-12' },
      });
      expect(corrected.status).toBe(201);
      const journey = await get(`/v1/victims/${(corrected.body as { victimId: string }).victimId}`);
      expect(journey.status).toBe(200);
    });
  });

  describe('free text', () => {
    it('refuses a reason with a bidi override and a correlation id with a NUL (400), naming both', async () => {
      const res = await post(`/v1/victims/${victimId}/events`, {
        ...journeyEvent('decided-not-to-investigate', 'dni-1', '2026-03-06T16:30:00Z', {
          reason: 'no \u202elines of enquiry',
        }),
        correlationId: 'case\u0000-1',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: 'correlationId',
          reason:
            'must not contain control characters, bidirectional formatting or lone surrogates',
        },
        {
          field: 'data.reason',
          reason:
            'must not contain control characters, bidirectional formatting or lone surrogates',
        },
      ]);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });
  });

  describe('query parameters', () => {
    it('refuses a misspelt expectedRevision (400), naming it and the one meant, storing nothing', async () => {
      const res = await post(`/v1/victims/${victimId}/events?expectedrevision=0`, arrest());
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 400,
        errors: [
          {
            field: 'expectedrevision',
            reason: 'is not a parameter of this endpoint; did you mean expectedRevision?',
          },
        ],
      });
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('still takes the declared ones', async () => {
      const res = await post(`/v1/victims/${victimId}/events?expectedRevision=0`, arrest());
      expect(res.status).toBe(201);
      expect((await get(`/v1/victims/${victimId}/events?fromRevision=1&limit=1`)).status).toBe(200);
    });

    it('asks for the key before it says anything about the parameters (401)', async () => {
      const res = await api.http().get(`/v1/victims/${victimId}/events?nonsense=1`);
      expect(res.status).toBe(401);
    });

    it('refuses an unknown parameter on every route of the OpenAPI document (400), naming it', async () => {
      const document = openApiDocumentOf(api.app);
      const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
        (['get', 'post'] as const)
          .filter((method) => operations[method])
          .map((method) => ({ method, path: path.replace('{victimId}', victimId) })),
      );
      expect(routes.length).toBeGreaterThanOrEqual(10);
      for (const { method, path } of routes) {
        const res = await api
          .http()
          [method](`${path}?notAParameter=1`)
          .set(bearer(KEYS.westYorkshirePolice))
          .set('Content-Type', 'application/json')
          .send(method === 'post' ? JSON.stringify(arrest(`unknown-${path}`)) : undefined);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 400 });
        expect(res.body.errors).toEqual([
          { field: 'notAParameter', reason: expect.stringMatching(/^is not a parameter/) },
        ]);
      }
      expect(await storedTypes()).toEqual(['crime-reported']);
    });
  });

  describe('a second crime report into a journey', () => {
    it('is refused when it names another crime, victim number and date of birth (409), naming each', async () => {
      const res = await post(
        `/v1/victims/${victimId}/events`,
        crimeReported(
          { eventId: 'crime-report-2', crimeReference: '13/654321/26' },
          { victimNumber: 2, victimDateOfBirth: '2012-01-01' },
        ),
      );
      expect(res.status).toBe(409);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'crimeReference',
        'data.victimNumber',
        'data.victimDateOfBirth',
      ]);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('stays an idempotent replay when it is the same report', async () => {
      const res = await post(`/v1/victims/${victimId}/events`, crimeReported());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ replayed: true, streamRevision: 0 });
    });
  });
});
