import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { freePort } from '../support/api-process';
import {
  dropSchemas,
  exited,
  POSTGRES_URL,
  productionEnv,
  REDIS_URL,
  runScript,
  runToEnd,
} from '../support/production';
import { FAULTS_PROFILE, rounds } from './profile';

/** Journeys in the backlog, all posted before the worker starts. */
const JOURNEYS = rounds(150, 2_000);

jest.setTimeout(FAULTS_PROFILE === 'full' ? 1_800_000 : 150_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A day's backlog from every agency posted at once (the demo journeys through the ingestion path,
 * judged at a clock after many of their deadlines), then a worker started to drain it. Every
 * breach the drained read models show must be exactly what a clean rebuild judges, and the
 * notification outbox must hold each of them once: none missed, none recorded twice.
 */
describe("a day's national backlog posted at once", () => {
  // Monday 1 June 2026, noon: the demo journeys' deadlines fall on both sides of it.
  const env = productionEnv('2026-06-01T12:00:00Z', {
    POSTGRES_SCHEMA: `vj_faults_backlog_${process.pid}`,
  });
  const readSchema = `${env.POSTGRES_SCHEMA}_read`;
  let pool: Pool;
  let workerEnv: NodeJS.ProcessEnv & { QUEUE_PREFIX: string; WORKER_PORT: string };
  const running: ReturnType<typeof runScript>[] = [];

  beforeAll(async () => {
    pool = new Pool({ connectionString: POSTGRES_URL });
    workerEnv = {
      ...env,
      WORKER_PORT: String(await freePort()),
      QUEUE_PREFIX: `vj-faults-backlog-${process.pid}`,
      PROJECTOR_POLL_MS: '20',
      DEADLINE_WINDOW_MS: '3600000',
      DEADLINE_SCHEDULE_EVERY_MS: '300',
    };
  });

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
    await pool?.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${workerEnv.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await dropSchemas(env.POSTGRES_SCHEMA);
  });

  async function head(): Promise<number> {
    const { rows } = await pool.query<{ max: string }>(
      `SELECT max(global_position) AS max FROM ${env.POSTGRES_SCHEMA}.events`,
    );
    return Number(rows[0]?.max ?? 0);
  }

  async function checkpoint(): Promise<number> {
    const { rows } = await pool.query<{ position: string }>(
      `SELECT position FROM ${readSchema}.checkpoints WHERE projection = 'victim-journey'`,
    );
    return Number(rows[0]?.position ?? 0);
  }

  /** The entitlements the read models judge breached, as `victim/entitlement`, sorted. */
  async function breached(): Promise<string[]> {
    const { rows } = await pool.query<{ key: string }>(
      `SELECT victim_id || '/' || entitlement_id AS key FROM ${readSchema}.entitlements
        WHERE status = 'breached' ORDER BY 1`,
    );
    return rows.map((r) => r.key);
  }

  /** The breach notifications in the outbox, one entry per row, as `victim/entitlement`, sorted. */
  async function notified(): Promise<string[]> {
    const { rows } = await pool.query<{ key: string }>(
      `SELECT victim_id || '/' || entitlement_id AS key FROM ${readSchema}.notifications
        WHERE kind = 'breach' ORDER BY 1`,
    );
    return rows.map((r) => r.key);
  }

  it('drains, and every breach a clean rebuild judges is in the outbox once', async () => {
    // The whole backlog is stored before anything projects or schedules it.
    await runToEnd('scripts/seed.ts', ['--seed', '17', '--count', String(JOURNEYS)], env);
    const end = await head();
    expect(end).toBeGreaterThan(JOURNEYS);

    const worker = runScript('apps/worker/src/main.ts', [], workerEnv);
    running.push(worker);
    // Up (its read models migrated, its shutdown hooks in place) before anything is read.
    for (let i = 0; i < 600 && worker.exitCode === null; i++) {
      const up = await fetch(`http://127.0.0.1:${workerEnv.WORKER_PORT}/health`).then(
        (res) => res.ok,
        () => false,
      );
      if (up) break;
      await sleep(100);
    }
    // Drained: the projection at the head of the store, and a breach notification for every
    // entitlement it judges breached (the window runs every 300 ms; bounded at 2 minutes).
    let live: string[] = [];
    let outbox: string[] = [];
    for (let i = 0; i < 1200 && worker.exitCode === null; i++) {
      if ((await checkpoint()) === end) {
        [live, outbox] = [await breached(), await notified()];
        if (live.length > 0 && outbox.length >= live.length) break;
      }
      await sleep(100);
    }
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    running.splice(running.indexOf(worker), 1);

    expect(await checkpoint()).toBe(end);
    expect(live.length).toBeGreaterThan(0);
    // A clean rebuild of the same events at the same clock judges the same breaches...
    await runToEnd('scripts/rebuild.ts', ['victim-journey', '--fresh'], env);
    const judged = await breached();
    expect(judged).toEqual(live);
    // ...and the outbox has each of them once, and nothing else.
    expect(await notified()).toEqual(judged);
  });
});
