import { inMemoryPersonalDataVault } from '@vj/personal-data';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import type { RecordedEvent } from '@vj/event-store';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import { demoJourneys } from './demo-journeys';
import { seedDemoData } from './seed-demo-data';

const config: unknown = JSON.parse(
  readFileSync(join(__dirname, '../../../config/agencies.dev.json'), 'utf8'),
);

async function everyEvent(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const last = events[events.length - 1];
    const page = await store.readAll({
      maxCount: 1000,
      ...(last ? { after: last.globalPosition } : {}),
    });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

describe('seedDemoData', () => {
  const clock = new FixedClock('2026-03-14T12:00:00Z');
  const options = { count: 30, seed: 7, now: clock.now() };
  let store: SqliteEventStore;
  let ingestion: JourneyIngestion;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
  });
  afterEach(() => store.close());

  it('posts every event through ingestion, one stream per victim, and replays on a second run', async () => {
    const agencies = AgencyDirectory.fromConfig(config);
    const posts = demoJourneys(options);

    // Any refusal (IngestionRefused) would reject here.
    const first = await seedDemoData(ingestion, agencies, options);
    expect(first).toEqual({ victims: 30, events: posts.length, replayed: 0 });
    const stored = await everyEvent(store);
    expect(stored).toHaveLength(posts.length);
    expect(new Set(stored.map((e) => e.streamId)).size).toBe(30);

    clock.set('2026-03-14T18:30:00Z');
    const second = await seedDemoData(ingestion, agencies, { ...options, now: clock.now() });
    expect(second).toEqual({ victims: 30, events: posts.length, replayed: posts.length });
    expect(await everyEvent(store)).toHaveLength(posts.length);
  });

  it('needs every agency the dataset posts as', async () => {
    const withoutParoleBoard = {
      agencies: (config as { agencies: { id: string }[] }).agencies.filter(
        (a) => a.id !== 'parole-board',
      ),
    };
    await expect(
      seedDemoData(ingestion, AgencyDirectory.fromConfig(withoutParoleBoard), options),
    ).rejects.toThrow(/no 'parole-board'/);
    expect(await everyEvent(store)).toEqual([]);
  });
});
