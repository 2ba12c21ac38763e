/**
 * Times only the journey rebuild (as `npm run bench -- --only stores` does it, with large pages),
 * on SQLite and PostgreSQL read models, several runs each, and prints a digest of what each
 * rebuild left: two versions of the code that write the same read models print the same digest.
 *
 *   node -r @swc-node/register bench/rebuild.ts [--events 20000] [--runs 3] [--stores sqlite,postgres]
 *
 * The event store (demo-dataset events appended 10 at a time, as the stores rows do) is kept in
 * the temporary folder by event count and seed, so later runs skip building it.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyProjector, ReadModels, REBUILD_BATCH_SIZE } from '@vj/read-models';
import { readAgenciesFile } from '@vj/runtime';
import { appendOurs, withClient } from './stores';
import { AGENCIES_FILE, appendLanes, buildWorkload } from './workload';

const SCHEMA = 'vj_rebuild_bench';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '2026' },
      runs: { type: 'string', default: '3' },
      stores: { type: 'string', default: 'sqlite,postgres' },
      'batch-size': { type: 'string', default: String(REBUILD_BATCH_SIZE) },
      postgres: {
        type: 'string',
        default: process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
      },
    },
  });
  const events = Number(values.events);
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  const batchSize = Number(values['batch-size']);
  const stores = values.stores.split(',');

  const file = join(tmpdir(), `vj-rebuild-bench-${events}-${seed}.sqlite`);
  const nowFile = `${file}.now`;
  if (!existsSync(file) || !existsSync(nowFile)) {
    rmSync(file, { force: true });
    const now = new Date();
    const agencies = AgencyDirectory.fromConfig(readAgenciesFile(AGENCIES_FILE));
    const workload = await buildWorkload(events, seed, now, agencies);
    const store = new SqliteEventStore(file);
    await appendOurs(store, appendLanes(workload, 1, 10));
    await store.close();
    writeFileSync(nowFile, now.toISOString());
  }
  const now = new Date(readFileSync(nowFile, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'vj-rebuild-bench-'));

  const open: Record<string, () => Promise<ReadModels>> = {
    sqlite: () => ReadModels.openSqlite(join(dir, 'read-models.sqlite')),
    postgres: async () => {
      await withClient(values.postgres, (c) => c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`));
      return ReadModels.openPostgres(values.postgres, SCHEMA);
    },
  };
  try {
    for (const name of stores) {
      const opener = open[name];
      if (!opener) throw new Error(`no store ${name}`);
      for (let run = 0; run < runs; run++) {
        const store = new SqliteEventStore(file);
        const readModels = await opener();
        try {
          const projector = new JourneyProjector(store, readModels, new FixedClock(now), batchSize);
          const cpuBefore = process.cpuUsage();
          const start = process.hrtime.bigint();
          const applied = await projector.rebuild();
          const seconds = Number(process.hrtime.bigint() - start) / 1e9;
          // This process's CPU time: less moved than the wall clock by others' load on the machine.
          const cpu = process.cpuUsage(cpuBefore);
          const cpuSeconds = (cpu.user + cpu.system) / 1e6;
          const digest = createHash('sha256')
            .update(JSON.stringify(await readModels.dump()))
            .digest('hex')
            .slice(0, 16);
          process.stdout.write(
            `${name}: ${applied} events in ${seconds.toFixed(2)} s = ${Math.round(applied / seconds)} events/s (${cpuSeconds.toFixed(2)} s of this process's CPU); digest ${digest}\n`,
          );
        } finally {
          await readModels.close();
          await store.close();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (stores.includes('postgres'))
      await withClient(values.postgres, (c) => c.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
