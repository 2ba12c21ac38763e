import fc from 'fast-check';
import type { EventStore } from '@vj/event-store';
import { EVENT_STORE } from '@vj/nest-edge';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';
import { crimeReported, journeyEvent } from '../support/journey-events';

/**
 * Hostile input against the API in process: every class of payload a careless or malicious
 * client sends. Whatever comes, the answer is never a 5xx, a refusal is problem details, and
 * nothing is stored. `npm test` runs a short profile; `npm run test:fuzz` a long one
 * (FUZZ_RUNS runs per property, 1000 by default there). Seeds are fixed so a failure replays;
 * FUZZ_SEED picks another.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const settings = (offset: number, runs = RUNS) => ({
  numRuns: runs,
  seed: SEED + offset,
  endOnFailure: true,
});
/** Bodies near the size limit cost a second or more each: fewer runs of those. */
const HEAVY_RUNS = Math.max(2, Math.ceil(RUNS / 20));
/** Until the body parser caps keys, each key costs a validation error: the short profile stays small. */
const MAX_KEYS = process.env.FUZZ_RUNS === undefined ? 3_000 : 60_000;
/** Enough for the long profile on a busy machine; a property that hangs still ends. */
const TIMEOUT = 30_000 + RUNS * 3_000;

describe('hostile input', () => {
  let api: TestApi;
  let store: EventStore;
  let victimId: string;
  let lastPosition: bigint;

  beforeAll(async () => {
    api = await startTestApi('2026-03-10T12:00:00Z');
    store = api.app.get<EventStore>(EVENT_STORE);
    const opened = await rawPost('/v1/victims', JSON.stringify(crimeReported()));
    expect(opened.status).toBe(201);
    victimId = (opened.body as { victimId: string }).victimId;
    lastPosition = await endOfStore();
  }, 60_000);

  afterAll(() => api.close());

  async function endOfStore(): Promise<bigint> {
    let position = 0n;
    for (;;) {
      const page = await store.readAll({ after: position, maxCount: 1000 });
      const last = page[page.length - 1];
      if (!last) return position;
      position = last.globalPosition;
    }
  }

  function rawPost(path: string, body: string | Buffer, contentType = 'application/json') {
    return (
      api
        .http()
        .post(path)
        .set(bearer(KEYS.westYorkshirePolice))
        .set('Content-Type', contentType)
        // The bytes as they are: superagent would otherwise write a Buffer as JSON.
        .serialize((bytes: unknown) => bytes as string)
        .send(body)
    );
  }

  /** Never a 5xx, a refusal as problem details, and not one event stored by it. */
  async function refusedStoringNothing(
    res: { status: number; headers: Record<string, string> },
    expectedStatus?: number,
  ): Promise<void> {
    const stored = await store.readAll({ after: lastPosition, maxCount: 1000 });
    // Moved on first, so one property's failure is not blamed on the next.
    lastPosition = stored[stored.length - 1]?.globalPosition ?? lastPosition;
    expect(res.status).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(400);
    if (expectedStatus !== undefined) expect(res.status).toBe(expectedStatus);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stored.map((e) => e.metadata.agencyEventId)).toEqual([]);
  }

  const eventsPath = () => `/v1/victims/${victimId}/events`;
  let n = 0;
  const arrest = () =>
    journeyEvent('suspect-arrested', `fuzz-${++n}`, '2026-03-06T16:30:00Z', { suspectNumber: 1 });

  // ---- every ISO 8601 form the projections could not read ------------------------------------

  const digits = (count: number) => fc.stringMatching(new RegExp(`^[0-9]{${count}}$`));
  const year = fc.integer({ min: 1900, max: 2026 }).map(String);
  const twoDigits = (min: number, max: number) =>
    fc.integer({ min, max }).map((v) => String(v).padStart(2, '0'));
  const time = fc.tuple(twoDigits(0, 23), twoDigits(0, 59), twoDigits(0, 59));
  const hostileDate = fc.oneof(
    fc
      .tuple(year, twoDigits(1, 53), fc.integer({ min: 1, max: 7 }))
      .map(([y, w, d]) => `${y}-W${w}-${d}`),
    fc.tuple(year, twoDigits(1, 53)).map(([y, w]) => `${y}W${w}`),
    fc
      .tuple(year, fc.integer({ min: 1, max: 366 }))
      .map(([y, d]) => `${y}-${String(d).padStart(3, '0')}`),
    fc.tuple(year, twoDigits(1, 12), twoDigits(1, 28)).map(([y, m, d]) => `${y}${m}${d}`),
    fc
      .tuple(fc.constantFrom('+', '-'), digits(6), twoDigits(1, 12), twoDigits(1, 28))
      .map(([s, y, m, d]) => `${s}${y}-${m}-${d}`),
    fc
      .tuple(fc.integer({ min: 2101, max: 9999 }), twoDigits(1, 12), twoDigits(1, 28))
      .map(([y, m, d]) => `${y}-${m}-${d}`),
    fc
      .tuple(fc.integer({ min: 0, max: 1899 }), twoDigits(1, 12), twoDigits(1, 28))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`),
    fc
      .tuple(
        year,
        fc.constantFrom(
          '02-30',
          '02-31',
          '04-31',
          '06-31',
          '09-31',
          '11-31',
          '13-01',
          '00-10',
          '05-00',
        ),
      )
      .map(([y, md]) => `${y}-${md}`),
    year.map((y) => `${y}-03`),
    year,
  );
  const hostileInstant = fc.oneof(
    hostileDate.chain((d) => time.map(([h, m, s]) => `${d}T${h}:${m}:${s}Z`)),
    fc.tuple(year, twoDigits(1, 12), twoDigits(1, 28)).chain(([y, mo, d]) =>
      fc.constantFrom(
        `${y}-${mo}-${d}T23:59:60Z`, // a leap second
        `${y}-${mo}-${d}T24:00:00Z`,
        `${y}-${mo}-${d}T10:15:00`, // no zone
        `${y}-${mo}-${d}T10:15Z`, // no seconds
        `${y}-${mo}-${d}T10:15:00+01`, // hours-only offset
        `${y}-${mo}-${d}T10:15:00+0100`, // offset without a colon
        `${y}-${mo}-${d}T10:15:00+24:00`,
        `${y}-${mo}-${d}t10:15:00z`,
        `${y}-${mo}-${d} 10:15:00Z`,
        `${y}-${mo}-${d}T10:15:00,5Z`, // comma fraction
        `${y}-${mo}-${d}T10:15:00.1234567890Z`,
        `${y}${mo}${d}T101500Z`, // basic form
        `${y}-${mo}-${d}T10:15:00Z/P1D`, // an interval
        `${y}-${mo}-${d}`, // a date alone
      ),
    ),
  );

  it(
    'refuses every date form the projections could not read, naming the field',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileInstant, hostileDate, async (instant, date) => {
          const at = await rawPost(
            eventsPath(),
            JSON.stringify({ ...arrest(), occurredAt: instant }),
          );
          await refusedStoringNothing(at, 400);
          expect(at.body.errors).toEqual([{ field: 'occurredAt', reason: expect.any(String) }]);

          const born = await rawPost(
            '/v1/victims',
            JSON.stringify(
              crimeReported({ crimeReference: `FZ/${++n}` }, { victimDateOfBirth: date }),
            ),
          );
          await refusedStoringNothing(born, 400);
          expect(born.body.errors).toEqual([
            { field: 'data.victimDateOfBirth', reason: expect.any(String) },
          ]);
        }),
        settings(1),
      );
    },
    TIMEOUT,
  );

  // ---- free text: unicode edge cases and unbounded length ------------------------------------

  const hidden = fc.constantFrom(
    '\u0000',
    '\u0007',
    '\u0008',
    '\t',
    '\n',
    '\r',
    '\u001b',
    '\u007f',
    '\u0085',
    '\u009b',
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\ud800',
    '\udbff',
    '\udc00',
    '\udfff',
  );
  const text = fc.string({ unit: 'grapheme', maxLength: 20 });
  const hostileText = fc.oneof(
    fc.tuple(text, hidden, text).map(([a, h, b]) => `${a}${h}${b}`),
    fc.integer({ min: 501, max: 100_000 }).map((length) => 'x'.repeat(length)),
    fc.constant(''),
  );

  it(
    'refuses free text with hidden characters or past its bound, in the envelope or the data',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileText,
          fc.constantFrom('reason', 'correlationId', 'causationId'),
          async (value, field) => {
            const base = journeyEvent(
              'decided-not-to-investigate',
              `fuzz-${++n}`,
              '2026-03-06T16:30:00Z',
              {
                reason: field === 'reason' ? value : 'no lines of enquiry',
              },
            );
            const body = field === 'reason' ? base : { ...base, [field]: value };
            // JSON.stringify writes a lone surrogate as the escape \ud800: still well-formed JSON.
            const res = await rawPost(eventsPath(), JSON.stringify(body));
            await refusedStoringNothing(res, 400);
          },
        ),
        settings(2),
      );
    },
    TIMEOUT,
  );

  it(
    'refuses raw bytes that are not UTF-8 (overlong forms, lone continuation bytes, surrogates)',
    async () => {
      const invalidUtf8 = fc.constantFrom(
        [0xc0, 0xaf], // overlong '/'
        [0xe0, 0x80, 0xaf], // overlong '/'
        [0xf0, 0x80, 0x80, 0xaf],
        [0xc0, 0x80], // overlong NUL
        [0xed, 0xa0, 0x80], // an encoded surrogate
        [0x80],
        [0xff],
      );
      await fc.assert(
        fc.asyncProperty(invalidUtf8, async (bytes) => {
          const [before, after] = JSON.stringify(
            journeyEvent('decided-not-to-investigate', `fuzz-${++n}`, '2026-03-06T16:30:00Z', {
              reason: 'no SPLIT enquiry',
            }),
          ).split('SPLIT') as [string, string];
          const body = Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
          await refusedStoringNothing(await rawPost(eventsPath(), body));
        }),
        settings(3),
      );
    },
    TIMEOUT,
  );

  // ---- structure: prototype-like keys, deep nesting, huge key counts -------------------------

  const protoKey = fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '__defineGetter__',
    '__lookupSetter__',
    'hasOwnProperty',
    'toString',
    'valueOf',
  );
  /** Where in an event a key goes: the envelope, its data, a nested object, or a batch. */
  const place = fc.constantFrom('envelope', 'data', 'enhancedRights', 'batch', 'batch-event');

  /** Writes the key into the JSON text itself: an object literal would lose `__proto__`. */
  function withKeyAt(where: string, key: string, value: string): string {
    const member = `${JSON.stringify(key)}:${value},`;
    const event = JSON.stringify(crimeReported({ eventId: `fuzz-${++n}` }, { victimNumber: 1 }));
    switch (where) {
      case 'envelope':
        return `{${member}${event.slice(1)}`;
      case 'data':
        return event.replace('"data":{', `"data":{${member}`);
      case 'enhancedRights':
        return event.replace('"enhancedRights":{', `"enhancedRights":{${member}`);
      case 'batch':
        return `{${member}"events":[${event}]}`;
      default:
        return `{"events":[${event.replace('"data":{', `"data":{${member}`)}]}`;
    }
  }

  it(
    'refuses prototype-like keys at any depth, storing nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          protoKey,
          place,
          fc.constantFrom(
            '{"polluted":true}',
            '{"isAdmin":true}',
            'null',
            '1',
            '[]',
            '{"__proto__":{"x":1}}',
          ),
          async (key, where, value) => {
            const res = await rawPost(eventsPath(), withKeyAt(where, key, value));
            await refusedStoringNothing(res);
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
            expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
          },
        ),
        settings(4),
      );
    },
    TIMEOUT,
  );

  it(
    'refuses deep nesting without a 5xx, storing nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1_000, max: 20_000 })),
          fc.constantFrom('[', '{"a":'),
          async (depth, open) => {
            const close = open === '[' ? ']' : '}';
            const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
            const event = JSON.stringify(arrest());
            const body = event.replace('"data":{', `"data":{"nested":${nested},`);
            await refusedStoringNothing(await rawPost(eventsPath(), body));
          },
        ),
        settings(5),
      );
    },
    TIMEOUT,
  );

  it(
    'refuses huge key counts without a 5xx, storing nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: MAX_KEYS }), async (count) => {
          const keys = Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',');
          const body = JSON.stringify(arrest()).replace('"data":{', `"data":{${keys},`);
          await refusedStoringNothing(await rawPost(eventsPath(), body));
        }),
        settings(6, HEAVY_RUNS),
      );
    },
    TIMEOUT,
  );

  // ---- the transport: charsets and query parameters -------------------------------------------

  it(
    'takes a body only as UTF-8 JSON, whatever charset the Content-Type names',
    async () => {
      const charset = fc.constantFrom(
        'utf-16',
        'utf-16le',
        'utf-16be',
        'utf-32',
        'latin1',
        'iso-8859-1',
        'windows-1252',
        'utf-7',
        'iso-2022-jp',
        'ebcdic',
        'x-unknown',
        '',
        '"utf-8"; charset=utf-16',
      );
      await fc.assert(
        fc.asyncProperty(charset, async (cs) => {
          const body = JSON.stringify(arrest());
          const encoded = cs.startsWith('utf-16')
            ? Buffer.from(body, 'utf16le')
            : Buffer.from(body);
          const res = await rawPost(eventsPath(), encoded, `application/json; charset=${cs}`);
          await refusedStoringNothing(res);
        }),
        settings(7),
      );
    },
    TIMEOUT,
  );

  it(
    'refuses unknown and misspelt query parameters on a post (400), storing nothing',
    async () => {
      const misspelt = fc.oneof(
        fc
          .array(fc.boolean(), { minLength: 16, maxLength: 16 })
          .map((upper) =>
            [...'expectedRevision']
              .map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase()))
              .join(''),
          ),
        fc.constantFrom(
          'expectedrevision',
          'expected_revision',
          'expected-revision',
          'expectedRevision[]',
          'expectedRevision[0]',
          'expectedRevision.x',
          ' expectedRevision',
          'expectedRevision ',
          'revision',
          '__proto__',
          'constructor',
          'limit',
          'fromRevision',
        ),
        fc.string({ minLength: 1, maxLength: 12 }),
      );
      await fc.assert(
        fc.asyncProperty(
          misspelt.filter((name) => name !== 'expectedRevision'),
          fc.constantFrom('0', '1', '', '-1', 'x'),
          async (name, value) => {
            const query = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
            const res = await rawPost(`${eventsPath()}?${query}`, JSON.stringify(arrest()));
            await refusedStoringNothing(res, 400);
          },
        ),
        settings(8),
      );
    },
    TIMEOUT,
  );

  it(
    'refuses a declared parameter given twice or with a bad value (400), storing nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            'expectedRevision=0&expectedRevision=0',
            'expectedRevision=1e0',
            'expectedRevision=0x0',
            'expectedRevision=%00',
            'expectedRevision=99999999999999999999',
            'expectedRevision=-1',
          ),
          async (query) => {
            const res = await rawPost(`${eventsPath()}?${query}`, JSON.stringify(arrest()));
            await refusedStoringNothing(res, 400);
          },
        ),
        settings(9),
      );
    },
    TIMEOUT,
  );

  it('still stores a valid post afterwards', async () => {
    const res = await rawPost(eventsPath(), JSON.stringify(arrest()));
    expect(res.status).toBe(201);
  });
});
