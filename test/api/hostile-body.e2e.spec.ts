import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startApiProcess, type ApiProcess } from '../support/api-process';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';
import { crimeReported, journeyEvent, type PostedEvent } from '../support/journey-events';
import { rawExchange } from '../support/raw-http';

const MAX_BODY_BYTES = 1024 * 1024;

interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; reason: string }[];
  moreErrors?: number;
}

/** Bodies built to hurt: each is refused with a 4xx naming what is wrong, and nothing is stored. */
describe('hostile request bodies', () => {
  let api: TestApi;
  let port: number;
  let victimId: string;

  const arrest = (eventId = 'arrest-1'): PostedEvent =>
    journeyEvent('suspect-arrested', eventId, '2026-03-06T16:30:00Z', { suspectNumber: 1 });

  /** Posts JSON text as written: JSON.stringify cannot write an own `__proto__` member. */
  const postText = (path: string, text: string, contentType = 'application/json') =>
    api
      .http()
      .post(path)
      .set(bearer(KEYS.westYorkshirePolice))
      .set('Content-Type', contentType)
      .send(text);
  const eventsPath = () => `/v1/victims/${victimId}/events`;

  const storedEventIds = async (): Promise<string[]> => {
    const res = await api
      .http()
      .get(`${eventsPath()}?limit=500`)
      .set(bearer(KEYS.westYorkshirePolice));
    expect(res.status).toBe(200);
    return (res.body as { events: { eventId: string }[] }).events.map((e) => e.eventId);
  };
  const victimNumberTwoIsKnown = async (): Promise<boolean> => {
    const res = await api
      .http()
      .get('/v1/victims?crimeReference=13/123456/26&victimNumber=2')
      .set(bearer(KEYS.westYorkshirePolice));
    return res.status === 200;
  };

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
    const res = await postText('/v1/victims', JSON.stringify(crimeReported()));
    expect(res.status).toBe(201);
    victimId = (res.body as { victimId: string }).victimId;
  });

  afterAll(() => api.close());

  afterEach(async () => {
    expect(await storedEventIds()).toEqual(['crime-report-1']);
    expect(await victimNumberTwoIsKnown()).toBe(false);
  });

  describe('names JavaScript gives meaning to', () => {
    const secondVictim = JSON.stringify(
      crimeReported({ eventId: 'crime-report-2' }, { victimNumber: 2 }),
    );

    it.each([
      ['__proto__', 'data.enhancedRights.__proto__'],
      ['constructor', 'data.enhancedRights.constructor'],
      ['prototype', 'data.enhancedRights.prototype'],
    ])('refuses %s inside a crime report, naming its path', async (name, field) => {
      const body = secondVictim.replace(
        '"enhancedRights":{',
        `"enhancedRights":{"${name}":{"vulnerable":true},`,
      );
      const res = await postText('/v1/victims', body);
      expect(res.status).toBe(400);
      expect((res.body as ProblemBody).errors).toEqual([{ field, reason: 'is a reserved name' }]);
    });

    it.each([
      ['__proto__', '{"__proto__":{"admin":true},'],
      ['constructor', '{"constructor":{"prototype":{"admin":true}},'],
    ])('refuses %s at the top of an event', async (field, opening) => {
      const res = await postText(eventsPath(), JSON.stringify(arrest()).replace('{', opening));
      expect(res.status).toBe(400);
      expect((res.body as ProblemBody).errors?.[0]).toEqual({
        field,
        reason: 'is a reserved name',
      });
    });

    it('refuses them deep in a batch, naming every one', async () => {
      const batch = JSON.stringify({ events: [arrest('arrest-a'), arrest('arrest-b')] })
        .replace('"data":{', '"data":{"__proto__":1,')
        .replace(
          '"data":{"suspectNumber"',
          '"data":{"prototype":[{"constructor":1}],"suspectNumber"',
        );
      const res = await postText(eventsPath(), batch);
      expect(res.status).toBe(400);
      expect((res.body as ProblemBody).errors).toEqual([
        { field: 'events[0].data.__proto__', reason: 'is a reserved name' },
        { field: 'events[1].data.prototype', reason: 'is a reserved name' },
        { field: 'events[1].data.prototype[0].constructor', reason: 'is a reserved name' },
      ]);
    });
  });

  describe('shapes no event has', () => {
    it('refuses JSON nested 10,000 deep as 400 naming the limit, not 500', async () => {
      const deep = '{"data":'.repeat(10_000) + '1' + '}'.repeat(10_000);
      const res = await postText(eventsPath(), deep);
      expect(res.status).toBe(400);
      const body = res.body as ProblemBody;
      expect(body.detail).toBe('the body nests deeper than 32 levels');
      expect(body.errors).toEqual([
        {
          field: Array.from({ length: 32 }, () => 'data').join('.'),
          reason: 'nests deeper than 32 levels',
        },
      ]);
    });

    it('refuses lists nested 10,000 deep the same way', async () => {
      const res = await postText(eventsPath(), '['.repeat(10_000) + ']'.repeat(10_000));
      expect(res.status).toBe(400);
      expect((res.body as ProblemBody).detail).toBe('the body nests deeper than 32 levels');
    });

    it('takes a body exactly 32 levels deep to validation', async () => {
      const data = '{"a":'.repeat(31) + '1' + '}'.repeat(31);
      const res = await postText(
        eventsPath(),
        JSON.stringify(arrest()).replace('"data":{"suspectNumber":1}', `"data":${data}`),
      );
      expect(res.status).toBe(400);
      expect((res.body as ProblemBody).errors).toContainEqual({
        field: 'data.a',
        reason: 'property a should not exist',
      });
    });

    it('refuses 50,000 unknown fields on their count, with a short answer', async () => {
      const fields = Array.from({ length: 50_000 }, (_, i) => `"f${i}":0`).join(',');
      const body = JSON.stringify(arrest()).replace('"data":{', `"data":{${fields},`);
      const res = await postText(eventsPath(), body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        detail: 'the body has more than 5000 fields',
        errors: [{ field: '(body)', reason: 'has more than 5000 fields' }],
      });
      expect(res.text.length).toBeLessThan(1000);
    });

    it('names at most 20 bad fields and counts the rest', async () => {
      const events = Array.from({ length: 30 }, (_, i) => ({
        ...arrest(`arrest-${i}`),
        data: { suspectNumber: 1, unknown: true },
      }));
      const res = await postText(eventsPath(), JSON.stringify({ events }));
      expect(res.status).toBe(400);
      const body = res.body as ProblemBody;
      expect(body.errors).toHaveLength(20);
      expect(body.errors?.[0]).toEqual({
        field: 'events[0].data.unknown',
        reason: 'property unknown should not exist',
      });
      expect(body.moreErrors).toBe(10);
    });
  });

  describe('encodings', () => {
    it.each(['utf-7', 'UTF-16', 'iso-8859-1', '"utf-7"'])(
      'refuses charset=%s as 415 naming Content-Type',
      async (charset) => {
        const res = await postText(
          eventsPath(),
          JSON.stringify(arrest()),
          `application/json; charset=${charset}`,
        );
        expect(res.status).toBe(415);
        expect((res.body as ProblemBody).errors).toEqual([
          { field: 'Content-Type', reason: 'charset must be utf-8' },
        ]);
      },
    );

    it('refuses bytes that are not UTF-8', async () => {
      const text = JSON.stringify(arrest()).replace('arrest-1', 'arrest-\u00ff');
      // supertest would turn a Buffer into JSON text, so the bytes go as they are by fetch.
      const res = await fetch(`http://127.0.0.1:${port}${eventsPath()}`, {
        method: 'POST',
        headers: { ...bearer(KEYS.westYorkshirePolice), 'Content-Type': 'application/json' },
        body: Buffer.from(text, 'latin1'),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ProblemBody).errors).toEqual([
        { field: '(body)', reason: 'is not UTF-8' },
      ]);
    });

    it('takes charset=UTF-8 in any case', async () => {
      const res = await api
        .http()
        .post('/v1/victims')
        .set(bearer(KEYS.westYorkshirePolice))
        .set('Content-Type', 'application/json; Charset=UTF-8')
        .send(JSON.stringify(crimeReported()));
      // The crime report already opened this journey: a retry, read and validated, stores nothing.
      expect(res.status).toBe(200);
    });
  });

  describe('bodies sent slowly, never, or too big', () => {
    it('answers an unauthenticated post 401 without waiting for its body', async () => {
      const upload = rawExchange(port, 'POST', eventsPath(), {
        'Content-Type': 'application/json',
        'Content-Length': 500_000,
      });
      const answer = await upload.answer;
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({
        errors: [{ field: 'Authorization', reason: 'is missing' }],
      });
      expect(answer.headers.connection).toBe('close');
      await upload.closed;
    });

    it('answers a declared length over the limit 413 at once', async () => {
      const upload = rawExchange(port, 'POST', eventsPath(), {
        ...bearer(KEYS.westYorkshirePolice),
        'Content-Type': 'application/json',
        'Content-Length': MAX_BODY_BYTES + 1,
      });
      const answer = await upload.answer;
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({
        detail: `the body is over the limit of ${MAX_BODY_BYTES} bytes`,
      });
      await upload.closed;
    });

    it('cuts off a body that streams past the limit with 413', async () => {
      const upload = rawExchange(port, 'POST', eventsPath(), {
        ...bearer(KEYS.westYorkshirePolice),
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      });
      let answered = false;
      void upload.answer.then(() => (answered = true));
      const piece = `{"padding":"${'x'.repeat(64 * 1024)}`;
      // Never closed: read to its end it would be invalid JSON (400), so 413 means it was cut off.
      for (let sent = 0; !answered && sent < 4 * MAX_BODY_BYTES; sent += piece.length) {
        await upload.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
      }
      const answer = await upload.answer;
      expect(answer.status).toBe(413);
      await upload.closed;
    });

    it('keeps answering health while a big body is refused', async () => {
      const upload = rawExchange(port, 'POST', eventsPath(), {
        ...bearer(KEYS.westYorkshirePolice),
        'Content-Type': 'application/json',
        'Content-Length': MAX_BODY_BYTES,
      });
      await upload.write('{"padding":"');
      const fields = Array.from({ length: 50_000 }, (_, i) => `"f${i}":0`).join(',');
      const [refused, health] = await Promise.all([
        postText(eventsPath(), `{${fields}}`),
        api.http().get('/health'),
      ]);
      expect(refused.status).toBe(400);
      expect(health.status).toBe(200);
      upload.end();
    });
  });
});

