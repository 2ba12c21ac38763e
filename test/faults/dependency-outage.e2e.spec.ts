import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { freePort } from '../support/api-process';
import { crimeReported } from '../support/journey-events';
import { exited, productionEnv, runScript } from '../support/production';
import { KEYS } from '../support/test-api';
import { ownPostgres, ownRedis, type OwnServer } from './own-servers';
import { FAULTS_PROFILE, rounds } from './profile';

/** Answers collected while each dependency is down. */
const WHILE_DOWN = rounds(20, 300);
/**
 * While PostgreSQL hangs each refusal waits out the query timeout (3 s here), so fewer answers
 * come in a minute: this many are collected instead.
 */
const WHILE_HUNG = rounds(12, 60);
/** Posts in flight at once: the load. */
const CONCURRENCY = 4;

jest.setTimeout(FAULTS_PROFILE === 'full' ? 900_000 : 150_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number | 'no answer';
  retryAfter: string | null;
  contentType: string | null;
  victimId?: string;
  /** Sent after the dependency had stopped and answered before it was started again. */
  whileDown: boolean;
}

/**
 * Production mode (the API and a worker on PostgreSQL and Redis) on a PostgreSQL and a Redis of
 * the test's own, each stopped under load and started again on the same port. While PostgreSQL
 * is down, posts are refused with 503 and Retry-After (never a 500, never an answer withheld past
 * a bound); both processes recover by themselves; every 201 is stored; and every breach check that
 * fell due, whatever was down, is recorded in the notification outbox.
 */
