import type { Transaction } from 'kysely';
import type { Entitlement } from '@vj/projections';
import { chunks } from '../chunks';
import type { EntitlementRow, JourneysDatabase } from './tables';
import type { VictimRows } from './victim-rows';

/**
 * Writes victims' journeys and entitlements in a few statements per table, each journey only if
 * it is still at the version read (a conditional upsert); false when any moved, and the caller
 * rolls back. Of a victim written before, only the entitlements that differ from what is stored
 * are written.
 */
export async function writeJourneys(
  trx: Transaction<JourneysDatabase>,
  victims: readonly VictimRows[],
): Promise<boolean> {
  // Rows locked in one order by every writer: two workers never wait on each other in a cycle.
  const ordered = [...victims].sort((a, b) =>
    (a.state.victimId as string) < (b.state.victimId as string) ? -1 : 1,
  );
  for (const part of chunks(ordered)) {
    const { numInsertedOrUpdatedRows } = await trx
      .insertInto('journeys')
      .values(
        part.map((v) => ({
          victim_id: v.state.victimId as string,
          police_area: v.state.policeArea as string,
          state: JSON.stringify(v.state),
          next_change_at: v.nextChangeAt,
          version: v.version + 1,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('victim_id')
          .doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            next_change_at: eb.ref('excluded.next_change_at'),
            version: eb.ref('excluded.version'),
          }))
          // Written over only the version this writer read: anyone else's newer write stands.
          .where('journeys.version', '=', (eb) => eb(eb.ref('excluded.version'), '-', 1)),
      )
      .executeTakeFirst();
    if (numInsertedOrUpdatedRows !== BigInt(part.length)) return false;
  }
  await writeEntitlements(trx, victims);
  return true;
}

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
  for (const part of chunks(changed)) {
    await trx
      .insertInto('entitlements')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['victim_id', 'entitlement_id']).doUpdateSet((eb) => ({
          police_area: eb.ref('excluded.police_area'),
          crime_reference: eb.ref('excluded.crime_reference'),
          rule_id: eb.ref('excluded.rule_id'),
          right_no: eb.ref('excluded.right_no'),
          edition: eb.ref('excluded.edition'),
          owed_by: eb.ref('excluded.owed_by'),
          enhanced: eb.ref('excluded.enhanced'),
          status: eb.ref('excluded.status'),
          triggered_at: eb.ref('excluded.triggered_at'),
          deadline_date: eb.ref('excluded.deadline_date'),
          deadline_ends_at: eb.ref('excluded.deadline_ends_at'),
          fulfilled_at: eb.ref('excluded.fulfilled_at'),
          working_days_late: eb.ref('excluded.working_days_late'),
          body: eb.ref('excluded.body'),
        })),
      )
      .execute();
  }
}

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
