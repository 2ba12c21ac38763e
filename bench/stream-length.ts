/**
 * What one more event costs the journey projection as a victim's stream grows:
 * `node -r @swc-node/register bench/stream-length.ts [--sizes 10,200,2000] [--repeat 15]`.
 *
 * For each size, one victim's stream is grown to that many events through the real ingestion use
 * case on a SQLite event store, and projected into SQLite read models (temp files). Then it times
 * the projector catching up on one more event (repeated; the median), and on a page of 50 more,
 * and, on the stored state before those, the parts of a page's work: reading the stored journey,
 * judging it, and the state's JSON. Times are the process's CPU time (the store is SQLite, in
 * process), so other work on the machine disturbs them less than wall time. The stream grows by
 * `repeat` + 150 events while measured. A report, not a test: it exits 0 whatever the figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { agencyCaller } from '@vj/access-policy';
import { AgencyDirectory, type Agency } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import { JourneyProjector, ReadModels, victimRowsOf } from '@vj/read-models';
import { crimeReported } from '../test/support/journey-events';
import { AGENCIES_FILE } from './workload';

const NOW = '2026-09-01T12:00:00Z';
const START = Date.parse('2026-03-02T09:00:00Z');
const CRIME_REFERENCE = '13/123456/26';
const PAGE = 50;

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

/** The n-th event after the crime report: police work on one suspect after another, and the victim told of it. */
function eventAt(n: number): Record<string, unknown> {
  const suspectNumber = (Math.floor(n / 4) % 999) + 1;
  const common = {
    eventId: `bench-${n}`,
    schemaVersion: 1,
    occurredAt: new Date(START + (n + 1) * 10 * 60_000).toISOString(),
    crimeReference: CRIME_REFERENCE,
  };
  switch (n % 4) {
    case 0:
      return { ...common, type: 'suspect-arrested', data: { suspectNumber } };
    case 1:
      return {
        ...common,
        type: 'victim-informed',
        data: { entitlement: 'arrest-update', method: 'phone' },
      };
    case 2:
      return { ...common, type: 'suspect-interviewed-under-caution', data: { suspectNumber } };
    default:
      return {
        ...common,
        type: 'victim-informed',
        data: { entitlement: 'interview-update', method: 'letter' },
      };
  }
}

interface Figures {
  size: number;
  stateKb: number;
  oneMs: number;
  pageMs: number;
  readMs: number;
  judgeMs: number;
  stringifyMs: number;
  entitlements: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** CPU milliseconds of this process since `started`: the work done, whatever else runs. */
const msSince = (started: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
};

async function timed(work: () => unknown): Promise<number> {
  const started = process.cpuUsage();
  await work();
  return msSince(started);
}

async function measure(size: number, repeat: number, police: Agency): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'vj-stream-length-'));
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const readModels = await ReadModels.openSqlite(join(dir, 'read-models.db'));
  const clock = new FixedClock(NOW);
  const ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
  const projector = new JourneyProjector(store, readModels, clock);
  const caller = agencyCaller(police);
  try {
    const { victimId } = await ingestion.registerVictim(
      caller,
      crimeReported({
        eventId: 'bench-report',
        occurredAt: new Date(START).toISOString(),
        crimeReference: CRIME_REFERENCE,
      }),
    );
    let next = 0;
    const post = async (count: number) => {
      const events = Array.from({ length: count }, () => eventAt(next++));
      await ingestion.postEvents(caller, victimId, { events });
    };
    while (next < size - 1) await post(Math.min(PAGE, size - 1 - next));
    await projector.catchUp();

    const reads: number[] = [];
    const judges: number[] = [];
    const stringifies: number[] = [];
    let stateKb = 0;
    let entitlements = 0;
    for (let i = 0; i < repeat; i += 1) {
      const started = process.cpuUsage();
      const journey = (await readModels.journeys.stored([victimId])).get(victimId);
      reads.push(msSince(started));
      if (!journey) throw new Error('the journey was not stored');
      judges.push(
        await timed(() => (entitlements = victimRowsOf(journey, clock.now()).entitlements.length)),
      );
      stringifies.push(await timed(() => (stateKb = JSON.stringify(journey.state).length / 1024)));
    }
    const one: number[] = [];
    for (let i = 0; i < repeat; i += 1) {
      await post(1);
      one.push(await timed(() => projector.catchUp()));
    }
    const page: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(repeat / 5)); i += 1) {
      await post(PAGE);
      page.push(await timed(() => projector.catchUp()));
    }

    return {
      size,
      stateKb,
      oneMs: median(one),
      pageMs: median(page),
      readMs: median(reads),
      judgeMs: median(judges),
      stringifyMs: median(stringifies),
      entitlements,
    };
  } finally {
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10,200,2000' },
      repeat: { type: 'string', default: '15' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const repeat = Number(values.repeat);
  const agencies = AgencyDirectory.fromConfig(JSON.parse(readFileSync(AGENCIES_FILE, 'utf8')));
  const police = agencies.agencies.find((a) => a.id === 'police-west-yorkshire') as Agency;
  out(
    '| events in stream | entitlements | state JSON | +1 event | +50 events (one page) | read state | judge | state JSON.stringify |',
  );
  out('|---:|---:|---:|---:|---:|---:|---:|---:|');
  await measure(10, 3, police); // warm-up: the first run pays for compiling
  for (const size of sizes) {
    const f = await measure(size, repeat, police);
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    out(
      `| ${f.size} | ${f.entitlements} | ${f.stateKb.toFixed(0)} KiB | ${ms(f.oneMs)} | ${ms(f.pageMs)} | ${ms(f.readMs)} | ${ms(f.judgeMs)} | ${ms(f.stringifyMs)} |`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