describe('PostgreSQL and Redis stopped and started again under load', () => {
  // Friday 20 March 2026, noon: a crime reported on 10 March has a support referral due on the
  // 12th, so every victim posted here is owed a breach notification.
  const schema = 'vj_faults_outage';
  let postgres: OwnServer;
  let redis: OwnServer;
  let env: ReturnType<typeof productionEnv>;
  let apiUrl: string;
  let workerUrl: string;
  const running: ReturnType<typeof runScript>[] = [];
  let pool: Pool;
  let down = false;
  const answers: Answer[] = [];

  beforeAll(async () => {
    postgres = await ownPostgres('vj_faults_outage');
    redis = await ownRedis();
    const [port, workerPort] = [await freePort(), await freePort()];
    env = productionEnv('2026-03-20T12:00:00Z', {
      // A query unanswered for 3 s is given up (the default is 30 s: see libs/postgres-pool), so
      // that a hung server is answered 503 within the test's bound.
      POSTGRES_URL: `${postgres.url}?query_timeout=3000`,
      REDIS_URL: redis.url,
      POSTGRES_SCHEMA: schema,
      PORT: String(port),
      WORKER_PORT: String(workerPort),
      QUEUE_PREFIX: 'vj-faults-outage',
      DEADLINE_WINDOW_MS: '3600000',
      DEADLINE_SCHEDULE_EVERY_MS: '300',
      PROJECTOR_POLL_MS: '50',
      // The agency's rate limit is not what is under test.
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    apiUrl = `http://127.0.0.1:${port}`;
    workerUrl = `http://127.0.0.1:${workerPort}`;
    running.push(
      runScript('apps/api/src/main.ts', [], env),
      runScript('apps/worker/src/main.ts', [], env),
    );
    await Promise.all([up(apiUrl), up(workerUrl)]);
    pool = new Pool({ connectionString: postgres.url });
    pool.on('error', () => undefined);
  });

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
    await pool?.end();
    await redis?.close();
    await postgres?.close();
  });

  async function up(url: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const ok = await fetch(`${url}/health`).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`${url} did not start: ${running.map((p) => p.output()).join('\n')}`);
  }

  /** One victim's crime report, reported on 10 March. */
  async function postVictim(): Promise<Answer> {
    const sentWhileDown = down;
    let answer: Answer;
    try {
      const res = await fetch(`${apiUrl}/v1/victims`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(
          crimeReported({
            eventId: randomUUID(),
            occurredAt: '2026-03-10T10:00:00Z',
            crimeReference: `13/${randomUUID().slice(0, 8)}/26`,
          }),
        ),
        // The bound: an answer later than this counts as none.
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json()) as { victimId?: string };
      answer = {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        contentType: res.headers.get('content-type'),
        ...(res.status === 201 && body.victimId ? { victimId: body.victimId } : {}),
        whileDown: false,
      };
    } catch {
      answer = { status: 'no answer', retryAfter: null, contentType: null, whileDown: false };
    }
    answer.whileDown = sentWhileDown && down;
    answers.push(answer);
    return answer;
  }

  /** Posts with CONCURRENCY in flight until `enough` says stop (bounded by `max` posts). */
  function load(enough: () => boolean, max = 5_000) {
    let sent = 0;
    const lane = async () => {
      // A process that has ended ends the load too (the assertions then say which).
      while (!enough() && sent < max && running.every((p) => p.exitCode === null)) {
        sent++;
        const answer = await postVictim();
        // A refused post is sent again a little later, as an agency's system would.
        if (answer.status !== 201) await sleep(50);
      }
    };
    return Promise.all(Array.from({ length: CONCURRENCY }, lane));
  }

  const created = (from = 0) => answers.slice(from).filter((a) => a.status === 201).length;
  const downAnswers = (from = 0) => answers.slice(from).filter((a) => a.whileDown).length;

  /** Stops a dependency under load, collects answers while it is down, and starts it again. */
  async function outage(
    server: OwnServer,
    how: 'stopped' | 'hung' = 'stopped',
  ): Promise<{ before: number; after: number; wanted: number }> {
    const wanted = how === 'hung' ? WHILE_HUNG : WHILE_DOWN;
    const start = answers.length;
    let phase: 'before' | 'down' | 'after' = 'before';
    let createdAfter = 0;
    const posting = load(() => phase === 'after' && created() >= createdAfter + 20);
    // Some posts taken before the stop.
    for (let i = 0; i < 600 && created(start) < 5; i++) await sleep(50);
    await (how === 'stopped' ? server.stop() : server.pause?.());
    down = true;
    phase = 'down';
    // Down for a second at least (several of the worker's window runs), and `wanted` answers.
    await sleep(1_000);
    for (let i = 0; i < 2400 && downAnswers(start) < wanted; i++) await sleep(50);
    down = false;
    await (how === 'stopped' ? server.start() : server.resume?.());
    createdAfter = created();
    phase = 'after';
    await posting;
    return { before: start, after: answers.length, wanted };
  }

  it('PostgreSQL stopped: posts are refused with 503 and Retry-After, then taken again, and every 201 is stored', async () => {
    await refusedWhileDownThenTaken(await outage(postgres));
  });

  it('PostgreSQL hung (frozen, connections open): posts are answered 503 within the bound, then taken again', async () => {
    await refusedWhileDownThenTaken(await outage(postgres, 'hung'));
  });

  async function refusedWhileDownThenTaken({
    before,
    after,
    wanted,
  }: {
    before: number;
    after: number;
    wanted: number;
  }): Promise<void> {
    const mine = answers.slice(before, after);

    expect(running.map((p) => (p.exitCode === null ? 'running' : p.output().slice(-1500)))).toEqual(
      ['running', 'running'],
    );
    // Nothing but 201 and 503, each answered.
    expect([...new Set(mine.map((a) => a.status))].sort()).toEqual([201, 503]);
    const refusedWhileDown = mine.filter((a) => a.whileDown);
    expect(refusedWhileDown.length).toBeGreaterThanOrEqual(wanted);
    for (const a of refusedWhileDown) {
      expect(a).toMatchObject({
        status: 503,
        contentType: 'application/problem+json; charset=utf-8',
      });
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Recovered by itself: the same processes, taking posts again.
    expect(mine.slice(-CONCURRENCY).map((a) => a.status)).toEqual(
      Array<number>(CONCURRENCY).fill(201),
    );
    // Every victim acknowledged is in the store.
    const acknowledged = mine.flatMap((a) => (a.victimId ? [a.victimId] : []));
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(DISTINCT stream_id) AS n FROM ${schema}.events WHERE stream_id = ANY ($1)`,
      [acknowledged.map((id) => `victim-${id}`)],
    );
    expect(Number(rows[0]?.n)).toBe(acknowledged.length);
    // The worker carried on too: each of them is owed a breach, and each is recorded.
    await everyBreachRecorded(acknowledged);
  }

  it('Redis stopped: posts are still taken, and the breach checks due meanwhile are recorded once it is back', async () => {
    const { before, after } = await outage(redis);
    const mine = answers.slice(before, after);

    expect(running.map((p) => (p.exitCode === null ? 'running' : p.output().slice(-1500)))).toEqual(
      ['running', 'running'],
    );
    // The API needs Redis only to count requests against the rate limit, and takes posts
    // without it: no refusal at all.
    expect([...new Set(mine.map((a) => a.status))]).toEqual([201]);
    expect(mine.filter((a) => a.whileDown).length).toBeGreaterThanOrEqual(WHILE_DOWN);
    // Redis came back empty (no persistence): the worker's window run queues again what the
    // read models hold open, so no breach check due while it was down is missed.
    await everyBreachRecorded(mine.flatMap((a) => (a.victimId ? [a.victimId] : [])));
  });

  /** Waits (bounded) until the outbox has the support-referral breach of every victim, once. */
  async function everyBreachRecorded(victimIds: string[]): Promise<void> {
    const recorded = async () => {
      const { rows } = await pool.query<{ victim_id: string }>(
        `SELECT victim_id FROM ${schema}_read.notifications
          WHERE kind = 'breach' AND rule_id = 'support-referral' AND victim_id = ANY ($1)
          ORDER BY victim_id`,
        [victimIds],
      );
      return rows.map((r) => r.victim_id);
    };
    const expected = [...victimIds].sort();
    for (let i = 0; i < 600 && (await recorded()).length < expected.length; i++) await sleep(100);
    expect(await recorded()).toEqual(expected);
  }
});
