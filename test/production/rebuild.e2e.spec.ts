import { Pool } from 'pg';
import { ReadModels } from '@vj/read-models';
import {
  dropSchemas,
  exited,
  POSTGRES_URL,
  productionEnv,
  runScript,
  runToEnd,
} from '../support/production';

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
});
