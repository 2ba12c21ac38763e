import type { Transaction } from 'kysely';
import type { Entitlement } from '@vj/projections';
import { chunks } from '../chunks';
import type { EntitlementRow, JourneysDatabase } from './tables';
import type { VictimRows } from './victim-rows';
import type { BulkInsert, BulkWriter } from '../store/bulk';

/**
 * Writes victims' journeys and entitlements in one bulk insert per table, each journey only if
 * it is still at the version read (a conditional upsert); false when any moved, and the caller
 * rolls back. Of a victim written before, only the entitlements that differ from what is stored
 * are written. The victims come in victim id order (`writeVictims` sorts them once for every
 * table): rows locked in one order by every writer, so two never wait on each other in a cycle.
 */
export async function writeJourneys(
  trx: Transaction<JourneysDatabase>,
  bulk: BulkWriter,
  ordered: readonly VictimRows[],
): Promise<boolean> {
  const written = await bulk.insert(
    JOURNEYS,
    ordered.map((v) => [
      v.state.victimId as string,
      v.state.policeArea as string,
      JSON.stringify(v.state),
      v.nextChangeAt,
      v.version + 1,
    ]),
  );
  if (written !== ordered.length) return false;
  await writeEntitlements(trx, bulk, ordered);
  return true;
}

const JOURNEYS: BulkInsert = {
  table: 'journeys',
  columns: ['victim_id', 'police_area', 'state', 'next_change_at', 'version'],
  types: ['text', 'text', 'text', 'text', 'integer'],
  onConflict:
    'ON CONFLICT (victim_id) DO UPDATE SET state = excluded.state, next_change_at = excluded.next_change_at, version = excluded.version' +
    // Written over only the version this writer read: anyone else's newer write stands.
    ' WHERE t.version = excluded.version - 1',
};

/**
 * Victims written before, whose derived rows are replaced. One written for the first time
 * (version 0, and the journey upsert proved nobody else had) has no rows to replace.
 */
export function rewrittenVictimIds(victims: readonly VictimRows[]): string[] {
  return victims.filter((v) => v.version > 0).map((v) => v.state.victimId as string);
}

/**
 * Writes the entitlement rows that differ from those stored: a new or changed one upserted, one
 * no longer judged deleted. A victim written before (version > 0) has its stored rows read
 * first, inside the transaction whose journey upsert has just proved (and, on PostgreSQL,
 * locked) the version they belong to. A row's body holds every other column's value, so equal
 * bodies are equal rows.
 */
async function writeEntitlements(
  trx: Transaction<JourneysDatabase>,
  bulk: BulkWriter,
  victims: readonly VictimRows[],
): Promise<void> {
  const stored = new Map<string, Map<string, string>>();
  for (const part of chunks(rewrittenVictimIds(victims))) {
    const rows = await trx
      .selectFrom('entitlements')
      .select(['victim_id', 'entitlement_id', 'body'])
      .where('victim_id', 'in', part)
      .execute();
    for (const row of rows) {
      const bodies = stored.get(row.victim_id);
      if (bodies) bodies.set(row.entitlement_id, row.body);
      else stored.set(row.victim_id, new Map([[row.entitlement_id, row.body]]));
    }
  }
  const changed: EntitlementRow[] = [];
  const gone: { victimId: string; entitlementIds: string[] }[] = [];
  for (const v of victims) {
    const victimId = v.state.victimId as string;
    const before = stored.get(victimId);
    for (const row of entitlementRowsOf(victimId, v.entitlements)) {
      if (before?.get(row.entitlement_id) !== row.body) changed.push(row);
      before?.delete(row.entitlement_id);
    }
    if (before && before.size > 0) gone.push({ victimId, entitlementIds: [...before.keys()] });
  }
  for (const { victimId, entitlementIds } of gone) {
    for (const part of chunks(entitlementIds)) {
      await trx
        .deleteFrom('entitlements')
        .where('victim_id', '=', victimId)
        .where('entitlement_id', 'in', part)
        .execute();
    }
  }
  await bulk.insert(
    ENTITLEMENTS,
    changed.map((row) => ENTITLEMENT_COLUMNS.map((column) => row[column])),
  );
}

const ENTITLEMENT_COLUMNS = [
  'victim_id',
  'entitlement_id',
  'police_area',
  'crime_reference',
  'rule_id',
  'right_no',
  'edition',
  'owed_by',
  'enhanced',
  'status',
  'triggered_at',
  'deadline_date',
  'deadline_ends_at',
  'fulfilled_at',
  'working_days_late',
  'body',
] as const satisfies readonly (keyof EntitlementRow)[];

const ENTITLEMENTS: BulkInsert = {
  table: 'entitlements',
  columns: ENTITLEMENT_COLUMNS,
  types: ENTITLEMENT_COLUMNS.map((c) =>
    c === 'right_no' || c === 'enhanced' || c === 'working_days_late' ? 'integer' : 'text',
  ),
  onConflict: `ON CONFLICT (victim_id, entitlement_id) DO UPDATE SET ${ENTITLEMENT_COLUMNS.slice(2)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`,
};

/** A victim's entitlements as stored rows. */
function entitlementRowsOf(
  victimId: string,
  entitlements: readonly Entitlement[],
): EntitlementRow[] {
  return entitlements.map((e) => {
    // An open breach's lateness grows with time: stored rows hold only what events fix.
    const fixedLateness = e.status === 'met-late' ? e.workingDaysLate : null;
    return {
      victim_id: victimId,
      entitlement_id: e.id,
      police_area: e.policeArea,
      crime_reference: e.crimeReference,
      rule_id: e.ruleId,
      right_no: e.right,
      edition: e.edition,
      owed_by: e.owedBy,
      enhanced: e.enhanced ? 1 : 0,
      status: e.status,
      triggered_at: e.trigger.occurredAt,
      deadline_date: e.deadline?.localDate ?? null,
      deadline_ends_at: e.deadline?.endsAt ?? null,
      fulfilled_at: e.fulfilment?.occurredAt ?? null,
      working_days_late: fixedLateness,
      body: JSON.stringify({ ...e, workingDaysLate: fixedLateness }),
    };
  });
}
