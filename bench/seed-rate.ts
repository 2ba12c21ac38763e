/**
 * How fast the read sizes seed, one way against another in one sitting:
 *
 *   node -r @swc-node/register bench/seed-rate.ts --victims 5000 --ways serial,worker
 *
 * `serial`: the way reads.ts seeded before (1,000-victim chunks, one journey posted at a time, all
 * in one thread); `worker`: seed-victims.ts's defaults. Each way seeds fresh stores (--stores
 * sqlite,postgres: a SQLite file, a PostgreSQL schema dropped after) and prints victims/s: the
 * serial way one store after another, the worker way all at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ReadModels } from '@vj/read-models';
import { bulkLoadCache, seedVictims, type SeedOptions } from './seed-victims';
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
      stores: { type: 'string', default: 'sqlite' },
      chunk: { type: 'string' },
      concurrency: { type: 'string' },
      postgres: { type: 'string', default: 'postgres://root@127.0.0.1:5432/test' },
      schema: { type: 'string', default: `${SCHEMA_PREFIX}seed_rate` },
      // Keeps the seeded SQLite file at this path, to look at query plans.
      keep: { type: 'string' },
      // SQLite: the page cache for the load, in MiB (bulkLoadCache); SQLite's default otherwise.
      'cache-mib': { type: 'string' },
    },
  });
  const victims = Number(values.victims);
  const stores = values.stores.split(',');
  for (const name of values.ways.split(',')) {
    const way = WAYS[name];
    if (!way) throw new Error(`no seeding way '${name}' (${Object.keys(WAYS).join(', ')})`);
    // The serial way seeded each store on its own; the worker way judges once for all of them.
    const rounds = way.worker ? [stores] : stores.map((store) => [store]);
    let seconds = 0;
    let writeSeconds = 0;
    for (const round of rounds) {
      const dir = mkdtempSync(join(tmpdir(), 'vj-seed-rate-'));
      const opened: ReadModels[] = [];
      try {
        for (const store of round) {
          opened.push(
            store === 'postgres'
              ? await ReadModels.openPostgres(values.postgres, values.schema)
              : await ReadModels.openSqlite(values.keep ?? join(dir, 'read-models.sqlite')),
          );
        }
        for (const [i, store] of round.entries()) {
          const readModels = opened[i];
          if (store === 'sqlite' && readModels && values['cache-mib'])
            await bulkLoadCache(readModels, Number(values['cache-mib']));
        }
        const seeded = await seedVictims(opened, {
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
        seconds += seeded.seconds;
        writeSeconds += seeded.writeSeconds;
      } finally {
        for (const readModels of opened) await readModels.close();
        rmSync(dir, { recursive: true, force: true });
        if (round.includes('postgres')) await dropBenchSchemas(values.postgres, values.schema);
      }
    }
    process.stdout.write(
      `${name} (${stores.join(', ')}${values['cache-mib'] ? `, ${values['cache-mib']} MiB cache` : ''}): ${victims} victims in ${seconds.toFixed(1)} s = ${Math.round(victims / seconds)}/s (writing ${writeSeconds.toFixed(1)} s)\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