describe('a body that stalls', () => {
  let api: TestApi;
  let port: number;

  beforeAll(async () => {
    api = await startTestApi('2026-03-10T12:00:00Z', { BODY_TIMEOUT_MS: '200' });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => api.close());

  it('is answered 408 and its connection closed', async () => {
    const upload = rawExchange(port, 'POST', '/v1/victims', {
      ...bearer(KEYS.westYorkshirePolice),
      'Content-Type': 'application/json',
      'Content-Length': 1000,
    });
    await upload.write('{"eventId":');
    const answer = await upload.answer;
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({
      errors: [{ field: '(body)', reason: 'was not sent in time' }],
    });
    await upload.closed;
    const stored = await api
      .http()
      .get('/v1/victims?crimeReference=13/123456/26&victimNumber=1')
      .set(bearer(KEYS.westYorkshirePolice));
    expect(stored.status).toBe(404);
  });
});

describe('the running service (main.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-hostile-'));
  let api: ApiProcess | undefined;

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 408 and closes a connection whose headers never end', async () => {
    api = await startApiProcess(dataDir, await freePort(), {
      BODY_TIMEOUT_MS: '300',
      REQUEST_TIMEOUT_MS: '1000',
    });
    const socket = connect(Number(new URL(api.baseUrl).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.write(
      `POST /v1/victims HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`,
    );
    await new Promise((resolve) => socket.once('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 120_000); // a real process on a shared machine can be slow to start
});
