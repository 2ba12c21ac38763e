import type { Transaction } from 'kysely';
import { contributionKey } from '@vj/projections';
import { chunks } from '../chunks';
import type { VictimRows } from '../journeys/victim-rows';
import { COMPLIANCE_COUNT_KEY, type ComplianceReportDatabase } from './tables';

/**
 * Moves the compliance counts by what each victim now contributes less what they contributed
 * last: one upsert adding each key's difference (`count = count + delta`), rows left at 0
 * deleted. Called in the same transaction as the journeys it follows and the checkpoint.
 */
export async function writeComplianceCounts(
  trx: Transaction<ComplianceReportDatabase>,
  victims: readonly VictimRows[],
): Promise<void> {
  const previous = new Map<string, string>();
  for (const part of chunks(victims.filter((v) => v.version > 0).map((v) => victimIdOf(v)))) {
    const rows = await trx
      .selectFrom('compliance_contributions')
      .select(['victim_id', 'contributions'])
      .where('victim_id', 'in', part)
      .execute();
    for (const row of rows) previous.set(row.victim_id, row.contributions);
  }
  const deltas = new Map<string, number>();
  const add = (key: string, count: number) => deltas.set(key, (deltas.get(key) ?? 0) + count);
  const changed: { victim_id: string; contributions: string }[] = [];
  for (const v of victims) {
    const keyed = v.contributions.map((c): StoredContribution => [contributionKey(c), c.count]);
    const now = JSON.stringify(keyed);
    const before = previous.get(victimIdOf(v));
    if (before === now) continue;
    for (const [key, count] of before ? (JSON.parse(before) as StoredContribution[]) : [])
      add(key, -count);
    for (const [key, count] of keyed) add(key, count);
    changed.push({ victim_id: victimIdOf(v), contributions: now });
  }
  for (const part of chunks(changed)) {
    await trx
      .insertInto('compliance_contributions')
      .values(part)
      .onConflict((oc) =>
        oc
          .column('victim_id')
          .doUpdateSet((eb) => ({ contributions: eb.ref('excluded.contributions') })),
      )
      .execute();
  }
  // One order for every writer, so two never wait on each other's rows in a cycle.
  const moves = [...deltas.entries()]
    .filter(([, count]) => count !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, count]) => {
      const [
        police_area = '',
        month = '',
        dimension = '',
        value = '',
        outcome = '',
        from_date = '',
        late = '',
      ] = key.split('|');
      return {
        police_area,
        month,
        dimension,
        value,
        outcome,
        from_date,
        working_days_late: Number(late),
        count,
      };
    });
  for (const part of chunks(moves)) {
    const emptied = await trx
      .insertInto('compliance_counts')
      .values(part)
      .onConflict((oc) =>
        oc.columns(COMPLIANCE_COUNT_KEY).doUpdateSet((eb) => ({
          count: eb(eb.ref('compliance_counts.count'), '+', eb.ref('excluded.count')),
        })),
      )
      .returning([...COMPLIANCE_COUNT_KEY, 'count'])
      .execute();
    for (const row of emptied) {
      if (Number(row.count) !== 0) continue;
      await trx
        .deleteFrom('compliance_counts')
        .where('police_area', '=', row.police_area)
        .where('month', '=', row.month)
        .where('dimension', '=', row.dimension)
        .where('value', '=', row.value)
        .where('outcome', '=', row.outcome)
        .where('working_days_late', '=', row.working_days_late)
        .where('from_date', '=', row.from_date)
        .execute();
    }
  }
}

const victimIdOf = (v: VictimRows) => v.state.victimId as string;

/** A contribution as stored for its victim: its key (`contributionKey`) and count. */
type StoredContribution = [string, number];
