/**
 * The compliance report benchmark: `npm run bench -- --report [--entitlements 1000000 --runs 200]`.
 *
 * Synthetic victims of one police area, reported across one year, are judged by the real pure
 * code (`victimRowsOf`: entitlements and their compliance contributions) and written through the
 * real writer (`ReadModels.save`: journeys, entitlements, case index and compliance counts, one
 * transaction per batch) into SQLite, until there are at least N entitlements with a deadline.
 * Then it times the one-area, one-year report as the API answers it (the compliance counts query
 * and the pure assembly and suppression) N times, against the 200 ms ceiling at the 99th
 * percentile; and, as the peer, the same report computed per request the naive way from the
 * `entitlements` table (each entitlement's stored JSON read and its outcome as of the date worked
 * out), same data, same run. SQLite, and PostgreSQL at `--postgres` (in a schema of its own,
 * dropped afterwards; `--report-stores sqlite` leaves it out).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import {
  asPublishedEvent,
  latestVersionOf,
  upcast,
  type EventType,
  type OffenceCategory,
} from '@vj/event-schemas';
import {
  assembleReport,
  timelineOf,
  type CountRow,
  type Entitlement,
  type JourneyEvent,
  type JourneyState,
} from '@vj/projections';
import { JOURNEY_PROJECTION, ReadModels, victimRowsOf, type VictimRows } from '@vj/read-models';
import { Random } from '@vj/demo-data';
import { percentile } from './stats';

const AREA = 'west-yorkshire';
const FROM = '2025-01';
const TO = '2025-12';
const AS_OF = '2026-03-01';
const NOW = new Date('2026-03-01T12:00:00Z');
const CEILING_MS = 200;
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 0, 1);

const OFFENCES: readonly (readonly [OffenceCategory, number])[] = [
  ['theft', 30],
  ['burglary', 15],
  ['violence-with-injury', 12],
  ['violence-without-injury', 12],
  ['criminal-damage', 10],
  ['domestic-abuse', 8],
  ['robbery', 4],
  ['fraud', 5],
  ['sexual-offence', 3],
  ['stalking', 1],
];
const NO_FLAGS = {
  vulnerable: false,
  intimidated: false,
  persistentlyTargeted: false,
  mostSeriousCrime: false,
  bereaved: false,
};
const BANDS = ['under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-plus'] as const;

/** One synthetic victim's events: a report, a referral and an acknowledgement, maybe an arrest. */
function syntheticJourney(rng: Random, n: number): JourneyState {
  const victimId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const crimeReference = `13/${String(n).padStart(7, '0')}/25`;
  const events: JourneyEvent[] = [];
  const at = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
  const add = (type: EventType, ms: number, data: Record<string, unknown>) => {
    const revision = events.length;
    events.push({
      eventId: `${victimId.slice(0, 24)}${String(revision).padStart(12, '0')}`,
      agencyEventId: `${type}-${n}-${revision}`,
      victimId,
      revision,
      occurredAt: at(ms),
      recordedAt: at(ms),
      agencyId: 'police-west-yorkshire',
      agencyKind: 'police',
      policeArea: AREA,
      crimeReference,
      caseUrn: null,
      ...upcast(asPublishedEvent(type, latestVersionOf(type) ?? 1, data)),
    });
  };
  // Answered on time, late or never: a working day is about 1.4 calendar days.
  const answer = (from: number, dueDays: number) => {
    const r = rng.next();
    if (r < 0.75) return from + rng.between(0.05, dueDays) * DAY;
    if (r < 0.92) return from + rng.between(dueDays + 1, dueDays + 25) * DAY;
    return undefined;
  };
  const t0 = YEAR_START + rng.between(0, 360) * DAY;
  add('crime-reported', t0, {
    victimNumber: 1,
    offenceCategory: rng.weighted(OFFENCES),
    victimAgeBand: rng.pick(BANDS),
    enhancedRights: { ...NO_FLAGS, vulnerable: rng.chance(0.05) },
  });
  if (rng.chance(0.15)) add('support-referral-declined', t0 + 0.1 * DAY, {});
  else {
    const referred = answer(t0, 2);
    if (referred !== undefined) add('referred-to-support', referred, { service: 'victim-support' });
  }
  const told = answer(t0, 5);
  if (told !== undefined)
    add('victim-informed', told, { entitlement: 'report-acknowledgement', method: 'letter' });
  if (rng.chance(0.7)) {
    const arrested = t0 + rng.between(1, 20) * DAY;
    add('suspect-arrested', arrested, { suspectNumber: 1 });
    const toldOfArrest = answer(arrested, 5);
    if (toldOfArrest !== undefined)
      add('victim-informed', toldOfArrest, { entitlement: 'arrest-update', method: 'phone' });
  }
  return { victimId, policeArea: AREA, events };
}

