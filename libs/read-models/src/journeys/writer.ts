import type { Transaction } from 'kysely';
import { chunks } from '../chunks';
import type { JourneysDatabase } from './tables';
import type { VictimRows } from './victim-rows';

/**
 * Writes victims' journeys and entitlements in a few statements per table, each journey only if
 * it is still at the version read (a conditional upsert); false when any moved, and the caller
 * rolls back. `rewritten` victims (version > 0) have their old entitlements replaced.
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
  for (const part of chunks(rewrittenVictimIds(victims)))
    await trx.deleteFrom('entitlements').where('victim_id', 'in', part).execute();
  const entitlements = victims.flatMap((v) =>
    v.entitlements.map((e) => {
      // An open breach's lateness grows with time: stored rows hold only what events fix.
      const fixedLateness = e.status === 'met-late' ? e.workingDaysLate : null;
      return {
        victim_id: v.state.victimId as string,
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
    }),
  );
  for (const part of chunks(entitlements))
    await trx.insertInto('entitlements').values(part).execute();
  return true;
}

/**
 * Victims written before, whose derived rows are replaced. One written for the first time
 * (version 0, and the journey upsert proved nobody else had) has no rows to replace.
 */
export function rewrittenVictimIds(victims: readonly VictimRows[]): string[] {
  return victims.filter((v) => v.version > 0).map((v) => v.state.victimId as string);
}
