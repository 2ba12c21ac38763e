/**
 * Seeding read models with N generated victims for the read latencies (bench/reads.ts).
 *
 * Each chunk of the workload generator's journeys (43 areas, 2025) is posted through the real
 * ingestion use case into a throwaway in-memory event store, read back as the projector reads it
 * (toJourneyEvent, evolveJourney), judged by the pure code (victimRowsOf) and written through the
 * real writer (ReadModels.save). The seed integration spec checks that what this writes is what
 * the journey projector writes from the same events.
 *
 * Two threads on the 2-core machine: a worker generates, ingests and judges chunk after chunk
 * while the main thread writes the previous one. Within a chunk several journeys are posted at
 * once, so the event store's group commit appends many in one transaction (each journey's own
 * events still go in order, which is all the projection reads). Memory stays flat: at most a few
 * chunks are in flight.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import { AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { ingestionPoster, journeysOf, loadAgencyDirectory, postJourneys } from '@vj/demo-data';
import type { WorkloadJourney } from '@vj/demo-data';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import {
  evolveJourney,
  initialJourneyState,
  toJourneyEvent,
  type JourneyState,
} from '@vj/projections';
import {
  JOURNEY_PROJECTION,
  type ReadModels,
  victimRowsOf,
  type VictimRows,
} from '@vj/read-models';
import { readAgenciesFile } from '@vj/runtime';
import { AGENCIES_FILE } from './workload';

export interface SeedOptions {
  victims: number;
  /** The generator's seed: the same seed, the same victims. */
  seed: number;
  from: Date;
  to: Date;
  /** Judged (and ingested) as of this instant. */
  now: Date;
  /** Victims per chunk: ingested into one throwaway store and written in one transaction. */
  chunk?: number;
  /** Journeys posted at once within a chunk. */
  concurrency?: number;
}

const DEFAULT_CHUNK = 2_000;
const DEFAULT_CONCURRENCY = 32;
/** Chunks the worker may judge ahead of the writer: enough to keep both threads busy. */
const AHEAD = 2;

/** Each chunk's victims, ingested, read back and judged: the rows the projector would write. */
export async function* judgedChunks(options: SeedOptions): AsyncGenerator<VictimRows[]> {
  const agencies = AgencyDirectory.fromConfig(
    loadAgencyDirectory(readAgenciesFile(AGENCIES_FILE) as { agencies: { id: string }[] }),
  );
  const clock = new FixedClock(options.now);
  const size = options.chunk ?? DEFAULT_CHUNK;
  const journeys = journeysOf({
    victims: options.victims,
    seed: options.seed,
    from: options.from,
    to: options.to,
  });
  for (;;) {
    const chunk: WorkloadJourney[] = [];
    for (let next = journeys.next(); !next.done; next = journeys.next()) {
      chunk.push(next.value);
      if (chunk.length === size) break;
    }
    if (chunk.length === 0) return;
    const store = new SqliteEventStore(':memory:');
    try {
      const ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
      await postJourneys(chunk.values(), ingestionPoster(ingestion, agencies), {
        concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      });
      const states = new Map<string, JourneyState>();
      for (let after: bigint | undefined; ;) {
        const page = await store.readAll({
          ...(after === undefined ? {} : { after }),
          maxCount: 5_000,
        });
        const last = page[page.length - 1];
        if (!last) break;
        after = last.globalPosition;
        for (const recorded of page) {
          const event = toJourneyEvent(recorded);
          states.set(
            event.victimId,
            evolveJourney(states.get(event.victimId) ?? initialJourneyState(), event),
          );
        }
      }
      // Victim order, not the order the concurrent posts happened to land in: the page reads'
      // sample is then the same victims whatever the interleaving.
      const ids = [...states.keys()].sort();
      yield ids.map((id) =>
        victimRowsOf({ state: states.get(id) as JourneyState, version: 0 }, options.now),
      );
    } finally {
      await store.close();
    }
  }
}

