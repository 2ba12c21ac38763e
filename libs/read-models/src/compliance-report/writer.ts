import type { Transaction } from 'kysely';
import type { KeyedContribution } from '@vj/projections';
import { chunks } from '../chunks';
import type { VictimRows } from '../journeys/victim-rows';
import type { BulkInsert, BulkWriter } from '../store/bulk';
import { COMPLIANCE_COUNT_KEY, type ComplianceReportDatabase } from './tables';

/**
 * Moves the compliance counts by what each victim now contributes less what they contributed
 * last: one upsert adding each key's difference (`count = count + delta`), rows left at 0
 * deleted. Called in the same transaction as the journeys it follows and the checkpoint.
 */
export async function writeComplianceCounts(
  trx: Transaction<ComplianceReportDatabase>,
  bulk: BulkWriter,
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
  const changed: [string, string][] = [];
  for (const v of victims) {
    const keyed = v.contributions;
    const now = JSON.stringify(keyed);
    const before = previous.get(victimIdOf(v));
    if (before === now) continue;
    for (const [key, count] of before ? (JSON.parse(before) as KeyedContribution[]) : [])
      add(key, -count);
    for (const [key, count] of keyed) add(key, count);
    changed.push([victimIdOf(v), now]);
  }
  await bulk.insert(CONTRIBUTIONS, changed);
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
      return [police_area, month, dimension, value, outcome, from_date, Number(late), count];
    });
  const emptied = await bulk.insertReturningWhere(
    COUNTS,
    moves,
    COMPLIANCE_COUNT_KEY,
    '"count" = 0',
  );
  for (const row of emptied) {
    const key = Object.fromEntries(COMPLIANCE_COUNT_KEY.map((column, i) => [column, row[i]]));
    await trx
      .deleteFrom('compliance_counts')
      .where('police_area', '=', key.police_area as string)
      .where('month', '=', key.month as string)
      .where('dimension', '=', key.dimension as string)
      .where('value', '=', key.value as string)
      .where('outcome', '=', key.outcome as string)
      .where('working_days_late', '=', Number(key.working_days_late))
      .where('from_date', '=', key.from_date as string)
      .execute();
  }
}

const CONTRIBUTIONS: BulkInsert = {
  table: 'compliance_contributions',
  columns: ['victim_id', 'contributions'],
  types: ['text', 'text'],
  onConflict: 'ON CONFLICT (victim_id) DO UPDATE SET contributions = excluded.contributions',
};

const COUNTS: BulkInsert = {
  table: 'compliance_counts',
  columns: [
    'police_area',
    'month',
    'dimension',
    'value',
    'outcome',
    'from_date',
    'working_days_late',
    'count',
  ],
  types: ['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'integer'],
  onConflict: `ON CONFLICT (${COMPLIANCE_COUNT_KEY.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET "count" = t."count" + excluded."count"`,
};

const victimIdOf = (v: VictimRows) => v.state.victimId as string;
