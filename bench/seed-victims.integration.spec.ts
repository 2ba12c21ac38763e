import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { ingestionPoster, journeysOf, loadAgencyDirectory, postJourneys } from '@vj/demo-data';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import { JourneyProjector, ReadModels } from '@vj/read-models';
import { readAgenciesFile } from '@vj/runtime';
import { bulkLoadCache, seedVictims } from './seed-victims';
import { AGENCIES_FILE } from './workload';

const VICTIMS = 300;
const FROM = new Date('2025-01-01T00:00:00Z');
const TO = new Date('2026-01-01T00:00:00Z');
const NOW = TO;

/**
 * A dump with each sealed personal field (fresh key and IV per ingestion, so never the same
 * ciphertext twice) replaced by a mark: everything else must be equal as stored, byte for byte.
 */
function comparable(dump: Record<string, unknown[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(dump).map(([table, rows]) => [table, rows.map((row) => unsealed(row))]),
  );
}

function unsealed(row: unknown): string {
  return JSON.stringify(row).replace(
    /\{\\"enc\\":\\"v1\\",\\"kid\\":\\"[^"\\]*\\",\\"iv\\":\\"[^"\\]*\\",\\"ct\\":\\"[^"\\]*\\",\\"tag\\":\\"[^"\\]*\\"\}/g,
    'SEALED',
  );
}

// The read sizes are seeded without a projector, a chunk at a time, many journeys posted at once,
// judged in a worker thread: what lands in the read models must still be what the journey
// projector writes from the same victims' events, posted one after another as the API takes them.
describe('seeding the read sizes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vj-seed-spec-'));
  let projected: Record<string, unknown[]>;

  beforeAll(async () => {
    const agencies = AgencyDirectory.fromConfig(
      loadAgencyDirectory(readAgenciesFile(AGENCIES_FILE) as { agencies: { id: string }[] }),
    );
    const clock = new FixedClock(NOW);
    const events = new SqliteEventStore(':memory:');
    const readModels = await ReadModels.openSqlite(join(dir, 'projected.sqlite'));
    try {
      const ingestion = new JourneyIngestion(events, clock, inMemoryPersonalDataVault(clock));
      await postJourneys(
        journeysOf({ victims: VICTIMS, seed: 1, from: FROM, to: TO }),
        ingestionPoster(ingestion, agencies),
        { concurrency: 1 },
      );
      await new JourneyProjector(events, readModels, clock, 100).rebuild();
      projected = await readModels.dump();
    } finally {
      await readModels.close();
      await events.close();
    }
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['in a worker thread', true],
    ['in this thread', false],
  ])(
    'writes what the projector writes (%s)',
    async (_how, worker) => {
      // Two stores seeded at once (as the bench seeds SQLite and PostgreSQL): each gets it all.
      const stores = [
        await ReadModels.openSqlite(join(dir, `seeded-${String(worker)}-a.sqlite`)),
        await ReadModels.openSqlite(join(dir, `seeded-${String(worker)}-b.sqlite`)),
      ];
      try {
        // One with the bulk load's page cache, as the bench seeds SQLite: the same rows.
        const restore = await bulkLoadCache(stores[0] as ReadModels, 64);
        // Chunks that do not divide the victims: the last one is short.
        const seeded = await seedVictims(stores, {
          victims: VICTIMS,
          seed: 1,
          from: FROM,
          to: TO,
          now: NOW,
          chunk: 120,
          concurrency: 16,
          sampleEvery: 97,
          worker,
        });
        await restore();
        expect(seeded.victims).toBe(VICTIMS);
        expect(seeded.sample).toHaveLength(Math.ceil(VICTIMS / 97));
        for (const readModels of stores) {
          const dump = await readModels.dump();
          expect(dump.journeys).toHaveLength(VICTIMS);
          expect(dump.entitlements?.length).toBeGreaterThan(VICTIMS);
          expect(dump.compliance_counts?.length).toBeGreaterThan(0);
          expect(comparable(dump)).toEqual(comparable(projected));
        }
      } finally {
        for (const readModels of stores) await readModels.close();
      }
    },
    120_000,
  );
});
