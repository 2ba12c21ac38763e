/**
 * How fast the read sizes seed, one way against another in one sitting:
 *
 *   node -r @swc-node/register bench/seed-rate.ts --victims 5000 --ways serial,worker
 *
 * `serial`: the way reads.ts seeded before (1,000-victim chunks, one journey posted at a time, all
 * in one thread); `worker`: seed-victims.ts's defaults. Each way seeds a fresh SQLite file (or a
 * PostgreSQL schema with --postgres URL, dropped after) and prints victims/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReadModels } from '@vj/read-models';
import { seedVictims, type SeedOptions } from './seed-victims';
import { dropBenchSchemas, SCHEMA_PREFIX } from './stores';

const WAYS: Record<string, Partial<SeedOptions> & { worker: boolean }> = {
  serial: { chunk: 1_000, concurrency: 1, worker: false },
  'serial-batched': { worker: false },
  worker: { worker: true },
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      victims: { type: 'string', default: '5000' },
      ways: { type: 'string', default: 'serial,worker' },
      chunk: { type: 'string' },
      concurrency: { type: 'string' },
      postgres: { type: 'string' },
      // Keeps what was seeded (a SQLite file at this path, or the PostgreSQL schema of this name)
      // for looking at query plans.
      keep: { type: 'string' },
    },
  });
  const victims = Number(values.victims);
  for (const name of values.ways.split(',')) {
    const way = WAYS[name];
    if (!way) throw new Error(`no seeding way '${name}' (${Object.keys(WAYS).join(', ')})`);
    const dir = mkdtempSync(join(tmpdir(), 'vj-seed-rate-'));
    const schema = values.keep ?? `${SCHEMA_PREFIX}seed_rate`;
    const readModels = values.postgres
      ? await ReadModels.openPostgres(values.postgres, schema)
      : await ReadModels.openSqlite(values.keep ?? join(dir, 'read-models.sqlite'));
    try {
      const seeded = await seedVictims(readModels, {
        victims,
        seed: 1,
        from: new Date('2025-01-01T00:00:00Z'),
        to: new Date('2026-01-01T00:00:00Z'),
        now: new Date('2026-01-01T00:00:00Z'),
        sampleEvery: 97,
        ...way,
        ...(values.chunk ? { chunk: Number(values.chunk) } : {}),
        ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
      });
      process.stdout.write(
        `${name}: ${seeded.victims} victims in ${seeded.seconds.toFixed(1)} s = ${Math.round(seeded.victims / seeded.seconds)}/s (writing ${seeded.writeSeconds.toFixed(1)} s)\n`,
      );
    } finally {
      await readModels.close();
      rmSync(dir, { recursive: true, force: true });
      if (values.postgres && !values.keep) await dropBenchSchemas(values.postgres, schema);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
