/**
 * The benchmark: `npm run bench [-- --events 20000 --concurrency 4 --batches 1,10]`.
 * `npm run bench -- --report [--entitlements 1000000]`: the compliance report instead (report.ts).
 *
 * Appends the same realistic journey events (the demo dataset, put through the real ingestion use
 * case) to our SQLite and PostgreSQL stores and to Emmett's, in the same run, so the figures are
 * ratios on this machine; then through the HTTP API; then rebuilds the journey read models from
 * what was appended. Prints one table. Exits 0 whether or not an aim is met (it is a report), and
 * non-zero when a measurement fails to run.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import { EventStoreDbEventStore } from '@vj/event-store/eventstoredb';
import { PostgresEventStore } from '@vj/event-store/postgres';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { endOfAll, onFreshStreams, ReadingFrom } from './eventstoredb';
import { redisWindowMemory } from './redis-window';
import { runReportBench } from './report';
import { JourneyProjector, ReadModels, REBUILD_BATCH_SIZE } from '@vj/read-models';
import { readAgenciesFile } from '@vj/runtime';
import {
  loadEmmettSqlitePeer,
  type EmmettEvent,
  type EmmettSqliteEventStore,
  type EmmettSqlitePeer,
} from './emmett-sqlite-peer';
import { grouped, markdownTable } from './stats';
import { ensureEmmettSqlitePeer, type PeerStatus } from './ensure-peers';
import { ingestMarkdown, ingestSection, type IngestSection } from './ingest';
import { measureMemory, memoryMarkdown, type MemoryFigure } from './memory';
import { measureReads, readsMarkdown, type ReadFigure } from './reads';
import {
  appendOurs,
  createSchema,
  dropBenchSchemas,
  dropStaleBenchSchemas,
  SCHEMA_PREFIX,
  timeLanes,
  withClient,
  withSearchPath,
  type Measured,
} from './stores';
import {
  AGENCIES_FILE,
  appendLanes,
  buildWarmup,
  buildWorkload,
  prefixOf,
  type Append,
  type Workload,
} from './workload';

const PG_APPEND_AIM = 5_000;
const REBUILD_AIM = 20_000;
/** A rebuild should go at least at half the rate the store reads everything back. */
const REBUILD_SHARE_OF_READ_ALL = 0.5;
const PARTS = ['stores', 'ingest', 'reads', 'memory', 'redis'] as const;
type Part = (typeof PARTS)[number];

