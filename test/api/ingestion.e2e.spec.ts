import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';
import { crimeReported, journeyEvent, type PostedEvent } from '../support/journey-events';

const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('agency ingestion API', () => {
  let api: TestApi;
  let victimId: string;

  const post = (path: string, key: string, body: unknown) =>
    api.http().post(path).set(bearer(key)).set(JSON_TYPE).send(JSON.stringify(body));
  const events = (path = `/v1/victims/${victimId}/events`) => post.bind(null, path);
  const storedTypes = async (id = victimId): Promise<string[]> => {
    const res = await api
      .http()
      .get(`/v1/victims/${id}/events?limit=500`)
      .set(bearer(KEYS.westYorkshirePolice));
    expect(res.status).toBe(200);
    return (res.body as { events: { type: string }[] }).events.map((e) => e.type);
  };
  const arrest = (eventId = 'arrest-1', occurredAt = '2026-03-06T16:30:00Z') =>
    journeyEvent('suspect-arrested', eventId, occurredAt, { suspectNumber: 1 });

  beforeEach(async () => {
    api = await startTestApi('2026-03-10T12:00:00Z');
    const res = await post('/v1/victims', KEYS.westYorkshirePolice, crimeReported());
    expect(res.status).toBe(201);
    victimId = (res.body as { victimId: string }).victimId;
  });

  afterEach(() => api.close());

  describe('opening a journey', () => {
    it('stores the crime report with the envelope we set, and says where the victim is', async () => {
      const res = await api
        .http()
        .get(`/v1/victims/${victimId}/events`)
        .set(bearer(KEYS.westYorkshirePolice));

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        victimId,
        nextFromRevision: null,
        events: [
          {
            ...crimeReported(),
            revision: 0,
            globalPosition: '1',
            recordedAt: '2026-03-10T12:00:00.000Z',
            agency: { id: 'police-west-yorkshire', kind: 'police' },
            policeArea: 'west-yorkshire',
            caseUrn: null,
            correlationId: null,
            causationId: null,
          },
        ],
      });
    });

    it('answers a retried crime report with the same victim and stores nothing new', async () => {
      const retry = await post('/v1/victims', KEYS.westYorkshirePolice, crimeReported());

      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ victimId, replayed: true, streamRevision: 0 });
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('refuses a second registration of the same victim under another event id (409)', async () => {
      const res = await post(
        '/v1/victims',
        KEYS.westYorkshirePolice,
        crimeReported({ eventId: 'crime-report-2' }),
      );

      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 409,
        detail: 'a victim with this crime reference and victim number is already registered',
        victimId,
      });
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('lets only a police force open a journey (403)', async () => {
      const res = await post(
        '/v1/victims',
        KEYS.yorkshireCps,
        crimeReported({ crimeReference: '99/1/26' }),
      );
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status: 403, title: 'Not allowed for your agency' });
    });

    it('opens a journey only with a crime report (400)', async () => {
      const res = await post('/v1/victims', KEYS.westYorkshirePolice, arrest());
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'type', reason: "must be 'crime-reported'" }]);
    });

    it('finds the victim from the crime reference and victim number', async () => {
      const found = await api
        .http()
        .get('/v1/victims?crimeReference=13/123456/26&victimNumber=1')
        .set(bearer(KEYS.westYorkshirePolice));
      const byCps = await api
        .http()
        .get('/v1/victims?crimeReference=13/123456/26&victimNumber=1&policeArea=west-yorkshire')
        .set(bearer(KEYS.yorkshireCps));
      const otherVictim = await api
        .http()
        .get('/v1/victims?crimeReference=13/123456/26&victimNumber=2')
        .set(bearer(KEYS.westYorkshirePolice));
      const badNumber = await api
        .http()
        .get('/v1/victims?crimeReference=13/123456/26&victimNumber=first')
        .set(bearer(KEYS.westYorkshirePolice));

      expect(found.body).toEqual({ victimId });
      expect(byCps.body).toEqual({ victimId });
      expect(otherVictim.status).toBe(404);
      expect(badNumber.status).toBe(400);
      expect(badNumber.body.errors).toEqual([
        { field: 'victimNumber', reason: 'must be a whole number from 1 to 999' },
      ]);
    });
  });

  describe('posting events', () => {
    it('appends one event at the next revision (201)', async () => {
      const res = await events()(KEYS.westYorkshirePolice, arrest());

      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        victimId,
        replayed: false,
        streamRevision: 1,
        events: [
          {
            eventId: 'arrest-1',
            type: 'suspect-arrested',
            revision: 1,
            policeArea: 'west-yorkshire',
          },
        ],
      });
      expect(await storedTypes()).toEqual(['crime-reported', 'suspect-arrested']);
    });

    it('appends a batch atomically, in order', async () => {
      const res = await events()(KEYS.westYorkshirePolice, {
        events: [
          arrest(),
          journeyEvent('suspect-interviewed-under-caution', 'interview-1', '2026-03-06T18:00:00Z', {
            suspectNumber: 1,
          }),
          journeyEvent('suspect-released-on-bail', 'bail-1', '2026-03-06T21:00:00Z', {
            suspectNumber: 1,
            conditionsProtectVictim: true,
          }),
        ],
      });

      expect(res.status).toBe(201);
      expect(res.body.events.map((e: { revision: number }) => e.revision)).toEqual([1, 2, 3]);
      expect(await storedTypes()).toEqual([
        'crime-reported',
        'suspect-arrested',
        'suspect-interviewed-under-caution',
        'suspect-released-on-bail',
      ]);
    });

    it('refuses the whole batch when one event is bad (400), naming each bad field, storing none', async () => {
      const res = await events()(KEYS.westYorkshirePolice, {
        events: [
          arrest(),
          journeyEvent('suspect-interviewed-under-caution', 'interview-1', '2026-03-06T18:00:00Z', {
            suspectNumber: 'one',
          }),
          journeyEvent('suspect-released-on-bail', 'bail-1', '2026-04-01T09:00:00Z', {
            suspectNumber: 1,
          }),
          { ...arrest('arrest-2'), schemaVersion: 7 },
          journeyEvent('suspect-vanished', 'x-1', '2026-03-06T18:00:00Z'),
        ],
      });

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual({
        type: 'urn:victim-journey:problem:invalid-request',
        title: 'Invalid request',
        status: 400,
        detail: 'the events are not valid',
        errors: [
          { field: 'events[1].data.suspectNumber', reason: 'must be an integer number' },
          { field: 'events[2].occurredAt', reason: 'must not be in the future' },
          { field: 'events[2].data.conditionsProtectVictim', reason: 'must be a boolean value' },
          {
            field: 'events[3].schemaVersion',
            reason: "version 7 of 'suspect-arrested' is not published (published: 1)",
          },
          {
            field: 'events[4].type',
            reason: "unknown event type 'suspect-vanished'; see GET /v1/event-schemas",
          },
        ],
      });
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('refuses a victim-informed event naming no entitlement of the Code (400)', async () => {
      const res = await events()(
        KEYS.westYorkshirePolice,
        journeyEvent('victim-informed', 'told-1', '2026-03-07T10:00:00Z', {
          entitlement: 'arrest-news',
          method: 'phone',
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: 'data.entitlement',
          reason: "'arrest-news' is not an entitlement of the Victims' Code (see README)",
        },
      ]);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('refuses a batch that repeats an event id (400)', async () => {
      const res = await events()(KEYS.westYorkshirePolice, { events: [arrest(), arrest()] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'events[1].eventId', reason: 'repeats the eventId of events[0].eventId' },
      ]);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('refuses an event type the agency does not own (403), storing nothing', async () => {
      const sentence = journeyEvent('sentenced', 'sentence-1', '2026-03-09T15:00:00Z', {
        suspectNumber: 1,
        offenceCategory: 'burglary',
        specifiedOffence: false,
        custodyMonths: 18,
      });
      const res = await events()(KEYS.westYorkshirePolice, { events: [arrest(), sentence] });

      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        status: 403,
        errors: [{ field: 'events[1].type', reason: "a police agency may not post 'sentenced'" }],
      });
      expect(await storedTypes()).toEqual(['crime-reported']);
      const byCourt = await events()(KEYS.leedsCourt, sentence);
      expect(byCourt.status).toBe(201);
    });

    it('treats a retried post as the same post: the first result, nothing stored twice', async () => {
      const batch = { events: [arrest(), arrest('arrest-2', '2026-03-07T09:00:00Z')] };
      const first = await events()(KEYS.westYorkshirePolice, batch);
      api.clock.set('2026-03-10T12:05:00Z');
      const retry = await events()(KEYS.westYorkshirePolice, batch);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ ...first.body, replayed: true });
      expect(await storedTypes()).toEqual([
        'crime-reported',
        'suspect-arrested',
        'suspect-arrested',
      ]);
    });

    it('treats the same content with its keys in another order as the same post', async () => {
      await events()(KEYS.westYorkshirePolice, arrest());
      const { data, ...envelope } = arrest();
      const reordered = { data, ...Object.fromEntries(Object.entries(envelope).reverse()) };
      const retry = await events()(KEYS.westYorkshirePolice, reordered);
      expect(retry.status).toBe(200);
      expect(await storedTypes()).toEqual(['crime-reported', 'suspect-arrested']);
    });

    it('refuses an event id reused for different content (409), storing nothing', async () => {
      await events()(KEYS.westYorkshirePolice, arrest());
      const changed = arrest('arrest-1', '2026-03-06T17:00:00Z');
      const res = await events()(KEYS.westYorkshirePolice, changed);

      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        status: 409,
        detail: 'these event ids were already used for different content',
        errors: [
          {
            field: 'eventId',
            reason: "'arrest-1' was already used for an event with different content",
          },
        ],
      });
      expect(await storedTypes()).toEqual(['crime-reported', 'suspect-arrested']);
    });

    it('refuses a batch mixing a stored event id with new ones (409), storing nothing', async () => {
      await events()(KEYS.westYorkshirePolice, arrest());
      const res = await events()(KEYS.westYorkshirePolice, {
        events: [arrest('arrest-2'), arrest()],
      });
      expect(res.status).toBe(409);
      expect(res.body.errors).toEqual([
        {
          field: 'events[1].eventId',
          reason: "'arrest-1' was stored by an earlier post that had other events",
        },
      ]);
      expect(await storedTypes()).toEqual(['crime-reported', 'suspect-arrested']);
    });

    it('appends at an expected revision, and refuses a stale one (409) storing nothing', async () => {
      const ok = await events(`/v1/victims/${victimId}/events?expectedRevision=0`)(
        KEYS.westYorkshirePolice,
        arrest(),
      );
      const stale = await events(`/v1/victims/${victimId}/events?expectedRevision=0`)(
        KEYS.westYorkshirePolice,
        arrest('arrest-2'),
      );

      expect(ok.status).toBe(201);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        detail: "the victim's stream is at revision 1, not 0",
        streamRevision: 1,
        errors: [{ field: 'expectedRevision', reason: 'stream is at revision 1' }],
      });
      expect(await storedTypes()).toEqual(['crime-reported', 'suspect-arrested']);
    });

    it('lets exactly one of two racing posts at the same revision win', async () => {
      const url = `/v1/victims/${victimId}/events?expectedRevision=0`;
      const [a, b] = await Promise.all([
        events(url)(KEYS.westYorkshirePolice, arrest('arrest-a')),
        events(url)(KEYS.westYorkshirePolice, arrest('arrest-b')),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect(await storedTypes()).toEqual(['crime-reported', 'suspect-arrested']);
    });

    it('answers 404 for an unknown or malformed victim id', async () => {
      const unknown = await events('/v1/victims/00000000-0000-4000-8000-000000000000/events')(
        KEYS.westYorkshirePolice,
        arrest(),
      );
      const malformed = await events('/v1/victims/not-a-victim/events')(
        KEYS.westYorkshirePolice,
        arrest(),
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ status: 404, title: 'Not found' });
      expect(malformed.status).toBe(404);
    });

    it("hides another area's victims from an agency (404)", async () => {
      const post = await events()(KEYS.greaterManchesterPolice, arrest());
      const read = await api
        .http()
        .get(`/v1/victims/${victimId}/events`)
        .set(bearer(KEYS.greaterManchesterPolice));
      expect(post.status).toBe(404);
      expect(read.status).toBe(404);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('lets a national body (the Parole Board) post to any area', async () => {
      const res = await events()(
        KEYS.paroleBoard,
        journeyEvent('parole-hearing-listed', 'ph-1', '2026-03-09T09:00:00Z', {
          suspectNumber: 1,
          paroleHearingId: 'PB-1',
          hearingDate: '2026-06-15',
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body.events[0]).toMatchObject({
        agency: { id: 'parole-board', kind: 'parole-board' },
        policeArea: 'west-yorkshire',
      });
    });
  });

  describe('refusing unusable requests', () => {
    it('needs an API key (401) and a known one (401)', async () => {
      const none = await api
        .http()
        .post(`/v1/victims/${victimId}/events`)
        .set(JSON_TYPE)
        .send(JSON.stringify(arrest()));
      const wrong = await events()('not-a-key', arrest());
      expect(none.status).toBe(401);
      expect(none.body.errors).toEqual([{ field: 'Authorization', reason: 'is missing' }]);
      expect(wrong.status).toBe(401);
      expect(wrong.body.errors).toEqual([
        { field: 'Authorization', reason: 'is not a known API key' },
      ]);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('needs a JSON body (415)', async () => {
      const res = await api
        .http()
        .post(`/v1/victims/${victimId}/events`)
        .set(bearer(KEYS.westYorkshirePolice))
        .set('Content-Type', 'text/plain')
        .send('suspect arrested');
      expect(res.status).toBe(415);
      expect(res.body.errors).toEqual([
        { field: 'Content-Type', reason: 'must be application/json' },
      ]);
    });

    it('refuses JSON that does not parse (400)', async () => {
      const res = await api
        .http()
        .post(`/v1/victims/${victimId}/events`)
        .set(bearer(KEYS.westYorkshirePolice))
        .set(JSON_TYPE)
        .send('{"eventId": ');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: '(body)', reason: 'is not valid JSON' }]);
    });

    it('refuses a body over the size limit (413) and a batch over 100 events (413)', async () => {
      const huge = { ...arrest(), data: { suspectNumber: 1, padding: 'x'.repeat(1024 * 1024) } };
      const tooMany = { events: Array.from({ length: 101 }, (_, i) => arrest(`arrest-${i}`)) };
      const big = await events()(KEYS.westYorkshirePolice, huge);
      const many = await events()(KEYS.westYorkshirePolice, tooMany);
      expect(big.status).toBe(413);
      expect(many.status).toBe(413);
      expect(many.body.errors).toEqual([
        { field: 'events', reason: 'has 101 events; at most 100' },
      ]);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it.each<[string, unknown]>([
      ['null', null],
      ['a list', [arrest()]],
      ['a string', 'arrest'],
      ['a number', 42],
      ['an empty object', {}],
      ['an empty batch', { events: [] }],
      ['a batch that is not a list', { events: 'arrest' }],
      ['a batch with extra fields', { events: [arrest()], expectedRevision: 3 }],
      ['events that are not objects', { events: [1, null, 'x'] }],
      ['data that is a string', { ...arrest(), data: 'suspect 1' }],
      [
        'a deeply nested value',
        { ...arrest(), data: { suspectNumber: JSON.parse('['.repeat(500) + ']'.repeat(500)) } },
      ],
      ['a huge number', { ...arrest(), data: { suspectNumber: 1e308 } }],
      ['a prototype key', JSON.parse('{"__proto__": {"type": "sentenced"}, "eventId": "p-1"}')],
    ])('answers %s with a 400 and stores nothing', async (_, body) => {
      const res = await events()(KEYS.westYorkshirePolice, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(await storedTypes()).toEqual(['crime-reported']);
    });

    it('answers a bad query parameter with a 400 naming it', async () => {
      const res = await api
        .http()
        .get(`/v1/victims/${victimId}/events?limit=0`)
        .set(bearer(KEYS.westYorkshirePolice));
      const rev = await events(`/v1/victims/${victimId}/events?expectedRevision=-1`)(
        KEYS.westYorkshirePolice,
        arrest(),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'limit', reason: 'must be a whole number from 1 to 500' },
      ]);
      expect(rev.status).toBe(400);
      expect(rev.body.errors[0].field).toBe('expectedRevision');
    });

    it('answers an unknown route with a 404 problem', async () => {
      const res = await api.http().get('/v1/nothing-here').set(bearer(KEYS.westYorkshirePolice));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('reading a journey', () => {
    it('pages through the stream in revision order', async () => {
      const batch: PostedEvent[] = Array.from({ length: 4 }, (_, i) =>
        journeyEvent('suspect-bail-varied', `bail-${i}`, '2026-03-08T10:00:00Z', {
          suspectNumber: 1,
          change: 'extended',
        }),
      );
      await events()(KEYS.westYorkshirePolice, { events: batch });

      const read = (from: number) =>
        api
          .http()
          .get(`/v1/victims/${victimId}/events?fromRevision=${from}&limit=2`)
          .set(bearer(KEYS.yorkshireCps));
      const page1 = await read(0);
      const page3 = await read(4);

      expect(page1.body.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
      expect(page1.body.nextFromRevision).toBe(2);
      expect(page3.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(['bail-3']);
      expect(page3.body.nextFromRevision).toBeNull();
    });
  });

  describe('published surfaces', () => {
    it('serves the event schema catalogue without a key', async () => {
      const res = await api.http().get('/v1/event-schemas');
      expect(res.status).toBe(200);
      expect(res.body.events).toHaveLength(60);
      expect(
        res.body.events.find(
          (e: { type: string; schemaVersion: number }) =>
            e.type === 'sentenced' && e.schemaVersion === 2,
        ),
      ).toMatchObject({
        owners: ['court'],
      });
    });

    it('serves OpenAPI at /docs and health at /health', async () => {
      const docs = await api.http().get('/docs/openapi.json');
      const page = await api.http().get('/docs');
      const health = await api.http().get('/health');
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining([
          '/v1/victims',
          '/v1/victims/{victimId}/events',
          '/v1/event-schemas',
          '/health',
        ]),
      );
      expect(page.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'ok',
        info: { eventStore: { status: 'up' }, readModels: { status: 'up' } },
      });
      const metrics = await api.http().get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.text).toMatch(/^vj_events_ingested_total\{.*agency_kind="police".*\} 1$/m);
    });
  });
});
