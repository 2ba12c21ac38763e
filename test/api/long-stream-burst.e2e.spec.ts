import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import { EVENT_STORE, READ_MODELS } from '@vj/nest-edge';
import { JourneyProjector, ReadModels } from '@vj/read-models';
import type { Worker } from 'node:worker_threads';
import { EmbeddedProjections } from '../../apps/api/src/journeys/embedded-projections';
import { freePort } from '../support/api-process';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { KEYS, startTestApi, type TestApi } from '../support/test-api';

const NOW = '2026-03-10T12:00:00Z';
/** The long stream before the burst: posts of the most events one post may carry. */
const HISTORY_POSTS = 6;
const PER_POST = 100;
const BURST = 50;

/**
 * Embedded mode projects in a thread of the API, and a read waits only for what was posted to its
 * own victim or areas. So while the projection cannot write at all (the test holds the read models'
 * write lock), a burst of posts to one long stream is still acknowledged and stored, and another
 * victim's read, its area's caseload and /health still answer; the long stream's own read waits,
 * and answers with every post once the projection goes on.
 */
describe('a burst of posts to one long stream, on the embedded store', () => {
  let api: TestApi;
  let base: string;

  beforeAll(async () => {
    // Many posts from one agency: its rate limit is not what is under test.
    api = await startTestApi(NOW, { RATE_LIMIT_PER_MINUTE: '1000000' });
    const port = await freePort();
    await api.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(() => api.close());

  const call = async (key: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const interview = (n: number) =>
    journeyEvent('suspect-interviewed-under-caution', `interview-${n}`, '2026-03-09T09:00:00Z', {
      suspectNumber: 1,
    });

  async function digestOf(readModels: ReadModels): Promise<string> {
    return createHash('sha256')
      .update(JSON.stringify(await readModels.dump()))
      .digest('hex');
  }

  it('acknowledges and stores every post, answers others meanwhile, and ends equal to a clean rebuild', async () => {
    const opened = await call(KEYS.westYorkshirePolice, '/v1/victims', crimeReported());
    const long = opened.body.victimId as string;
    for (let p = 0; p < HISTORY_POSTS; p++) {
      const events = Array.from({ length: PER_POST }, (_, i) => interview(p * PER_POST + i));
      expect(
        (await call(KEYS.westYorkshirePolice, `/v1/victims/${long}/events`, { events })).status,
      ).toBe(201);
    }
    const other = await call(
      KEYS.greaterManchesterPolice,
      '/v1/victims',
      crimeReported({ crimeReference: 'GMP/2026/000042' }),
    );
    const otherId = other.body.victimId as string;
    expect((await call(KEYS.westYorkshirePolice, `/v1/victims/${long}`)).status).toBe(200);
    const otherBefore = await call(KEYS.greaterManchesterPolice, `/v1/victims/${otherId}`);
    expect(otherBefore.status).toBe(200);

    // The projection's writes wait while the test holds the read models' write lock.
    const lock = new Database(join(api.dataDir, 'read-models.sqlite'));
    lock.exec('BEGIN IMMEDIATE');
    const finished: string[] = [];
    const track = <T>(name: string, answer: Promise<T>) =>
      answer.then((value) => {
        finished.push(name);
        return value;
      });
    let burst: { status: number; body: Record<string, unknown> }[];
    let longRead: Promise<{ status: number; body: Record<string, unknown> }>;
    try {
      const posts = Array.from({ length: BURST }, (_, n) =>
        call(KEYS.westYorkshirePolice, `/v1/victims/${long}/events`, {
          events: [interview(HISTORY_POSTS * PER_POST + n)],
        }),
      );
      longRead = track('long stream read', call(KEYS.westYorkshirePolice, `/v1/victims/${long}`));
      const [otherRead, caseload, health] = await Promise.all([
        track('other read', call(KEYS.greaterManchesterPolice, `/v1/victims/${otherId}`)),
        track(
          'other area caseload',
          call(KEYS.greaterManchesterPolice, '/v1/caseload?owedBy=police&due=open'),
        ),
        track('health', call(KEYS.westYorkshirePolice, '/health')),
      ]);
      burst = await track('burst', Promise.all(posts));

      expect(otherRead).toEqual(otherBefore);
      expect(caseload.status).toBe(200);
      expect(caseload.body.total).toBeGreaterThan(0);
      expect(health.status).toBe(200);
      // All answered while nothing could be projected; the long stream's read is still waiting.
      expect(finished).toEqual(
        expect.arrayContaining(['other read', 'other area caseload', 'health', 'burst']),
      );
      expect(finished).not.toContain('long stream read');
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }

    expect(burst.map((r) => r.status)).toEqual(Array(BURST).fill(201));
    const stored = 1 + HISTORY_POSTS * PER_POST + BURST;
    const revisions = burst.map((r) => r.body.streamRevision as number).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: BURST }, (_, n) => stored - BURST + n));
    const store = api.app.get<EventStore>(EVENT_STORE);
    expect(await store.readStream(`victim-${long}`, { maxCount: stored + 1 })).toHaveLength(stored);

    // Read your writes: the read sent during the burst answers once what was acknowledged before
    // it is projected, and one sent after it sees every post.
    expect((await longRead).status).toBe(200);
    expect((await call(KEYS.westYorkshirePolice, `/v1/victims/${long}`)).status).toBe(200);
    const projected = await api.app.get<ReadModels>(READ_MODELS).journeys.state(long);
    expect(projected?.events).toHaveLength(stored);

    // The read models are what a clean rebuild of the same events makes, judged at the same now.
    const rebuiltDir = mkdtempSync(join(tmpdir(), 'vj-burst-rebuild-'));
    const rebuilt = await ReadModels.openSqlite(join(rebuiltDir, 'read-models.sqlite'));
    try {
      await new JourneyProjector(store, rebuilt, new FixedClock(NOW)).rebuild();
      expect(await digestOf(api.app.get<ReadModels>(READ_MODELS))).toBe(await digestOf(rebuilt));
    } finally {
      await rebuilt.close();
      rmSync(rebuiltDir, { recursive: true, force: true });
    }
  });

  it('starts the projector thread again when it ends, and what is posted meanwhile is read', async () => {
    const opened = await call(
      KEYS.greaterManchesterPolice,
      '/v1/victims',
      crimeReported({ crimeReference: 'GMP/2026/000043' }),
    );
    const victimId = opened.body.victimId as string;
    // As if the thread had crashed: the API's own handle on it, ended from outside.
    const projections: unknown = api.app.get(EmbeddedProjections);
    const { thread } = projections as { thread: { worker: Worker } };
    await thread.worker.terminate();

    const posted = await call(KEYS.greaterManchesterPolice, `/v1/victims/${victimId}/events`, {
      events: [interview(1)],
    });
    expect(posted.status).toBe(201);
    const read = await call(KEYS.greaterManchesterPolice, `/v1/victims/${victimId}`);
    expect(read.status).toBe(200);
    const projected = await api.app.get<ReadModels>(READ_MODELS).journeys.state(victimId);
    expect(projected?.events.map((e) => e.type)).toEqual([
      'crime-reported',
      'suspect-interviewed-under-caution',
    ]);
  });
});