interface Row {
  store: string;
  path: string;
  perAppend: string;
  result?: Measured;
  /** Why it was not measured (not a failure: a peer that cannot be built, a mode not there yet). */
  unavailable?: string;
  failed?: string;
  peer?: Row;
  /** The share of the peer's rate this row should reach (1: at least the peer's). */
  peerAim?: number;
  /** The events/s this row should reach. */
  aim?: number;
  /** What is worth knowing about how it was measured: footnotes. */
  remarks?: string[];
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<number> {
  const started = process.hrtime.bigint();
  const loadAtStart = oneMinuteLoad();
  const startedAt = new Date().toISOString();
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '20000' },
      concurrency: { type: 'string', default: '4' },
      batches: { type: 'string', default: '1,10' },
      seed: { type: 'string', default: '2026' },
      // The parts to run, comma-separated (PARTS); all of them when empty.
      only: { type: 'string', default: '' },
      // HTTP ingest: the connection counts, and the events posted at each.
      connections: { type: 'string', default: '1,8,32,128' },
      'ingest-events': { type: 'string', default: '5000' },
      // Our API's rows again, posting batches of up to this many events (0 or 1: none).
      'ingest-batch': { type: 'string', default: '10' },
      // Read latencies: the victim counts seeded, and the timed runs of each read.
      victims: { type: 'string', default: '10000,50000' },
      'read-runs': { type: 'string', default: '200' },
      // Peak memory of the API and the worker: the event counts of the two runs.
      'memory-events': { type: 'string', default: '20000,80000' },
      'read-stores': { type: 'string', default: 'postgres' },
      // Keep each size's PostgreSQL read models for the next run, and reuse those kept (bench/reads.ts).
      'keep-seeded': { type: 'boolean', default: false },
      json: { type: 'string' },
      'sqlite-peer-events': { type: 'string', default: '5000' },
      'warmup-events': { type: 'string', default: '400' },
      postgres: {
        type: 'string',
        default: process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
      },
      // The compliance report benchmark in place of the event store's (bench/report.ts).
      report: { type: 'boolean', default: false },
      entitlements: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '200' },
      'naive-runs': { type: 'string', default: '5' },
      'report-stores': { type: 'string', default: 'sqlite,postgres' },
    },
  });
  if (values.report) {
    const code = await runReportBench({
      entitlements: wholeNumber('--entitlements', values.entitlements, 100),
      runs: wholeNumber('--runs', values.runs, 1),
      naiveRuns: wholeNumber('--naive-runs', values['naive-runs'], 1),
      stores: values['report-stores'].split(',').filter((x) => x === 'sqlite' || x === 'postgres'),
      postgres: values.postgres,
      log,
      out,
    });
    return code;
  }
  const events = wholeNumber('--events', values.events, 100);
  const concurrency = wholeNumber('--concurrency', values.concurrency, 1);
  const seed = wholeNumber('--seed', values.seed, 0);
  const warmupEvents = wholeNumber('--warmup-events', values['warmup-events'], 50);
  const sqlitePeerEvents = wholeNumber('--sqlite-peer-events', values['sqlite-peer-events'], 100);
  const only = values.only.split(',').filter((part) => part.length > 0);
  const unknownPart = only.find((part) => !(PARTS as readonly string[]).includes(part));
  if (unknownPart) throw new Error(`--only takes ${PARTS.join(', ')}, not '${unknownPart}'`);
  const runs = (part: Part): boolean => only.length === 0 || only.includes(part);
  const connections = values.connections.split(',').map((c) => wholeNumber('--connections', c, 1));
  const ingestEvents = wholeNumber('--ingest-events', values['ingest-events'], 100);
  const ingestBatch = wholeNumber('--ingest-batch', values['ingest-batch'], 0);
  const victimCounts = values.victims.split(',').map((v) => wholeNumber('--victims', v, 100));
  const readRuns = wholeNumber('--read-runs', values['read-runs'], 1);
  const readStores = values['read-stores']
    .split(',')
    .filter((x): x is 'sqlite' | 'postgres' => x === 'sqlite' || x === 'postgres');
  const batches = values.batches.split(',').map((b) => wholeNumber('--batches', b, 1));
  const batchesDesc = [...batches].sort((a, b) => b - a);
  const largestBatch = batchesDesc[0] ?? 1;
  const pgUrl = values.postgres;

  const dir = mkdtempSync(join(tmpdir(), 'vj-bench-'));
  const rows: Row[] = [];
  const facts = await machineFacts(pgUrl);

  // Only the store rows need it, and a first install builds sqlite3 from source.
  const peerStatus: PeerStatus = runs('stores')
    ? ensureEmmettSqlitePeer(log)
    : { available: false, reason: 'the store rows were not run' };
  let sqlitePeer: EmmettSqlitePeer | undefined;
  let sqlitePeerUnavailable = peerStatus.available ? undefined : peerStatus.reason;
  if (peerStatus.available) {
    try {
      sqlitePeer = loadEmmettSqlitePeer();
    } catch (error) {
      sqlitePeerUnavailable = `it does not load: ${message(error)}`;
    }
  }

  log(`preparing ${events} events (+${warmupEvents} to warm up) through the ingestion use case`);
  const now = new Date();
  const agencies = AgencyDirectory.fromConfig(readAgenciesFile(AGENCIES_FILE));
  // The store rows' workload; the other parts build their own.
  const workload = await buildWorkload(runs('stores') ? events : 100, seed, now, agencies);
  const warmup = await buildWarmup(workload, warmupEvents, seed, agencies);
  const streams = workload.streams.length;

  const measure = async (row: Row, run: () => Promise<Measured>): Promise<void> => {
    rows.push(row);
    if (row.unavailable) return;
    log(`${row.store} · ${row.path} · ${row.perAppend}: running`);
    try {
      row.result = await run();
      log(`  ${row.result.events} events in ${row.result.seconds.toFixed(2)} s: ${rate(row)}/s`);
    } catch (error) {
      row.failed = message(error);
      log(`  failed: ${row.failed}`);
      if (error instanceof Error && error.stack) log(error.stack);
    }
  };

  /** Reading a store's events back, then rebuilding the journey read models from it. */
  const measureReadAndRebuild = async (
    store: string,
    unavailable: string | undefined,
    openStore: () => Promise<EventStore>,
    openReadModels: () => Promise<ReadModels>,
  ): Promise<void> => {
    const notRun = unavailable ? { unavailable } : {};
    const readAll: Row = { store, path: 'read all (500/page)', perAppend: '-', ...notRun };
    await measure(readAll, async () => {
      const events = await openStore();
      try {
        return await readEverything(events);
      } finally {
        await events.close();
      }
    });
    await measure(
      {
        store,
        // The journey projection is the worker's one projector: ReadModels.save writes every
        // read model from it (journeys, entitlements, case index, compliance counts).
        path: 'rebuild, all projections',
        perAppend: '-',
        aim: REBUILD_AIM,
        peer: readAll,
        peerAim: REBUILD_SHARE_OF_READ_ALL,
        ...notRun,
      },
      async () => {
        const events = await openStore();
        const readModels = await openReadModels();
        try {
          await warmRebuild(warmup, readModels);
          return await timedRebuild(events, readModels, now);
        } finally {
          await readModels.close();
          await events.close();
        }
      },
    );
  };

  await dropStaleBenchSchemas(pgUrl);
  const ourSqlite = new Map<number, string>();
  const ourPg = new Map<number, string>();
  let ingest: IngestSection | undefined;
  let reads: ReadFigure[] | undefined;
  let memory: MemoryFigure[] | undefined;
  try {
    if (runs('stores')) {
      // ---- SQLite: our store and Emmett's, each batch size on a fresh file.
      for (const batch of batches) {
        const lanes = appendLanes(workload, concurrency, batch);
        const warm = appendLanes(warmup, concurrency, batch);
        const ours: Row = {
          store: 'SQLite (ours)',
          path: 'store append',
          perAppend: `${batch}/append`,
        };
        await measure(ours, async () => {
          const file = join(dir, `ours-b${batch}.sqlite`);
          const store = new SqliteEventStore(file);
          try {
            await appendOurs(store, warm);
            const result = await appendOurs(store, lanes);
            ourSqlite.set(batch, file);
            return result;
          } finally {
            await store.close();
          }
        });
        const peer: Row = {
          store: 'SQLite (Emmett)',
          path: 'store append',
          perAppend: `${batch}/append, 1 appender`,
          ...(sqlitePeerUnavailable ? { unavailable: sqlitePeerUnavailable } : {}),
          ...(sqlitePeerEvents < workload.eventCount
            ? {
                remarks: [
                  `the first ${grouped(sqlitePeerEvents)} events only (--sqlite-peer-events): it opens a connection for every append, so all ${grouped(workload.eventCount)} would take minutes`,
                ],
              }
            : {}),
        };
        await measure(peer, async () => {
          if (!sqlitePeer) throw new Error('the Emmett SQLite peer is not loaded');
          // One appender: Emmett's SQLite store shares one connection between the calls in
          // flight and closes it after each, so concurrent appends on one instance break; and
          // several instances on one file fail with SQLITE_BUSY (it sets no busy timeout). Our
          // store's appenders do not overlap either: better-sqlite3 is synchronous.
          const store = sqlitePeer.open(join(dir, `emmett-b${batch}.sqlite`));
          const retried = await quietEmmett(async () => {
            await appendEmmett(store, appendLanes(warmup, 1, batch));
            return appendEmmett(store, appendLanes(prefixOf(workload, sqlitePeerEvents), 1, batch));
          });
          if (retried.retries > 0) {
            peer.remarks = [
              ...(peer.remarks ?? []),
              `${retried.retries} of its appends (warm-up included) were retried: SQLITE_BUSY "cannot commit transaction - SQL statements in progress", from emmett-sqlite 0.38.5 not awaiting the "PRAGMA journal_mode = WAL" it issues on the connection it opens for every call`,
            ];
          }
          return retried.result;
        });
        ours.peer = peer;
      }

      // ---- Reading everything back, and the rebuild, on the SQLite store of the largest batch.
      const sqliteFile = ourSqlite.get(largestBatch);
      await measureReadAndRebuild(
        'SQLite (ours)',
        sqliteFile ? undefined : 'no SQLite store was appended',
        () => Promise.resolve(new SqliteEventStore(sqliteFile as string)),
        () => ReadModels.openSqlite(join(dir, 'read-models.sqlite')),
      );

      // ---- PostgreSQL: our store and Emmett's, each batch size in a fresh schema.
      for (const batch of batches) {
        const lanes = appendLanes(workload, concurrency, batch);
        const warm = appendLanes(warmup, concurrency, batch);
        const ours: Row = {
          store: 'PostgreSQL (ours)',
          path: 'store append',
          perAppend: `${batch}/append`,
          aim: PG_APPEND_AIM,
        };
        await measure(ours, async () => {
          const schema = `${SCHEMA_PREFIX}pg_b${batch}`;
          const store = await PostgresEventStore.open({ connectionString: pgUrl, schema });
          try {
            await appendOurs(store, warm);
            const result = await appendOurs(store, lanes);
            ourPg.set(batch, schema);
            return result;
          } finally {
            await store.close();
          }
        });
        const peer: Row = {
          store: 'PostgreSQL (Emmett)',
          path: 'store append',
          perAppend: `${batch}/append`,
        };
        await measure(peer, async () => {
          const schema = `${SCHEMA_PREFIX}emmett_b${batch}`;
          // Emmett's migrations look for their functions in the whole database, not the search
          // path: one Emmett schema at a time, or the second would find the first's and skip them.
          await dropBenchSchemas(pgUrl, `${SCHEMA_PREFIX}emmett_`);
          await createSchema(pgUrl, schema);
          // Emmett creates its tables and functions unqualified: the search path puts them in
          // the schema of this run.
          const store = getPostgreSQLEventStore(withSearchPath(pgUrl, schema));
          try {
            const emmett = { appendToStream: store.appendToStream.bind(store) };
            await appendEmmettLanes(
              lanes.map(() => emmett),
              emmettLanes(warm),
            );
            return await appendEmmettLanes(
              lanes.map(() => emmett),
              emmettLanes(lanes),
            );
          } finally {
            await store.close();
          }
        });
        ours.peer = peer;
      }

      const pgSchema = ourPg.get(largestBatch);
      const pgReadUnavailable = pgSchema ? undefined : 'no PostgreSQL store was appended';
      await measureReadAndRebuild(
        'PostgreSQL (ours)',
        pgReadUnavailable,
        () => PostgresEventStore.open({ connectionString: pgUrl, schema: pgSchema }),
        () => ReadModels.openPostgres(pgUrl, `${SCHEMA_PREFIX}read_models`),
      );

      // ---- EventStoreDB, when a server is named: our adapter (no peer of Emmett's is built).
      const esdb = process.env.EVENTSTORE_CONNECTION_STRING;
      const esdbUnavailable = esdb ? undefined : 'EVENTSTORE_CONNECTION_STRING is not set';
      let esdbStart: bigint | undefined;
      let esdbAppended = false;
      for (const batch of esdb ? batches : [largestBatch]) {
        await measure(
          {
            store: 'EventStoreDB (ours)',
            path: 'store append',
            perAppend: `${batch}/append`,
            aim: PG_APPEND_AIM,
            ...(esdbUnavailable ? { unavailable: esdbUnavailable } : {}),
          },
          async () => {
            const store = EventStoreDbEventStore.fromConnectionString(esdb as string);
            try {
              await appendOurs(store, onFreshStreams(appendLanes(warmup, concurrency, batch)));
              const lanes = onFreshStreams(appendLanes(workload, concurrency, batch));
              const start = await endOfAll(esdb as string);
              const result = await appendOurs(store, lanes);
              if (batch === largestBatch) {
                esdbStart = start;
                esdbAppended = true;
              }
              return result;
            } finally {
              await store.close();
            }
          },
        );
      }
      await measureReadAndRebuild(
        'EventStoreDB (ours)',
        esdbUnavailable ?? (esdbAppended ? undefined : 'no EventStoreDB stream was appended'),
        // From where this run's largest appends began: the server keeps earlier runs' streams.
        () =>
          Promise.resolve(
            new ReadingFrom(EventStoreDbEventStore.fromConnectionString(esdb as string), esdbStart),
          ),
        () => ReadModels.openPostgres(pgUrl, `${SCHEMA_PREFIX}read_models_esdb`),
      );
    }

    if (runs('ingest')) {
      ingest = await ingestSection({
        pgUrl,
        dir,
        connections,
        ingestEvents,
        batch: ingestBatch,
        seed,
        now,
        agencies,
        log,
      });
    }
    if (runs('memory')) {
      memory = await measureMemory({
        sizes: values['memory-events']
          .split(',')
          .map((n) => wholeNumber('--memory-events', n, 100)),
        pgUrl,
        dir,
        seed,
        now,
        agencies,
        log,
      });
    }
    if (runs('reads')) {
      reads = await measureReads({
        victims: victimCounts,
        runs: readRuns,
        stores: readStores,
        pgUrl,
        dir,
        log,
        keepSeeded: values['keep-seeded'],
      });
    }
  } finally {
    await dropBenchSchemas(pgUrl).catch((error: unknown) =>
      log(`could not drop the ${SCHEMA_PREFIX}* schemas: ${message(error)}`),
    );
    rmSync(dir, { recursive: true, force: true });
  }

  // Redis memory of the deadline scheduler: what falls due in its window, whatever the caseload.
  const redisFigures: string[] = [];
  if (runs('redis')) {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    for (const [caseload, due] of [
      [1_000, 100],
      [100_000, 100],
      [100_000, 1_000],
    ] as const) {
      try {
        const figure = await redisWindowMemory(redisUrl, caseload, due);
        redisFigures.push(
          `${grouped(figure.caseload).padStart(8)} open deadlines, ${grouped(figure.due).padStart(6)} due in the 1-hour window: ` +
            `${grouped(figure.jobs)} jobs, ${(figure.bytes / 1024).toFixed(0)} KiB of Redis`,
        );
      } catch (error) {
        redisFigures.push(`caseload ${caseload}: not measured (${message(error)})`);
      }
    }
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  out();
  out('Victim Journey benchmark');
  out(
    `  command: npm run bench --${process.argv
      .slice(2)
      .map((a) => ` ${a}`)
      .join('')}`,
  );
  for (const fact of facts) out(`  ${fact}`);
  if (runs('stores')) {
    out(
      `  workload: ${workload.eventCount} demo-dataset events in ${streams} victim streams ` +
        `(${(workload.eventCount / streams).toFixed(1)} per stream), ${concurrency} concurrent ` +
        `appenders/clients, ${warmup.eventCount} events appended first to warm up`,
    );
    out(
      `  SQLite peer: ${sqlitePeer ? `${sqlitePeer.label} (bench/peers/emmett-sqlite)` : 'not available'}`,
    );
    out(
      `  PostgreSQL peer: emmett-postgresql ${installedVersion('@event-driven-io/emmett-postgresql')}`,
    );
  }
  const sections: string[][] = [];
  if (rows.length > 0) sections.push(storeTable(rows));
  if (ingest) sections.push(ingestMarkdown(ingest));
  if (reads) sections.push(readsMarkdown(reads));
  if (memory) sections.push(memoryMarkdown(memory));
  for (const section of sections) {
    out();
    for (const line of section) out(line);
  }
  if (redisFigures.length > 0) {
    out();
    out(
      'Redis deadline window (MEMORY USAGE of the queue keys; a breach check and a reminder per due deadline):',
    );
    for (const line of redisFigures) out(`  ${line}`);
  }
  out();
  out(
    `total ${seconds.toFixed(0)} s; load average (1 min) ${loadAtStart} at the start, ` +
      `${oneMinuteLoad()} at the end: anything else running on these ${cpus().length} cores slows every figure`,
  );
  const file = writeResults(values.json, {
    command: `npm run bench --${process.argv
      .slice(2)
      .map((a) => ` ${a}`)
      .join('')}`,
    startedAt,
    seconds,
    machine: facts,
    loadAverage: { start: loadAtStart, end: oneMinuteLoad() },
    stores: rows.map(({ peer, ...row }) => ({
      ...row,
      ...(row.result ? { eventsPerSecond: perSecond(row.result) } : {}),
      ...(peer ? { against: `${peer.store} ${peer.path}` } : {}),
    })),
    ingest,
    reads,
    memory,
    redis: redisFigures,
    markdown: sections.map((lines) => lines.join('\n')),
  });
  out(`figures written to ${file}`);
  const failed =
    rows.some((row) => row.failed) ||
    (ingest ? [...ingest.figures, ...ingest.batched].some((f) => f.failed) : false);
  return failed ? 1 : 0;
}

