import { agencyCaller } from '@vj/access-policy';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyDirectory, type Agency } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import { crimeReported, journeyEvent } from '../test/support/journey-events';
import { exited, runScript } from '../test/support/production';

// A real process on a shared 2-core machine: swc compiles the script at start.
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..');
const police = AgencyDirectory.fromConfig(
  JSON.parse(readFileSync(join(ROOT, 'config/agencies.dev.json'), 'utf8')),
).agencies.find((a) => a.id === 'police-west-yorkshire') as Agency;

/**
 * `npm run forecast` on an embedded store holding one journey: reported Mon 2 Mar 2026, referred
 * to support Wed 4 Mar. The 2020 Code's 2 working days end Wed 4 Mar (met); the example draft's 1
 * working day ends Tue 3 Mar (met late).
 */
describe('npm run forecast', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vj-forecast-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    const clock = new FixedClock('2026-03-02T09:00:00Z');
    const ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
    const crimeReference = '13/000001/26';
    const { victimId } = await ingestion.registerVictim(
      agencyCaller(police),
      crimeReported({ occurredAt: '2026-03-02T09:00:00Z', crimeReference }),
    );
    clock.set('2026-03-04T10:00:00Z');
    await ingestion.postEvents(
      agencyCaller(police),
      victimId,
      journeyEvent(
        'referred-to-support',
        'ref-1',
        '2026-03-04T10:00:00Z',
        { service: 'victim-support' },
        { crimeReference },
      ),
    );
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const forecast = async (...args: string[]) => {
    const child = runScript('scripts/forecast.ts', args, {
      ...process.env,
      EVENT_STORE: 'sqlite',
      DATA_DIR: dataDir,
      CLOCK_NOW: '2026-03-20T12:00:00Z',
    });
    return { code: await exited(child), output: child.output() };
  };

  it('prints in force → draft (difference) per agency and rule, with its progress, and writes nothing', async () => {
    const before = readdirSync(dataDir).sort();
    const { code, output } = await forecast(
      '--edition',
      join(ROOT, 'docs/forecast-draft-example.json'),
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--area',
      'west-yorkshire',
    );
    expect(code).toBe(0);
    const line = output.split('\n').find((l) => /^police\s+support-referral\s/.test(l));
    // created, met, met late, breached, pending, on time, breach rate.
    expect(line?.split(/\s{2,}/)).toEqual([
      'police',
      'support-referral',
      '1 → 1 (0)',
      '1 → 0 (-1)',
      '0 → 1 (+1)',
      '0 → 0 (0)',
      '0 → 0 (0)',
      '100.0% → 0.0% (-100 pts)',
      '0.0% → 0.0% (0 pts)',
    ]);
    expect(output).toContain(
      'in west-yorkshire, judged at 2026-03-20T12:00:00.000Z; 1 journeys replayed',
    );
    expect(output).toMatch(/forecast \[=+\] 2\/2 events/);
    expect(readdirSync(dataDir).sort()).toEqual(before);
    expect(existsSync(join(dataDir, 'read-models.sqlite'))).toBe(false);
  });

  it('refuses a draft that breaks the schema, naming each field, and exits 2', async () => {
    const draft = join(dataDir, 'broken.json');
    writeFileSync(
      draft,
      JSON.stringify({ id: 'broken', title: 'Broken', effectiveFrom: '2027-13-01', rules: [{}] }),
    );
    const { code, output } = await forecast(
      '--edition',
      draft,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
    );
    expect(code).toBe(2);
    expect(output).toContain('effectiveFrom: must be a calendar date YYYY-MM-DD');
    expect(output).toContain('rules[0].id: is required');
  });
});
