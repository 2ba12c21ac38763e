/**
 * Read latencies at N victims: the caseload, a victim's page and the compliance report, each
 * timed as the API runs it, on read models seeded with N generated victims.
 *
 * Seeding the fast way: the workload generator's journeys (43 areas, 2025) are posted through
 * the real ingestion use case into a throwaway in-memory store a chunk at a time, read back as
 * the projector reads them (toJourneyEvent, evolveJourney), judged by the pure code
 * (victimRowsOf) and written through the real writer (ReadModels.save); no HTTP and no projector
 * checkpoint reads, so a million victims take minutes, not hours. Memory stays flat: one chunk
 * at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import {
  ingestionPoster,
  journeysOf,
  loadAgencyDirectory,
  postJourneys,
  type WorkloadJourney,
} from '@vj/demo-data';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import {
  evolveJourney,
  initialJourneyState,
  journeyViewOf,
  toJourneyEvent,
  type JourneyState,
} from '@vj/projections';
import { JOURNEY_PROJECTION, ReadModels, victimRowsOf, type VictimRows } from '@vj/read-models';
import { readAgenciesFile } from '@vj/runtime';
import { caseloadAt } from '../apps/api/src/compliance/caseload-at';
import { complianceReportOf } from './report';
import { grouped, markdownTable, percentile, ratio, verdict } from './stats';
import { dropBenchSchemas, SCHEMA_PREFIX } from './stores';
import { AGENCIES_FILE } from './workload';

const FROM = new Date('2025-01-01T00:00:00Z');
const TO = new Date('2026-01-01T00:00:00Z');
/** Judged and read as of the end of the generated year. */
const NOW = TO;
/** The largest area: the heaviest caseload and report. */
const AREA = 'metropolitan';
const CHUNK = 1_000;
/** Victim pages are read for every this-many-th victim seeded. */
const PAGE_SAMPLE_EVERY = 97;
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

/** Seeds `victims` generated victims; resolves with a sample of their ids for the page reads. */
async function seed(
  readModels: ReadModels,
  victims: number,
  log: (line: string) => void,
): Promise<string[]> {
  const agencies = AgencyDirectory.fromConfig(
    loadAgencyDirectory(readAgenciesFile(AGENCIES_FILE) as { agencies: { id: string }[] }),
  );
  const clock = new FixedClock(NOW);
  const journeys = journeysOf({ victims, seed: 1, from: FROM, to: TO });
  const sample: string[] = [];
  let position = 0n;
  let seeded = 0;
  const started = Date.now();
  for (;;) {
    const chunk: WorkloadJourney[] = [];
    for (let next = journeys.next(); !next.done; next = journeys.next()) {
      chunk.push(next.value);
      if (chunk.length === CHUNK) break;
    }
    if (chunk.length === 0) break;
    const store = new SqliteEventStore(':memory:');
    try {
      const ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
      await postJourneys(chunk.values(), ingestionPoster(ingestion, agencies), { concurrency: 1 });
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
      const rows: VictimRows[] = [];
      for (const [victimId, state] of states) {
        if (seeded++ % PAGE_SAMPLE_EVERY === 0) sample.push(victimId);
        rows.push(victimRowsOf({ state, version: 0 }, NOW));
      }
      const to = position + BigInt(rows.length);
      await readModels.save(rows, {
        projection: JOURNEY_PROJECTION,
        from: position === 0n ? undefined : position,
        to,
      });
      position = to;
    } finally {
      await store.close();
    }
    if (seeded % 50_000 < CHUNK)
      log(`  ${grouped(seeded)} victims seeded, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return sample;
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

/** Each read at each size on each store, every size freshly seeded. */
export async function measureReads(options: {
  victims: number[];
  runs: number;
  stores: ('sqlite' | 'postgres')[];
  pgUrl: string;
  dir: string;
  log: (line: string) => void;
}): Promise<ReadFigure[]> {
  const figures: ReadFigure[] = [];
  for (const kind of options.stores) {
    for (const victims of options.victims) {
      const store = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const schema = `${SCHEMA_PREFIX}reads_${victims}`;
      const dir = mkdtempSync(join(options.dir, `reads-${victims}-`));
      const readModels =
        kind === 'sqlite'
          ? await ReadModels.openSqlite(join(dir, 'read-models.sqlite'))
          : await ReadModels.openPostgres(options.pgUrl, schema);
      try {
        options.log(`reads, ${store}: seeding ${grouped(victims)} victims`);
        const started = Date.now();
        const sample = await seed(readModels, victims, options.log);
        const seedSeconds = (Date.now() - started) / 1000;
        options.log(
          `  seeded in ${seedSeconds.toFixed(0)} s; timing ${options.runs} runs of each read`,
        );
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
      } finally {
        await readModels.close();
        rmSync(dir, { recursive: true, force: true });
        if (kind === 'postgres') await dropBenchSchemas(options.pgUrl, schema);
      }
    }
  }
  return figures;
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
