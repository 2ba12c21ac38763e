import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyDirectory } from '@vj/agencies';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { readAgenciesFile } from '@vj/runtime';
import { ingestTargets, measureIngest, type IngestTarget } from './ingest';
import {
  AGENCIES_FILE,
  batchedLanes,
  buildWarmup,
  buildWorkload,
  postLanes,
  type LanePost,
  type Workload,
} from './workload';

const NOW = new Date('2026-06-01T12:00:00Z');
const BATCH = 10;
const CONNECTIONS = 4;

/** Each posted event id, as its victim's lane posts it. */
const postedIds = (lanes: LanePost[][]): string[] =>
  lanes.flat().flatMap(({ posts }) => posts.map((p) => p.body.eventId));

/** Each victim's posted event ids, in the order posted. */
function byVictim(lane: LanePost[]): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const { victimId, posts } of lane) {
    ids.set(victimId, [...(ids.get(victimId) ?? []), ...posts.map((p) => p.body.eventId)]);
  }
  return ids;
}

describe('the ingest benchmark posting batches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vj-ingest-batches-spec-'));
  const agencies = AgencyDirectory.fromConfig(readAgenciesFile(AGENCIES_FILE));
  let workload: Workload;
  let warmup: Workload;

  beforeAll(async () => {
    workload = await buildWorkload(300, 7, NOW, agencies);
    warmup = await buildWarmup(workload, 60, 7, agencies);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('posts the one-event lanes’ events, each once and in its victim’s order, in fewer posts', () => {
    const single = postLanes(workload, CONNECTIONS);
    const batched = batchedLanes(workload, CONNECTIONS, BATCH);

    expect(batched).toHaveLength(CONNECTIONS);
    // Each victim's events in the same order as the one-event lanes post them, on one lane.
    const singly = single.flat().map(({ victimId, post }) => ({ victimId, posts: [post] }));
    expect(byVictim(batched.flat())).toEqual(byVictim(singly));
    const laneOf = new Map<string, number>();
    batched.forEach((lane, i) => lane.forEach(({ victimId }) => laneOf.set(victimId, i)));
    batched.forEach((lane, i) =>
      lane.forEach(({ victimId }) => expect(laneOf.get(victimId)).toBe(i)),
    );
    const ids = postedIds(batched);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(single.flat().length);

    const requests = batched.flat();
    expect(new Set(batched.map((lane) => lane.length)).size).toBe(1);
    expect(requests.length).toBeLessThan(ids.length / 2);
    for (const { posts } of requests) {
      expect(posts.length).toBeGreaterThanOrEqual(1);
      expect(posts.length).toBeLessThanOrEqual(BATCH);
      // One agency posts a batch; a crime report opens the journey alone.
      expect(new Set(posts.map((p) => p.agencyId)).size).toBe(1);
      if (posts.some((p) => p.opens)) expect(posts).toHaveLength(1);
    }
  });

  it('leaves every posted event stored, once, after a run of our API', async () => {
    const sqlite = ingestTargets('postgres://unused', dir, NOW)[0] as IngestTarget;
    expect(sqlite.store).toBe('SQLite (embedded)');
    let dataDir = '';
    const [figure] = await measureIngest({
      targets: [
        {
          ...sqlite,
          env: async (row) => {
            const env = await sqlite.env(row);
            dataDir = env.DATA_DIR as string;
            return env;
          },
        },
      ],
      connections: [CONNECTIONS],
      workload,
      warmup,
      batch: BATCH,
      log: () => undefined,
    });

    expect(figure?.failed).toBeUndefined();
    const measured = postedIds(batchedLanes(workload, CONNECTIONS, BATCH));
    expect(figure?.events).toBe(measured.length);
    expect(figure?.posts).toBe(batchedLanes(workload, CONNECTIONS, BATCH).flat().length);

    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const stored = await store.readAll({ maxCount: 100_000 });
      const posted = [...postedIds(batchedLanes(warmup, CONNECTIONS, BATCH)), ...measured];
      expect(stored.map((e) => e.metadata.agencyEventId).sort()).toEqual(posted.sort());
    } finally {
      await store.close();
    }
  }, 120_000);
});
