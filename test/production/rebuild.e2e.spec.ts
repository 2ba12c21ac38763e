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

// Real processes on a shared 2-core machine: generous limits; the waits inside end as soon as they can.
jest.setTimeout(180_000);

/**
 * `npm run rebuild` on PostgreSQL: builds beside the live read models and switches over when caught
 * up. Killed half-way (SIGKILL), the live read models keep answering unchanged, and the next run
 * finishes into read models equal to a clean rebuild.
 */
describe('rebuilding a projection in production', () => {
  const env = productionEnv('2026-06-01T12:00:00Z', { DEMO_COUNT: '150' });
  const readSchema = `${env.POSTGRES_SCHEMA}_read`;
  let readModels: ReadModels;

  beforeAll(async () => {
    await runToEnd('scripts/seed.ts', [], env);
    // A clean rebuild: what every later one must equal.
    await runToEnd('scripts/rebuild.ts', ['victim-journey'], env);
    readModels = await ReadModels.openPostgres(POSTGRES_URL, readSchema);
  });

  afterAll(async () => {
    await readModels?.close();
    await dropSchemas(env.POSTGRES_SCHEMA);
  });

  it('survives being killed half-way, and finishes equal to a clean rebuild', async () => {
    const clean = await readModels.dump();
    expect((clean.entitlements as unknown[]).length).toBeGreaterThan(1000);

    const rebuild = runScript(
      'scripts/rebuild.ts',
      ['victim-journey', '--fresh', '--batch-size', '20'],
      env,
    );
    const pool = new Pool({
      connectionString: POSTGRES_URL,
      options: `-c search_path=${readSchema}`,
    });
    try {
      // Kill it once it has landed some batches of its own, well before the end.
      for (let i = 0; i < 600; i++) {
        const { rows } = await pool.query<{ position: string }>(
          "SELECT position FROM checkpoints WHERE projection = 'victim-journey-rebuild'",
        );
        if (rows[0] && Number(rows[0].position) > 200) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      rebuild.kill('SIGKILL');
      await exited(rebuild);
      const { rows } = await pool.query<{ position: string }>(
        "SELECT position FROM checkpoints WHERE projection = 'victim-journey-rebuild'",
      );
      expect(Number(rows[0]?.position)).toBeGreaterThan(200);
    } finally {
      await pool.end();
    }
    // The live read models answered throughout, untouched.
    expect(await readModels.dump()).toEqual(clean);

    const output = await runToEnd('scripts/rebuild.ts', ['victim-journey'], env);
    expect(output).toMatch(/rebuilt victim-journey: \d+ events .* switched over/);
    expect(await readModels.dump()).toEqual(clean);
  });

  it('keeps a worker killed while catching up correct: after restart, equal to a clean rebuild', async () => {
    // More journeys (another seed) for the worker to project.
    await runToEnd('scripts/seed.ts', ['--seed', '7', '--count', '200'], env);
    const workerEnv = {
      ...env,
      WORKER_PORT: String(await freePort()),
      QUEUE_PREFIX: `vj-e2e-kill-${Date.now()}`,
      PROJECTOR_POLL_MS: '20',
    };
    const pool = new Pool({
      connectionString: POSTGRES_URL,
      options: `-c search_path=${readSchema}`,
    });
    const checkpoint = async () =>
      Number(
        (
          await pool.query<{ position: string }>(
            "SELECT position FROM checkpoints WHERE projection = 'victim-journey'",
          )
        ).rows[0]?.position ?? 0,
      );
    const head = Number(
      (
        await pool.query<{ max: string }>(
          `SELECT max(global_position) AS max FROM ${env.POSTGRES_SCHEMA}.events`,
        )
      ).rows[0]?.max,
    );
    try {
      const start = await checkpoint();
      expect(start).toBeLessThan(head);
      const first = runScript('apps/worker/src/main.ts', [], workerEnv);
      for (let i = 0; i < 600 && (await checkpoint()) === start; i++)
        await new Promise((r) => setTimeout(r, 20));
      first.kill('SIGKILL');
      await exited(first);
      expect(await checkpoint()).toBeLessThan(head);

      const second = runScript('apps/worker/src/main.ts', [], workerEnv);
      for (let i = 0; i < 4000 && (await checkpoint()) < head; i++)
        await new Promise((r) => setTimeout(r, 20));
      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
      expect(await checkpoint()).toBe(head);
    } finally {
      await pool.end();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${workerEnv.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    const projected = await readModels.dump();
    await runToEnd('scripts/rebuild.ts', ['victim-journey', '--fresh'], env);
    expect(await readModels.dump()).toEqual(projected);
  });
});
