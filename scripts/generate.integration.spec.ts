import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { agencyCaller } from '@vj/access-policy';
import { AgencyDirectory } from '@vj/agencies';
import {
  feedOf,
  journeysOf,
  loadAgencyDirectory,
  WORKLOAD_AREAS,
  type WorkloadJourney,
} from '@vj/demo-data';
import { JourneyIngestion, victimIdFor } from '@vj/ingestion';
import {
  clockOf,
  loadConfig,
  openEventStore,
  openVictimDataKeys,
  personalDataVaultOf,
  readAgenciesFile,
} from '@vj/runtime';
import { dropSchemas } from '../test/support/production';
import { POSTGRES_URL } from '../test/support/server-urls';
import { asGenerated } from '../test/support/workload';
import { generate } from './generate';

const WINDOW = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };

/** A writable that keeps what it is given. */
function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

const run = (args: string[], stdout = sink(), env: NodeJS.ProcessEnv = {}) =>
  generate(args, { stdout, stderr: sink(), env }).then((done) => ({ done, stdout }));

/** Reads each journey back through ingestion, as its police force: the stored events are the generated ones. */
async function expectStored(env: NodeJS.ProcessEnv, journeys: WorkloadJourney[]): Promise<void> {
  const config = loadConfig(env);
  const agencies = AgencyDirectory.fromConfig(
    loadAgencyDirectory(readAgenciesFile(config.agenciesFile) as { agencies: { id: string }[] }),
  );
  const store = await openEventStore(config);
  const keys = await openVictimDataKeys(config);
  try {
    const clock = clockOf(config);
    const ingestion = new JourneyIngestion(store, clock, personalDataVaultOf(config, keys, clock));
    for (const journey of journeys) {
      const report = journey.posts[0]?.body;
      if (report?.type !== 'crime-reported') throw new Error('no crime report');
      const police = agencies.byId(
        WORKLOAD_AREAS.find((a) => a.area === journey.area)?.police ?? '',
      );
      if (!police) throw new Error(`no police for ${journey.area}`);
      const victimId = victimIdFor(journey.area, report.crimeReference, 1);
      const page = await ingestion.readEvents(agencyCaller(police), victimId, 0, 1000);
      expect(page.events.map(asGenerated)).toEqual(
        journey.posts.map(({ agencyId, body }) => ({ agencyId, event: body, area: journey.area })),
      );
    }
    const stored = await store.readAll({ maxCount: 100_000 });
    expect(stored).toHaveLength(journeys.reduce((n, j) => n + j.posts.length, 0));
  } finally {
    await store.close();
    await keys.close();
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

describe('npm run generate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vj-generator-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the journeys as NDJSON to a file, victim by victim, and the same to stdout', async () => {
    const file = join(dir, 'workload.ndjson');
    const { done } = await run(['--victims', '40', '--seed', '5', '--out', file]);
    const expected = [...journeysOf({ victims: 40, seed: 5, ...WINDOW })].flatMap((j) =>
      j.posts.map(({ agencyId, body }) => ({ journey: j.index, agencyId, event: body })),
    );
    const written = readFileSync(file, 'utf8');
    expect(lines(written)).toEqual(expected);
    expect(done).toEqual({ victims: 40, events: expected.length, replayed: 0 });
    const { stdout } = await run(['--victims', '40', '--seed', '5']);
    expect(stdout.text()).toBe(written);
  });

  it('writes the national feed in time order with --order time', async () => {
    const { stdout } = await run(['--victims', '60', '--seed', '5', '--order', 'time']);
    expect(lines(stdout.text())).toEqual(
      [...feedOf({ victims: 60, seed: 5, ...WINDOW })].map(({ journey, agencyId, body }) => ({
        journey,
        agencyId,
        event: body,
      })),
    );
  });

  it('loads the journeys into a SQLite event store through ingestion, and a second run stores nothing new', async () => {
    const journeys = [...journeysOf({ victims: 25, seed: 5, ...WINDOW })];
    const events = journeys.reduce((n, j) => n + j.posts.length, 0);
    const first = await run(['--victims', '25', '--seed', '5', '--store', `sqlite:${dir}`]);
    expect(first.done).toEqual({ victims: 25, events, replayed: 0 });
    await expectStored({ EVENT_STORE: 'sqlite', DATA_DIR: dir }, journeys);
    const second = await run(['--victims', '25', '--seed', '5', '--store', `sqlite:${dir}`]);
    expect(second.done).toEqual({ victims: 25, events, replayed: events });
  });

  it('loads the journeys into a PostgreSQL event store the same way', async () => {
    const schema = `vj_generator_${process.pid}`;
    const env = { POSTGRES_SCHEMA: schema };
    try {
      const journeys = [...journeysOf({ victims: 15, seed: 6, ...WINDOW })];
      const events = journeys.reduce((n, j) => n + j.posts.length, 0);
      const target = `postgres:${POSTGRES_URL}`;
      const first = await run(['--victims', '15', '--seed', '6', '--store', target], sink(), env);
      expect(first.done).toEqual({ victims: 15, events, replayed: 0 });
      await expectStored({ ...env, EVENT_STORE: 'postgres', POSTGRES_URL }, journeys);
      const second = await run(['--victims', '15', '--seed', '6', '--store', target], sink(), env);
      expect(second.done).toEqual({ victims: 15, events, replayed: events });
    } finally {
      await dropSchemas(schema);
    }
  });

  it.each([
    [['--victims', 'many'], "--victims must be a whole number of at least 0, not 'many'"],
    [['--seed', '1.5'], '--seed must be a whole number'],
    [['--from', 'yesterday'], "--from must be a date (YYYY-MM-DD) or an instant, not 'yesterday'"],
    [
      ['--from', '2026-01-01', '--to', '2025-01-01'],
      '--to must be at least two hours after --from',
    ],
    [['--order', 'random'], "--order must be 'victim' or 'time', not 'random'"],
    [['--out', 'x', '--post', 'http://127.0.0.1:1'], 'choose one of --out, --post and --store'],
    [['--store', 'mysql:db'], "--store must be sqlite:DIR or postgres:URL, not 'mysql:db'"],
    [['--store', 'sqlite:x', '--order', 'time'], '--order time is for NDJSON output'],
    [['--concurrency', '0'], '--concurrency must be a whole number of at least 1'],
    [['--victim', '3'], "Unknown option '--victim'"],
  ])('refuses %j, naming the option and the reason', async (args, message) => {
    await expect(run(args)).rejects.toThrow(message);
  });
});