/** The run's figures as JSON: `--json PATH`, or bench-results/<timestamp>.json. */
function writeResults(path: string | undefined, results: Record<string, unknown>): string {
  const file =
    path ??
    join(
      __dirname,
      '..',
      'bench-results',
      `${String(results.startedAt).replace(/[:.]/g, '-')}.json`,
    );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Appending.

interface EmmettAppend {
  streamId: string;
  events: EmmettEvent[];
  /** Emmett's expected stream version: how many events the stream has. */
  before: bigint;
}

/** The same events as Emmett events, made before the clock starts. */
function emmettLanes(lanes: Append[][]): EmmettAppend[][] {
  return lanes.map((lane) =>
    lane.map((append) => ({
      streamId: append.streamId,
      before: BigInt(append.before),
      events: append.events.map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { ...e.metadata, messageId: e.eventId },
      })),
    })),
  );
}

function appendEmmett(store: EmmettSqliteEventStore, lanes: Append[][]): Promise<Measured> {
  return appendEmmettLanes([store], emmettLanes(lanes), isEmmettSqliteRace);
}

/** The race in emmett-sqlite 0.38.5 (see where it is counted): the append was rolled back. */
function isEmmettSqliteRace(error: unknown): boolean {
  return error instanceof Error && error.message.includes('SQL statements in progress');
}

