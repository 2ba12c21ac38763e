/**
 * The caseload read on PostgreSQL before and after `VACUUM ANALYZE` of freshly seeded read models:
 * `node -r @swc-node/register bench/caseload-vacuum.ts [--victims 100000] [--postgres URL]`.
 *
 * The caseload's total is an index-only scan, which visits the table for every entry of a page
 * the visibility map does not yet mark all-visible: so on a table just loaded, before autovacuum
 * has passed, it costs far more than it will once vacuumed. This prints both, with each plan.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ReadModels } from '@vj/read-models';
import { caseloadAt } from '../apps/api/src/compliance/caseload-at';
import { seedVictims } from './seed-victims';
import { percentile } from './stats';
import { dropBenchSchemas, SCHEMA_PREFIX } from './stores';

const FROM = new Date('2025-01-01T00:00:00Z');
const NOW = new Date('2026-01-01T00:00:00Z');
const RUNS = 60;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      victims: { type: 'string', default: '100000' },
      postgres: {
        type: 'string',
        default: process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
      },
    },
  });
  const victims = Number(values.victims);
  const schema = `${SCHEMA_PREFIX}caseload_vacuum`;
  const client = new Client({ connectionString: values.postgres });
  await client.connect();
  const readModels = await ReadModels.openPostgres(values.postgres, schema);
  try {
    process.stderr.write(`seeding ${victims} victims\n`);
    await seedVictims(readModels, {
      victims,
      seed: 1,
      from: FROM,
      to: NOW,
      now: NOW,
      sampleEvery: 97,
    });
    const timed = async (state: string): Promise<void> => {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS + 5; i++) {
        const start = process.hrtime.bigint();
        const caseload = await caseloadAt(readModels, NOW, {
          policeAreas: ['metropolitan'],
          owedBy: 'police',
          due: 'open',
          limit: 50,
          offset: 0,
        });
        if (i >= 5) times.push(Number(process.hrtime.bigint() - start) / 1e6);
        total = caseload.total;
      }
      times.sort((a, b) => a - b);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM ${schema}.entitlements
          WHERE police_area = 'metropolitan' AND owed_by = 'police' AND fulfilled_at IS NULL
            AND status IN ('pending', 'breached') AND deadline_ends_at IS NOT NULL`,
      );
      process.stdout.write(
        `${state}: ${total} open, caseload p50 ${percentile(times, 0.5).toFixed(1)} ms, ` +
          `p99 ${percentile(times, 0.99).toFixed(1)} ms (${RUNS} runs); the total's plan:\n` +
          `${rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}\n`,
      );
    };
    await timed('as seeded');
    await client.query(`VACUUM ANALYZE ${schema}.entitlements`);
    await timed('after VACUUM ANALYZE');
  } finally {
    await readModels.close();
    await client.end();
    await dropBenchSchemas(values.postgres, schema);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
