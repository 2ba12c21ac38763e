/**
 * Read latencies at N victims: the caseload, a victim's page and the compliance report, each
 * timed as the API runs it, on read models seeded with N generated victims. Seeding goes through
 * the real ingestion, projection code and writer without HTTP or a projector (bench/seed-victims.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { journeyViewOf } from '@vj/projections';
import { ReadModels } from '@vj/read-models';
import { caseloadAt } from '../apps/api/src/compliance/caseload-at';
import { complianceReportOf } from './report';
import { grouped, markdownTable, percentile, ratio, verdict } from './stats';
import { bulkLoadCache, seedVictims } from './seed-victims';
import { dropBenchSchemas, SCHEMA_PREFIX } from './stores';

const FROM = new Date('2025-01-01T00:00:00Z');
const TO = new Date('2026-01-01T00:00:00Z');
/** Judged and read as of the end of the generated year. */
const NOW = TO;
/** The largest area: the heaviest caseload and report. */
const AREA = 'metropolitan';
/** Victim pages are read for every this-many-th victim seeded. */
const PAGE_SAMPLE_EVERY = 97;
/**
 * SQLite's page cache while seeding, in MiB: with its 2 MB default the writes slow as the tables
 * outgrow it (measured at 25,000 victims: 92.8 s to seed, 68.0 s with 256 MiB).
 */
const SEED_CACHE_MIB = 256;
const REPORT_P99_AIM_MS = 200;
const GROWTH_AIM = 1.5;

export const READS = ['caseload', 'victim page', 'compliance report'] as const;
type Read = (typeof READS)[number];

export interface ReadFigure {
  store: string;
  victims: number;
  seedSeconds: number;
  read: Read;
  runs: number;
  p50Ms: number;
  p99Ms: number;
}

async function timeRuns(runs: number, once: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i += 1) await once(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await once(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

/**
 * A kept seeding (`--keep-seeded`): PostgreSQL read models left in a schema of their own after the
 * run, with what the reads need to know of them, so that a later run times the reads again without
 * seeding the size again (41 minutes at a million victims). Outside the bench's schema prefix, so
 * the bench's clean-up leaves it; drop it by hand (`DROP SCHEMA vjkept_reads_N CASCADE`).
 */
const KEPT_SCHEMA_PREFIX = 'vjkept_reads_';

interface KeptSeeding {
  seedSeconds: number;
  sample: string[];
}

async function keptSeeding(pgUrl: string, schema: string): Promise<KeptSeeding | undefined> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const found = await client.query<{ seed_seconds: number; sample: string[] }>(
      `SELECT seed_seconds, sample FROM ${schema}.bench_seeded`,
    );
    const row = found.rows[0];
    return row ? { seedSeconds: row.seed_seconds, sample: row.sample } : undefined;
  } catch {
    return undefined; // never kept
  } finally {
    await client.end();
  }
}

