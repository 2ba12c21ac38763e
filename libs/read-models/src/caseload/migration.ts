import { type Kysely, sql } from 'kysely';

/**
 * The statuses a caseload lists: unmet entitlements, late or not yet. The caseload query names
 * them as literals, as the index's condition does, so that SQLite (which cannot match a bound
 * parameter against a partial index's condition) uses the index too.
 */
export const CASELOAD_STATUSES = ['pending', 'breached'] as const;

/**
 * The caseload's own index (migration 004): an agency's open entitlements in the order the
 * caseload lists them. Partial (unfulfilled, with a deadline, pending or breached), so it holds
 * only what a caseload can show; the area, agency, deadline and key make its order, so the 50
 * most urgent are the first 50 entries of one range (no sort of every open entitlement), and the
 * total is counted from the index alone without reading the rows.
 */
export async function createCaseloadIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('entitlements_open_caseload')
    .on('entitlements')
    .columns(['police_area', 'owed_by', 'deadline_ends_at', 'victim_id', 'entitlement_id'])
    .where(sql.ref('fulfilled_at'), 'is', null)
    .where(sql.ref('deadline_ends_at'), 'is not', null)
    .where(sql<boolean>`status in (${sql.join(CASELOAD_STATUSES.map((s) => sql.lit(s)))})`)
    .execute();
}