let emmettRetries = 0;

/**
 * Runs `work` with console.log silenced (emmett-sqlite logs every failed transaction there,
 * which would land in the table) and counts the appends retried after its race.
 */
async function quietEmmett<T>(work: () => Promise<T>): Promise<{ result: T; retries: number }> {
  /* eslint-disable no-console -- silencing a peer library's logging, not logging */
  const log = console.log;
  console.log = () => undefined;
  emmettRetries = 0;
  try {
    return { result: await work(), retries: emmettRetries };
  } finally {
    console.log = log;
  }
  /* eslint-enable no-console */
}

/** Appender `i` appends through `stores[i]`. */
function appendEmmettLanes(
  stores: Pick<EmmettSqliteEventStore, 'appendToStream'>[],
  lanes: EmmettAppend[][],
  retryable: (error: unknown) => boolean = () => false,
): Promise<Measured> {
  return timeLanes(lanes, async (append, lane) => {
    const store = stores[lane];
    if (!store) throw new Error(`no store for appender ${lane}`);
    const once = () =>
      store.appendToStream(append.streamId, append.events, {
        expectedStreamVersion: append.before,
      });
    let result;
    try {
      result = await once();
    } catch (error) {
      if (!retryable(error)) throw error;
      emmettRetries += 1;
      result = await once();
    }
    const expected = append.before + BigInt(append.events.length);
    if (result.nextExpectedStreamVersion !== expected) {
      throw new Error(
        `Emmett's append to ${append.streamId} is at ${result.nextExpectedStreamVersion}, not ${expected}`,
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Reading back and rebuilding.

async function readEverything(store: EventStore): Promise<Measured> {
  const start = process.hrtime.bigint();
  let after: bigint | undefined;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ ...(after !== undefined ? { after } : {}), maxCount: 500 });
    const last = page[page.length - 1];
    if (!last) break;
    events += page.length;
    after = last.globalPosition;
  }
  return { events, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** A small rebuild first, so the timed one is not the first run of the projection code. */
async function warmRebuild(warmup: Workload, readModels: ReadModels): Promise<void> {
  const store = new SqliteEventStore(':memory:');
  try {
    await appendOurs(store, appendLanes(warmup, 1, 10));
    await new JourneyProjector(store, readModels, new FixedClock(warmup.now)).rebuild();
  } finally {
    await store.close();
  }
}

async function timedRebuild(
  store: EventStore,
  readModels: ReadModels,
  now: Date,
): Promise<Measured> {
  // As `npm run rebuild` does it: large pages.
  const projector = new JourneyProjector(
    store,
    readModels,
    new FixedClock(now),
    REBUILD_BATCH_SIZE,
  );
  const start = process.hrtime.bigint();
  const events = await projector.rebuild();
  return { events, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL housekeeping.

// ---------------------------------------------------------------------------------------------
// Reporting.

async function machineFacts(pgUrl: string): Promise<string[]> {
  const cpu = cpus();
  const sqlite = new Database(':memory:');
  const sqliteVersion = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  sqlite.close();
  const pg = await withClient(pgUrl, async (client) => {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT current_setting('server_version') AS version,
              current_setting('synchronous_commit') AS synchronous_commit,
              current_setting('fsync') AS fsync,
              current_setting('shared_buffers') AS shared_buffers`,
    );
    return rows[0] ?? {};
  }).catch((error: unknown) => ({ error: message(error) }));
  return [
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.platform}`,
    `node ${process.version}; better-sqlite3 on SQLite ${sqliteVersion} (WAL, synchronous=FULL)`,
    'error' in pg
      ? `PostgreSQL: ${pg.error}`
      : `PostgreSQL ${pg.version} on 127.0.0.1 (synchronous_commit=${pg.synchronous_commit}, fsync=${pg.fsync}, shared_buffers=${pg.shared_buffers})`,
  ];
}

function installedVersion(name: string): string {
  const manifest = join(__dirname, '..', 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function oneMinuteLoad(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

function perSecond(result: Measured): number {
  return result.events / result.seconds;
}

function rate(row: Row): string {
  return row.result ? grouped(perSecond(row.result)) : '';
}

function storeTable(rows: Row[]): string[] {
  const notes: string[] = [];
  const note = (text: string): string => {
    const existing = notes.indexOf(text);
    if (existing >= 0) return `[${existing + 1}]`;
    notes.push(text);
    return `[${notes.length}]`;
  };
  const header = [
    'store',
    'path',
    'per append',
    'events',
    'seconds',
    'events/s',
    'ratio (to peer or read all)',
    'aim',
  ];
  const table = rows.map((row) => {
    const r = row.result;
    if (!r) {
      const why = row.failed
        ? `FAILED ${note(row.failed)}`
        : `not available ${note(row.unavailable ?? '')}`;
      return [row.store, row.path, row.perAppend, '', '', why, '', aimText(row)];
    }
    const remark = (row.remarks ?? []).map((text) => ` ${note(text)}`).join('');
    const peer = row.peer?.result;
    const ratio = peer
      ? `${(perSecond(r) / perSecond(peer)).toFixed(2)}x`
      : row.peer
        ? 'no peer'
        : '';
    return [
      row.store,
      row.path,
      row.perAppend,
      grouped(r.events),
      r.seconds.toFixed(2),
      `${grouped(perSecond(r))}${remark}`,
      ratio,
      aimText(row),
    ];
  });
  return [
    'Event store: appends, reading everything back, and the rebuild',
    '',
    markdownTable(header, table, new Set([3, 4, 5, 6])),
    ...notes.map((text, i) => `[${i + 1}] ${text}`),
  ];
}

function aimText(row: Row): string {
  const parts: string[] = [];
  const r = row.result;
  if (row.aim !== undefined) {
    const verdict = r ? (perSecond(r) >= row.aim ? 'met' : 'NOT met') : 'unmeasured';
    parts.push(`>= ${grouped(row.aim)}/s ${verdict}`);
  }
  if (row.peer) {
    const share = row.peerAim ?? 1;
    const peer = row.peer.result;
    const verdict =
      r && peer ? (perSecond(r) >= share * perSecond(peer) ? 'met' : 'NOT met') : 'unmeasured';
    parts.push(`>= ${share === 1 ? 'peer' : `${share}x ${row.peer.path}`} ${verdict}`);
  }
  return parts.join('; ');
}

// ---------------------------------------------------------------------------------------------

function wholeNumber(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, not '${raw}'`);
  }
  return value;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let finished = false;
// A promise that can never settle (a hang with nothing left to wait on) would otherwise end the
// process quietly with 0 and no table.
process.on('exit', () => {
  if (!finished) {
    console.error(
      'bench: stopped before finishing (something awaited a promise that never settles)',
    );
    process.exitCode = 1;
  }
});
main().then(
  (code) => {
    finished = true;
    process.exitCode = code;
  },
  (error: unknown) => {
    finished = true;
    console.error(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
