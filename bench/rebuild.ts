/**
 * Times only the journey rebuild (as `npm run bench -- --only stores` does it, with large pages),
 * on SQLite and PostgreSQL read models, several runs each, and prints a digest of what each
 * rebuild left: two versions of the code that write the same read models print the same digest.
 *
 *   node -r @swc-node/register bench/rebuild.ts [--events 20000] [--runs 3] [--stores sqlite,postgres]
 *
 * The event store (demo-dataset events appended 10 at a time, as the stores rows do) is kept in
 * the temporary folder by event count and seed, so later runs skip building it.
 *
 * With `--partitions 1,2` (0: without --partitions) it times, instead, the production rebuild in partitions as operators run
 * it: `scripts/rebuild.ts victim-journey --fresh --partitions N` (its processes, the join, the
 * catch-up and the switch) on the same events in a PostgreSQL event store (schema `--schema`,
 * read models in `<schema>_read`), each count in turn in every run; it prints the script's own
 * time, the whole process's, and the machine's load average before and after.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import { PostgresEventStore } from '@vj/event-store/postgres';
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
      partitions: { type: 'string' },
      schema: { type: 'string', default: SCHEMA },
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
  // The same events, appended in the same order, into any store.
  const append = async (store: EventStore, now: Date) => {
    const agencies = AgencyDirectory.fromConfig(readAgenciesFile(AGENCIES_FILE));
    const workload = await buildWorkload(events, seed, now, agencies);
    await appendOurs(store, appendLanes(workload, 1, 10));
  };
  if (!existsSync(file) || !existsSync(nowFile)) {
    rmSync(file, { force: true });
    const now = new Date();
    const store = new SqliteEventStore(file);
    await append(store, now);
    await store.close();
    writeFileSync(nowFile, now.toISOString());
  }
  const now = new Date(readFileSync(nowFile, 'utf8'));
  if (values.partitions !== undefined) {
    const counts = values.partitions.split(',').map(Number);
    return timePartitions(values.postgres, values.schema, now, runs, counts, batchSize, (store) =>
      append(store, now),
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'vj-rebuild-bench-'));

  const open: Record<string, () => Promise<ReadModels>> = {
    sqlite: () => ReadModels.openSqlite(join(dir, 'read-models.sqlite')),
    postgres: async () => {
      await withClient(values.postgres, (c) =>
        c.query(`DROP SCHEMA IF EXISTS ${values.schema} CASCADE`),
      );
      return ReadModels.openPostgres(values.postgres, values.schema);
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
      await withClient(values.postgres, (c) =>
        c.query(`DROP SCHEMA IF EXISTS ${values.schema} CASCADE`),
      );
  }
}

/** `scripts/rebuild.ts --partitions N` for each count in turn, `runs` times, on PostgreSQL. */
async function timePartitions(
  url: string,
  schema: string,
  now: Date,
  runs: number,
  counts: readonly number[],
  batchSize: number,
  append: (store: EventStore) => Promise<void>,
): Promise<void> {
  const drop = () =>
    withClient(url, async (c) => {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.query(`DROP SCHEMA IF EXISTS ${schema}_read CASCADE`);
    });
  await drop();
  try {
    const events = await PostgresEventStore.open({ connectionString: url, schema });
    await append(events);
    // Readers see an event once every transaction begun before it has ended (this PostgreSQL may
    // be shared with others' long ones): start timing once the last is readable.
    const head = await withClient(url, async (c) => {
      const { rows } = await c.query<{ max: string }>(
        `SELECT max(global_position) AS max FROM ${schema}.events`,
      );
      return BigInt(rows[0]?.max ?? 0);
    });
    while ((await events.readAll({ after: head - 1n, maxCount: 1 })).length === 0)
      await new Promise((r) => setTimeout(r, 100));
    await events.close();
    const env = {
      ...process.env,
      EVENT_STORE: 'postgres',
      POSTGRES_URL: url,
      POSTGRES_SCHEMA: schema,
      CLOCK_NOW: now.toISOString(),
      LOG_LEVEL: 'warn',
    };
    for (let run = 0; run < runs; run++) {
      for (const count of counts) {
        const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
        const start = process.hrtime.bigint();
        // 0: the rebuild without --partitions, in one process, for comparison.
        const partitions = count > 0 ? ['--partitions', String(count)] : [];
        const output = await rebuildScript(
          ['victim-journey', '--fresh', ...partitions, '--batch-size', String(batchSize)],
          env,
        );
        const wall = Number(process.hrtime.bigint() - start) / 1e9;
        const [, applied, seconds] =
          /rebuilt victim-journey: (\d+) events in ([\d.]+) s/.exec(output) ?? [];
        const readModels = await ReadModels.openPostgres(url, `${schema}_read`);
        const digest = createHash('sha256')
          .update(JSON.stringify(await readModels.dump()))
          .digest('hex')
          .slice(0, 16);
        await readModels.close();
        const after = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
        process.stdout.write(
          `postgres, ${count > 0 ? `${count} partition(s)` : 'single process'}: ${applied} events in ${seconds} s = ${Math.round(Number(applied) / Number(seconds))} events/s (the whole script ${wall.toFixed(2)} s); loadavg ${load} -> ${after}; digest ${digest}\n`,
        );
      }
    }
  } finally {
    await drop();
  }
}

/** Runs scripts/rebuild.ts as operators do; resolves with its output. */
function rebuildScript(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, join(__dirname, '..', 'scripts', 'rebuild.ts'), ...args],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`rebuild exited ${code}: ${output}`)),
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
