import { randomUUID } from 'node:crypto';
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
import { readAgenciesFile } from '@vj/runtime';
import { join } from 'node:path';
import { readModelStoresForTests } from '../../../../test/support/read-model-stores';
import { type ReadModels } from '../store/read-model-store';
import { JourneyProjector } from './journey-projector';
import {
  finishPartitions,
  partitionsOf,
  preparePartitions,
  unfinishedPartitions,
} from './partitioned-rebuild';

const NOW = new Date('2026-01-01T00:00:00Z');
const REBUILD = 'victim-journey-rebuild';
const BATCH = 40;

const stores = readModelStoresForTests('vj_hpart');

/** What a rebuild leaves that a reader would notice: the read models and the parked events. */
async function outcome(readModels: ReadModels) {
  const parked = (await readModels.parkedEvents()).map((p) => ({ ...p, projection: 'any' }));
  return { ...(await readModels.dump()), parked };
}

describe.each(Object.keys(stores))('a rebuild in partitions on %s read models', (kind) => {
  const open = stores[kind] as () => Promise<ReadModels>;
  const clock = new FixedClock(NOW);
  let events: SqliteEventStore;
  let post: (journeys: WorkloadJourney[]) => Promise<void>;
  let journeys: WorkloadJourney[];

  beforeAll(async () => {
    const agencies = AgencyDirectory.fromConfig(
      loadAgencyDirectory(
        readAgenciesFile(join(__dirname, '../../../../config/agencies.dev.json')) as {
          agencies: { id: string }[];
        },
      ),
    );
    events = new SqliteEventStore(':memory:');
    const ingestion = new JourneyIngestion(events, clock, inMemoryPersonalDataVault(clock));
    // Several journeys posted at once: each victim's events are spread over many pages.
    post = async (some) => {
      await postJourneys(some.values(), ingestionPoster(ingestion, agencies), { concurrency: 4 });
    };
    journeys = [
      ...journeysOf({ victims: 60, seed: 3, from: new Date('2025-01-01T00:00:00Z'), to: NOW }),
    ];
    await post(journeys.slice(0, 30));
    // A stored event no reader can lift to the latest schema: parked, by exactly one partition.
    const [first] = await events.readAll({ maxCount: 1 });
    await events.appendToStream(first?.streamId as string, [
      {
        eventId: randomUUID(),
        type: 'sentenced',
        data: {},
        metadata: { ...first?.metadata, schemaVersion: 0 },
      },
    ]);
  });

  afterAll(() => events.close());

  it('gives exactly the read models of a single rebuild, each event counted once', async () => {
    const parts = await open();
    const [p0, p1, p2] = partitionsOf(REBUILD, 3).map(
      ({ partition, name }) =>
        new JourneyProjector(events, parts, clock, BATCH, {}, name, partition),
    );
    // One partition finishes early; events are appended; the others finish later.
    const early = await p2!.catchUp();
    await post(journeys.slice(30));
    const late = (await p0!.catchUp()) + (await p1!.catchUp());
    expect(await unfinishedPartitions(parts, REBUILD)).toBe(3);
    const caughtUp = await finishPartitions(events, parts, clock, BATCH, {}, REBUILD, 3);

    const single = await open();
    const all = await new JourneyProjector(events, single, clock, BATCH).rebuild();
    expect(early + late + caughtUp).toBe(all);
    expect(caughtUp).toBeGreaterThan(0); // the early partition's share of what came after it
    const expected = await outcome(single);
    expect(expected.parked).toHaveLength(1);
    expect(await outcome(parts)).toEqual(expected);
    // Joined: the rebuild's own checkpoint at the end, its partitions' gone, their parked event its.
    expect(await parts.checkpoint(REBUILD)).toBe(await single.checkpoint('victim-journey'));
    expect(await unfinishedPartitions(parts, REBUILD)).toBeUndefined();
    expect((await parts.parkedEvents()).map((p) => p.projection)).toEqual([REBUILD]);
    await parts.close();
    await single.close();
  });

  it('resumes in partitions a rebuild begun in one, from its checkpoint', async () => {
    const resumed = await open();
    // A single rebuild stopped after its first page.
    const stopped = new Error('stopped');
    const begun = new JourneyProjector(
      events,
      resumed,
      clock,
      BATCH,
      {
        applied: () => {
          throw stopped;
        },
      },
      REBUILD,
    );
    await expect(begun.catchUp()).rejects.toBe(stopped);
    expect(await resumed.checkpoint(REBUILD)).toBeDefined();

    await preparePartitions(resumed, REBUILD, 3);
    let applied = 0;
    for (const { partition, name } of partitionsOf(REBUILD, 3))
      applied += await new JourneyProjector(
        events,
        resumed,
        clock,
        BATCH,
        {},
        name,
        partition,
      ).catchUp();
    applied += await finishPartitions(events, resumed, clock, BATCH, {}, REBUILD, 3);

    const single = await open();
    const all = await new JourneyProjector(events, single, clock, BATCH).rebuild();
    expect(applied).toBe(all - BATCH);
    expect(await outcome(resumed)).toEqual(await outcome(single));
    await resumed.close();
    await single.close();
  });
});