const timed = (e: Entitlement) => e.deadline !== null;

/** Writes synthetic victims until `target` entitlements with a deadline; resolves with the count. */
async function seed(readModels: ReadModels, target: number, log: (line: string) => void) {
  const rng = new Random(2026);
  let entitlements = 0;
  let victims = 0;
  let position = 0n;
  const started = Date.now();
  while (entitlements < target) {
    const batch: VictimRows[] = [];
    while (batch.length < 2_000 && entitlements < target) {
      const rows = victimRowsOf({ state: syntheticJourney(rng, victims++), version: 0 }, NOW);
      entitlements += rows.entitlements.filter(timed).length;
      batch.push(rows);
    }
    const to = position + BigInt(batch.length);
    await readModels.save(batch, {
      projection: JOURNEY_PROJECTION,
      from: position === 0n ? undefined : position,
      to,
    });
    position = to;
    if (victims % 50_000 < 2_000)
      log(
        `  ${entitlements.toLocaleString('en-GB')} entitlements, ${victims.toLocaleString('en-GB')} victims, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  return { entitlements, victims, seconds: (Date.now() - started) / 1000 };
}

const NAIVE_SQL =
  'SELECT body FROM entitlements WHERE police_area = $1 AND deadline_date >= $2 AND deadline_date <= $3';

type Bodies = Iterable<{ body: string }>;
interface NaiveSource {
  bodies: () => Promise<Bodies>;
  close: () => Promise<void>;
}

/** The naive peer on SQLite: every entitlement row of the area and period, as it streams. */
function sqliteBodies(file: string): NaiveSource {
  const db = new Database(file, { readonly: true });
  const select = db.prepare(NAIVE_SQL.replace(/\$\d/g, '?'));
  return {
    bodies: () => Promise.resolve(select.iterate(AREA, `${FROM}-01`, `${TO}-31`) as Bodies),
    close: () => Promise.resolve(void db.close()),
  };
}

/** The naive peer on PostgreSQL: the same rows, a page at a time through a cursor. */
async function postgresBodies(url: string, schema: string): Promise<NaiveSource> {
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    bodies: async () => {
      const rows: { body: string }[] = [];
      await client.query('BEGIN');
      await client.query(`DECLARE naive NO SCROLL CURSOR FOR ${NAIVE_SQL}`, [
        AREA,
        `${FROM}-01`,
        `${TO}-31`,
      ]);
      for (;;) {
        const page = await client.query<{ body: string }>('FETCH 20000 FROM naive');
        if (page.rows.length === 0) break;
        for (const r of page.rows) rows.push(r);
      }
      await client.query('COMMIT');
      return rows;
    },
    close: () => client.end(),
  };
}

/**
 * The naive peer: the report computed per request from every entitlement's stored row (its
 * outcome as of the date from its own dates). It has no offence group or age band (those need the
 * journeys too), so it does less than the read model does.
 */
function naiveReport(source: NaiveSource) {
  return async () => {
    const sums = new Map<string, CountRow>();
    const add = (
      month: string,
      dimension: string,
      value: string,
      outcome: string,
      days: number,
    ) => {
      const key = `${month}|${dimension}|${value}|${outcome}|${days}`;
      const row = sums.get(key);
      if (row) row.count += 1;
      else
        sums.set(key, {
          policeArea: AREA,
          month,
          dimension,
          value,
          outcome,
          workingDaysLate: days,
          count: 1,
        });
    };
    for (const { body } of await source.bodies()) {
      const e = JSON.parse(body) as Entitlement;
      const steps = timelineOf(e) ?? [];
      let step = undefined as (typeof steps)[number] | undefined;
      for (const s of steps) if (s.from <= AS_OF) step = s;
      if (!step || !e.deadline) continue;
      const month = e.deadline.localDate.slice(0, 7);
      add(month, 'all', 'all', step.outcome, step.workingDaysLate ?? 0);
      add(month, 'agency', e.owedBy, step.outcome, 0);
      add(month, 'right', String(e.right), step.outcome, 0);
      add(month, 'rule', e.ruleId, step.outcome, 0);
      add(month, 'enhanced', e.enhanced ? 'enhanced' : 'standard', step.outcome, 0);
      for (const r of e.enhancedReasons.length ? e.enhancedReasons : ['none'])
        add(month, 'enhanced-reason', r, step.outcome, 0);
    }
    return assembleReport({
      rows: [...sums.values()],
      policeAreas: [AREA],
      from: FROM,
      to: TO,
      asOf: AS_OF,
    });
  };
}

/** One area's compliance report as the API answers it: the counts query, then the pure assembly. */
export async function complianceReportOf(
  readModels: ReadModels,
  period: { area: string; from: string; to: string; asOf: string },
) {
  const { area, from, to, asOf } = period;
  const rows = await readModels.complianceCounts.counts({ policeAreas: [area], from, to, asOf });
  return assembleReport({ rows, policeAreas: [area], from, to, asOf });
}

async function timeRuns(runs: number, once: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await once();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

interface StoreUnderTest {
  name: string;
  readModels: ReadModels;
  /** Rows in compliance_counts, and how the database answers the report's query. */
  facts: () => Promise<{ countRows: number; plan: string }>;
  naive: () => Promise<NaiveSource>;
  drop: () => Promise<void>;
}

const PLAN_SQL = `SELECT police_area, month, dimension, value, outcome, working_days_late, sum(count)
  FROM compliance_counts WHERE police_area IN ($1) AND month >= $2 AND month <= $3 AND from_date <= $4
  GROUP BY police_area, month, dimension, value, outcome, working_days_late`;

async function sqliteStore(dir: string): Promise<StoreUnderTest> {
  const file = join(dir, 'read-models.sqlite');
  return {
    name: 'SQLite',
    readModels: await ReadModels.openSqlite(file),
    facts: () => {
      const db = new Database(file, { readonly: true });
      try {
        const n = db.prepare('SELECT count(*) AS n FROM compliance_counts').get() as { n: number };
        const plan = db
          .prepare(`EXPLAIN QUERY PLAN ${PLAN_SQL.replace(/\$\d/g, '?')}`)
          .all(AREA, FROM, TO, AS_OF) as { detail: string }[];
        return Promise.resolve({ countRows: n.n, plan: plan.map((p) => p.detail).join('; ') });
      } finally {
        db.close();
      }
    },
    naive: () => Promise.resolve(sqliteBodies(file)),
    drop: () => Promise.resolve(),
  };
}

async function postgresStore(url: string): Promise<StoreUnderTest> {
  const schema = `vj_bench_reports_${process.pid}`;
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  return {
    name: 'PostgreSQL',
    readModels: await ReadModels.openPostgres(url, schema),
    facts: () =>
      admin(async (c) => {
        await c.query('VACUUM ANALYZE compliance_counts');
        const n = await c.query<{ n: string }>('SELECT count(*) AS n FROM compliance_counts');
        const plan = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${PLAN_SQL}`, [
          AREA,
          FROM,
          TO,
          AS_OF,
        ]);
        return {
          countRows: Number(n.rows[0]?.n),
          plan: plan.rows.map((r) => r['QUERY PLAN'].trim()).join('; '),
        };
      }),
    naive: () => postgresBodies(url, schema),
    drop: async () => {
      await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}