async function dropSchema(pgUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

async function keepSeeding(pgUrl: string, schema: string, kept: KeptSeeding): Promise<void> {
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE ${schema}.bench_seeded (seed_seconds double precision NOT NULL, sample jsonb NOT NULL)`,
    );
    await client.query(`INSERT INTO ${schema}.bench_seeded VALUES ($1, $2)`, [
      kept.seedSeconds,
      JSON.stringify(kept.sample),
    ]);
  } finally {
    await client.end();
  }
}

/**
 * Each read at each size on each store, every size freshly seeded (or, with `keepSeeded`, on
 * PostgreSQL alone, seeded once and kept for the next run). A size's victims are
 * generated, ingested and judged once and written to every store at once (the stores' writes
 * overlap: PostgreSQL's run in its server), then each store is timed alone.
 */
export async function measureReads(options: {
  victims: number[];
  runs: number;
  stores: ('sqlite' | 'postgres')[];
  pgUrl: string;
  dir: string;
  log: (line: string) => void;
  keepSeeded?: boolean;
}): Promise<ReadFigure[]> {
  if (options.keepSeeded && options.stores.join() !== 'postgres')
    throw new Error(
      '--keep-seeded keeps PostgreSQL read models: use it with --read-stores postgres',
    );
  const figures: ReadFigure[] = [];
  const nameOf = (kind: 'sqlite' | 'postgres') => (kind === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  for (const victims of options.victims) {
    const schema = `${options.keepSeeded ? KEPT_SCHEMA_PREFIX : `${SCHEMA_PREFIX}reads_`}${victims}`;
    const kept = options.keepSeeded ? await keptSeeding(options.pgUrl, schema) : undefined;
    // A kept seeding cut short has no record of itself: start it again from nothing.
    if (options.keepSeeded && !kept) await dropSchema(options.pgUrl, schema);
    const dir = mkdtempSync(join(options.dir, `reads-${victims}-`));
    const opened: { store: string; readModels: ReadModels }[] = [];
    try {
      const restores: (() => Promise<void>)[] = [];
      for (const kind of options.stores) {
        const readModels =
          kind === 'sqlite'
            ? await ReadModels.openSqlite(join(dir, 'read-models.sqlite'))
            : await ReadModels.openPostgres(options.pgUrl, schema);
        opened.push({ store: nameOf(kind), readModels });
        if (kind === 'sqlite') restores.push(await bulkLoadCache(readModels, SEED_CACHE_MIB));
      }
      let sample: string[];
      let seedSeconds: number;
      if (kept) {
        ({ sample, seedSeconds } = kept);
        options.log(
          `reads, PostgreSQL: ${grouped(victims)} victims as kept in ${schema} (seeded in ${seedSeconds.toFixed(0)} s); timing ${options.runs} runs of each read`,
        );
      } else {
        options.log(
          `reads, ${opened.map((o) => o.store).join(' and ')}: seeding ${grouped(victims)} victims`,
        );
        const seeded = await seedVictims(
          opened.map((o) => o.readModels),
          {
            victims,
            seed: 1,
            from: FROM,
            to: TO,
            now: NOW,
            sampleEvery: PAGE_SAMPLE_EVERY,
            log: options.log,
          },
        );
        // The reads are timed with SQLite's own page cache, as the store runs.
        for (const restore of restores) await restore();
        // Seeding is a rebuild: left as the rebuild leaves read models before it switches over.
        const reindexing = Date.now();
        for (const { readModels } of opened) await readModels.reindex('live');
        options.log(`  indexes compacted in ${((Date.now() - reindexing) / 1000).toFixed(0)} s`);
        ({ sample } = seeded);
        seedSeconds = seeded.seconds;
        if (options.keepSeeded)
          await keepSeeding(options.pgUrl, schema, { seedSeconds, sample: [...sample] });
        options.log(
          `  seeded in ${seedSeconds.toFixed(0)} s (${grouped(Math.round(victims / seedSeconds))} victims/s, ${seeded.writeSeconds.toFixed(0)} s of it writing); timing ${options.runs} runs of each read`,
        );
      }
      for (const { store, readModels } of opened) {
        const reads: Record<Read, (i: number) => Promise<unknown>> = {
          caseload: () =>
            caseloadAt(readModels, NOW, {
              policeAreas: [AREA],
              owedBy: 'police',
              due: 'open',
              limit: 50,
              offset: 0,
            }),
          'victim page': async (i) => {
            const state = await readModels.journeys.state(sample[i % sample.length] as string);
            if (!state) throw new Error('a seeded victim has no journey');
            return journeyViewOf(state, NOW);
          },
          'compliance report': () =>
            complianceReportOf(readModels, {
              area: AREA,
              from: '2025-01',
              to: '2025-12',
              asOf: '2026-01-01',
            }),
        };
        for (const read of READS) {
          const times = await timeRuns(options.runs, reads[read]);
          figures.push({
            store,
            victims,
            seedSeconds,
            read,
            runs: times.length,
            p50Ms: percentile(times, 0.5),
            p99Ms: percentile(times, 0.99),
          });
        }
      }
    } finally {
      for (const { readModels } of opened) await readModels.close();
      rmSync(dir, { recursive: true, force: true });
      if (options.stores.includes('postgres') && !options.keepSeeded)
        await dropBenchSchemas(options.pgUrl, schema);
    }
  }
  // Each store's sizes together, as the table reads.
  const order: string[] = options.stores.map(nameOf);
  return figures.sort((a, b) => order.indexOf(a.store) - order.indexOf(b.store));
}

/** The part's table in Markdown: each read's p50 and p99 by size, and its growth. */
export function readsMarkdown(figures: ReadFigure[]): string[] {
  const sizes = [...new Set(figures.map((f) => f.victims))].sort((a, b) => a - b);
  const smallest = sizes[0];
  const largest = sizes[sizes.length - 1];
  const rows = figures.map((f) => {
    const first = figures.find(
      (g) => g.store === f.store && g.read === f.read && g.victims === smallest,
    );
    const growth = f.victims !== smallest && first ? f.p99Ms / first.p99Ms : undefined;
    const aims: string[] = [];
    if (f.read === 'compliance report' && f.victims === largest)
      aims.push(`p99 <= ${REPORT_P99_AIM_MS} ms ${verdict(f.p99Ms, REPORT_P99_AIM_MS, false)}`);
    if (growth !== undefined)
      aims.push(`growth <= ${GROWTH_AIM}x ${verdict(growth, GROWTH_AIM, false)}`);
    return [
      f.store,
      f.read,
      grouped(f.victims),
      `${f.seedSeconds.toFixed(0)} s`,
      String(f.runs),
      f.p50Ms.toFixed(1),
      f.p99Ms.toFixed(1),
      growth === undefined ? '' : ratio(f.p99Ms, first?.p99Ms),
      aims.join('; '),
    ];
  });
  return [
    `Read latencies (${AREA}'s police caseload, 50 most urgent; a victim's journey page; ${AREA}'s compliance report for 2025), as the API runs them, in this process`,
    '',
    markdownTable(
      [
        'store',
        'read',
        'victims',
        'seeded in',
        'runs',
        'p50 ms',
        'p99 ms',
        `p99 growth from ${grouped(smallest ?? 0)}`,
        'aims',
      ],
      rows,
      new Set([2, 3, 4, 5, 6, 7]),
    ),
  ];
}
