import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { ReadModels } from '@vj/read-models';
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

/** SIGKILLs of each process in each test. */
const KILLS = rounds(5, 40);
/** Journeys seeded before, and while, the processes are killed. */
const JOURNEYS = rounds(60, 400);

jest.setTimeout(FAULTS_PROFILE === 'full' ? 1_800_000 : 150_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The worker (live projection) and `npm run rebuild` on PostgreSQL, SIGKILLed again and again while
 * agencies go on posting; then let run to the end. The read models must then be exactly what a
 * clean rebuild makes of the same events: compared by a digest of every read-model table (`dump()`).
 */
describe('a worker and a rebuild killed again and again', () => {
  const env = productionEnv('2026-06-01T12:00:00Z', {
    POSTGRES_SCHEMA: `vj_faults_kill_${process.pid}`,
    DEMO_COUNT: String(JOURNEYS),
  });
  const readSchema = `${env.POSTGRES_SCHEMA}_read`;
  let readModels: ReadModels;
  let pool: Pool;
  let workerEnv: NodeJS.ProcessEnv & { QUEUE_PREFIX: string };
  const running: ReturnType<typeof runScript>[] = [];

  beforeAll(async () => {
    await runToEnd('scripts/seed.ts', [], env);
    await runToEnd('scripts/rebuild.ts', ['victim-journey'], env);
    readModels = await ReadModels.openPostgres(POSTGRES_URL, readSchema);
    pool = new Pool({ connectionString: POSTGRES_URL });
    workerEnv = {
      ...env,
      WORKER_PORT: String(await freePort()),
      QUEUE_PREFIX: `vj-faults-kill-${process.pid}`,
      PROJECTOR_POLL_MS: '20',
    };
  });

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(running.map(exited));
    await readModels?.close();
    await pool?.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${workerEnv.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await dropSchemas(env.POSTGRES_SCHEMA);
  });

  function start(entry: string, args: string[], processEnv: NodeJS.ProcessEnv) {
    const child = runScript(entry, args, processEnv);
    running.push(child);
    return child;
  }

  async function kill(child: ReturnType<typeof runScript>): Promise<void> {
    child.kill('SIGKILL');
    await exited(child);
    running.splice(running.indexOf(child), 1);
  }

  async function checkpoint(projection: string): Promise<number> {
    const { rows } = await pool.query<{ position: string }>(
      `SELECT position FROM ${readSchema}.checkpoints WHERE projection = $1`,
      [projection],
    );
    return Number(rows[0]?.position ?? 0);
  }

  async function head(): Promise<number> {
    const { rows } = await pool.query<{ max: string }>(
      `SELECT max(global_position) AS max FROM ${env.POSTGRES_SCHEMA}.events`,
    );
    return Number(rows[0]?.max ?? 0);
  }

  /**
   * Waits (bounded) until the checkpoint passes `past`, reaches the head of the store (nothing
   * left to do), or the process has ended by itself.
   */
  async function progressed(
    projection: string,
    past: number,
    child: ReturnType<typeof runScript>,
  ): Promise<void> {
    for (let i = 0; i < 1500; i++) {
      if (child.exitCode !== null) return;
      const position = await checkpoint(projection);
      if (position > past || position >= (await head())) return;
      await sleep(10);
    }
  }

  /** Runs a worker until the live checkpoint reaches the head of the store, then stops it gracefully. */
  async function workerToTheEnd(): Promise<void> {
    const worker = start('apps/worker/src/main.ts', [], workerEnv);
    // Up (its shutdown hooks in place) before it is asked to stop.
    for (let i = 0; i < 600; i++) {
      const up = await fetch(`http://127.0.0.1:${workerEnv.WORKER_PORT}/health`).then(
        (res) => res.ok,
        () => false,
      );
      if (up) break;
      await sleep(100);
    }
    const end = await head();
    for (let i = 0; i < 6000 && (await checkpoint('victim-journey')) < end; i++) await sleep(20);
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    running.splice(running.indexOf(worker), 1);
    expect(await checkpoint('victim-journey')).toBe(end);
  }

  const digest = async () =>
    createHash('sha256')
      .update(JSON.stringify(await readModels.dump()))
      .digest('hex');

  /** What a clean rebuild of every event makes: the digest every survivor must match. */
  async function cleanRebuildDigest(): Promise<string> {
    await runToEnd('scripts/rebuild.ts', ['victim-journey', '--fresh'], env);
    return digest();
  }

  it('during live projection: the worker killed while it catches up ends equal to a clean rebuild', async () => {
    // Agencies go on posting throughout (another dataset through the same ingestion path).
    const before = await head();
    const seeding = start('scripts/seed.ts', ['--seed', '7', '--count', String(2 * JOURNEYS)], env);
    // The worker is killed while the posts come in, so not before the first one.
    for (let i = 0; i < 3000 && seeding.exitCode === null && (await head()) === before; i++)
      await sleep(10);
    for (let round = 0; round < KILLS; round++) {
      const worker = start('apps/worker/src/main.ts', [], workerEnv);
      await progressed('victim-journey', await checkpoint('victim-journey'), worker);
      // A little later, at a different point of its batch each round.
      await sleep((round * 7) % 30);
      await kill(worker);
    }
    expect(await exited(seeding)).toBe(0);
    running.splice(running.indexOf(seeding), 1);

    await workerToTheEnd();
    const survived = await digest();
    expect((await readModels.dump()).entitlements?.length).toBeGreaterThan(0);
    expect(survived).toBe(await cleanRebuildDigest());
  });

  it('during a rebuild: the rebuild and the live worker both killed again and again end equal to a clean rebuild', async () => {
    const seeding = start('scripts/seed.ts', ['--seed', '11', '--count', String(JOURNEYS)], env);
    for (let round = 0; round < KILLS; round++) {
      const live = await checkpoint('victim-journey');
      const rebuilt = await checkpoint('victim-journey-rebuild');
      const worker = start('apps/worker/src/main.ts', [], workerEnv);
      // The first run starts afresh; the others resume from the rebuild's own checkpoint.
      const rebuild = start(
        'scripts/rebuild.ts',
        ['victim-journey', '--batch-size', '10', ...(round === 0 ? ['--fresh'] : [])],
        env,
      );
      await progressed('victim-journey-rebuild', rebuilt, rebuild);
      await progressed('victim-journey', live, worker);
      await sleep((round * 7) % 30);
      await kill(rebuild);
      await kill(worker);
    }
    expect(await exited(seeding)).toBe(0);
    running.splice(running.indexOf(seeding), 1);

    // Let run to the end: the rebuild switches over, and the worker carries on from there.
    expect(await runToEnd('scripts/rebuild.ts', ['victim-journey'], env)).toMatch(/switched over/);
    await workerToTheEnd();
    const survived = await digest();
    expect(survived).toBe(await cleanRebuildDigest());
  });
});