export async function runReportBench(options: {
  entitlements: number;
  runs: number;
  naiveRuns: number;
  stores: string[];
  postgres: string;
  log: (line: string) => void;
  out: (line?: string) => void;
}): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vj-bench-report-'));
  const results: string[] = [];
  let failed = 0;
  try {
    for (const kind of options.stores) {
      let store: StoreUnderTest;
      try {
        store =
          kind === 'postgres' ? await postgresStore(options.postgres) : await sqliteStore(dir);
      } catch (error) {
        results.push(
          `${kind}: not measured: ${error instanceof Error ? error.message : String(error)}`,
        );
        continue;
      }
      try {
        failed += await measureStore(store, options, results);
      } finally {
        await store.readModels.close();
        await store.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  options.out();
  for (const line of results) options.out(line);
  return failed > 0 ? 1 : 0;
}

async function measureStore(
  store: StoreUnderTest,
  options: { entitlements: number; runs: number; naiveRuns: number; log: (line: string) => void },
  results: string[],
): Promise<number> {
  const { log } = options;
  const { readModels } = store;
  log(
    `${store.name}: seeding ${options.entitlements.toLocaleString('en-GB')} entitlements of ${AREA} (deadlines in 2025) through ReadModels.save`,
  );
  const seeded = await seed(readModels, options.entitlements, log);
  const { countRows, plan } = await store.facts();
  const report = () =>
    complianceReportOf(readModels, { area: AREA, from: FROM, to: TO, asOf: AS_OF });
  const source = await store.naive();
  try {
    const naive = naiveReport(source);
    // The two agree on what both compute: the area's figures.
    const ours = await report();
    const theirs = await naive();
    const agree =
      JSON.stringify(ours.areas[0]?.figures) === JSON.stringify(theirs.areas[0]?.figures);
    log(
      `${store.name}: timing the report ${options.runs} times (read model), ${options.naiveRuns} times (naive)`,
    );
    await timeRuns(5, report);
    const read = await timeRuns(options.runs, report);
    const perRequest = await timeRuns(options.naiveRuns, naive);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const p99 = percentile(read, 0.99);
    const n = (x: number) => x.toLocaleString('en-GB');
    results.push(
      `Compliance report, one area, one year (${FROM}..${TO}, as of ${AS_OF}), ${store.name}`,
      `  seeded: ${n(seeded.entitlements)} entitlements with a deadline (${n(seeded.victims)} victims) in ${seeded.seconds.toFixed(0)} s; compliance_counts rows: ${n(countRows)}`,
      `  query plan: ${plan}`,
      `  figures agree with the naive computation: ${agree ? 'yes' : 'NO'} (total ${String(ours.areas[0]?.figures.total)})`,
      '  | path | runs | p50 | p99 | ceiling |',
      '  |---|---|---|---|---|',
      `  | read model (query + assembly) | ${read.length} | ${ms(percentile(read, 0.5))} | ${ms(p99)} | ${CEILING_MS} ms at p99: ${p99 < CEILING_MS ? 'met' : 'NOT met'} |`,
      `  | naive, per request from entitlements | ${perRequest.length} | ${ms(percentile(perRequest, 0.5))} | ${ms(percentile(perRequest, 0.99))} | — |`,
      `  naive / read model at p50: ${(percentile(perRequest, 0.5) / percentile(read, 0.5)).toFixed(0)}×`,
      '',
    );
    return agree ? 0 : 1;
  } finally {
    await source.close();
  }
}
