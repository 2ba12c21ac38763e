import { sql } from 'kysely';
import { journey } from '../../../../projections/testing/journey-builder';
import { readModelStoresForTests } from '../../../../test/support/read-model-stores';
import { readModelTables } from '../../../../test/support/read-model-tables';
import { victimRowsOf, type VictimRows } from '../journeys/victim-rows';
import { type ReadModels } from './read-model-store';

const stores = readModelStoresForTests('vj_rm_reindex');

describe.each(Object.keys(stores))('compacting the %s read models’ indexes', (kind) => {
  const open = stores[kind] as () => Promise<ReadModels>;
  const NOW = new Date('2026-03-20T12:00:00Z');
  // Each reported on a day of its own, so that its counts have keys of their own.
  const victim = (n: number): VictimRows => {
    const day = new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
    const judged = victimRowsOf(
      { state: journey().reported(`${day}T09:00:00Z`).state(), version: 0 },
      NOW,
    );
    const victimId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    return { ...judged, state: { ...judged.state, victimId } };
  };

  it('keeps every row, and gives the compliance counts’ grown indexes back their size', async () => {
    const readModels = await open();
    await readModels.save(
      Array.from({ length: 300 }, (_, i) => victim(i)),
      { projection: 'test', from: undefined, to: 1n },
    );
    const before = await readModels.dump();
    // Counts moved up and back again, as re-judged victims move them: each move is a new
    // version of the row, and of its entries in the report's index.
    const tables = await readModelTables(readModels);
    for (let i = 0; i < 30; i++) {
      await sql`UPDATE compliance_counts SET count = count + 1`.execute(tables);
      await sql`UPDATE compliance_counts SET count = count - 1`.execute(tables);
    }

    const sizes = await readModels.reindex('live');

    expect(await readModels.dump()).toEqual(before);
    if (kind === 'PostgreSQL') {
      expect(sizes.map((s) => s.table)).toEqual([
        'journeys',
        'entitlements',
        'case_index',
        'compliance_counts',
        'compliance_contributions',
      ]);
      const counts = sizes.find((s) => s.table === 'compliance_counts')!;
      expect(counts.bytesAfter).toBeLessThan(counts.bytesBefore / 4);
      expect(counts.bytesBefore).toBeGreaterThan(1024 * 1024);
    } else {
      // SQLite frees an index entry when it is replaced: nothing to compact.
      expect(sizes).toEqual([]);
    }
    await readModels.close();
  });
});