/** What seeding did: a sample of the victims' ids (for page reads) and where the time went. */
export interface Seeded {
  sample: string[];
  victims: number;
  seconds: number;
  /** Time the main thread spent in ReadModels.save. */
  writeSeconds: number;
}

/**
 * Seeds each of `readModels` with the same generated victims, judged once; every
 * `sampleEvery`-th victim's id is kept. `worker: false` judges in this thread (the seed spec runs
 * both ways).
 */
export async function seedVictims(
  readModels: ReadModels | readonly ReadModels[],
  options: SeedOptions & {
    sampleEvery: number;
    worker?: boolean;
    log?: (line: string) => void;
  },
): Promise<Seeded> {
  const started = process.hrtime.bigint();
  const sample: string[] = [];
  let position = 0n;
  let seeded = 0;
  let writeNs = 0n;
  const { sampleEvery, worker, log, ...seed } = options;
  const targets: readonly ReadModels[] = readModels instanceof Array ? readModels : [readModels];
  const chunks = worker === false ? judgedChunks(seed) : judgedInWorker(seed);
  for await (const rows of chunks) {
    for (const row of rows) {
      if (seeded++ % sampleEvery === 0) sample.push(row.state.victimId as string);
    }
    const to = position + BigInt(rows.length);
    const writing = process.hrtime.bigint();
    const checkpoint = {
      projection: JOURNEY_PROJECTION,
      from: position === 0n ? undefined : position,
      to,
    };
    await Promise.all(targets.map((target) => target.save(rows, checkpoint)));
    writeNs += process.hrtime.bigint() - writing;
    position = to;
    if (log && seeded % 50_000 < rows.length)
      log(
        `  ${seeded} victims seeded, ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s`,
      );
  }
  return {
    sample,
    victims: seeded,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    writeSeconds: Number(writeNs) / 1e9,
  };
}

/**
 * SQLite: a page cache of `mib` MiB on the read models' connection for the bulk load (a throwaway
 * benchmark file; the store keeps SQLite's 2 MB default), through the tenant hook, which hands a
 * tenant the database handle. Resolves with what puts the default back, before the reads are timed.
 */
export async function bulkLoadCache(
  readModels: ReadModels,
  mib: number,
): Promise<() => Promise<void>> {
  const db = await readModels.host<unknown, Kysely<unknown>>({
    name: 'bench seeding',
    migrationTable: 'bench_seed_migrations',
    migrations: {},
    open: (handle) => handle,
  });
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const before = rows[0]?.cache_size ?? -2000;
  await sql.raw(`pragma cache_size = ${-Math.round(mib * 1024)}`).execute(db);
  return async () => {
    await sql.raw(`pragma cache_size = ${before}`).execute(db);
  };
}

/** Messages from the seed worker (bench/seed-worker.ts). */
export type SeedWorkerMessage =
  | { kind: 'chunk'; rows: VictimRows[] }
  | { kind: 'done' }
  | { kind: 'failed'; message: string; stack?: string };

/**
 * judgedChunks in a worker thread, at most AHEAD chunks ahead of the consumer: the worker asks
 * for nothing, it is granted a chunk's credit each time one is taken.
 */
async function* judgedInWorker(options: SeedOptions): AsyncGenerator<VictimRows[]> {
  const worker = new Worker(join(__dirname, 'seed-worker.ts'), {
    workerData: { options, ahead: AHEAD },
    // The worker is TypeScript too, loaded as this process loads its own.
    execArgv: ['-r', '@swc-node/register'],
  });
  const queue: SeedWorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let exited: Error | undefined;
  worker.on('message', (message: SeedWorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    exited = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    exited ??= new Error(`the seed worker exited (${code}) before it was done`);
    wake?.();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (exited) throw exited;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (message.kind === 'done') return;
      if (message.kind === 'failed') {
        const error = new Error(`the seed worker failed: ${message.message}`);
        if (message.stack) error.stack = message.stack;
        throw error;
      }
      worker.postMessage('more');
      yield message.rows;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
