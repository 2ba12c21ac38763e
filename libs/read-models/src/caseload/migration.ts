import { type Kysely, sql } from 'kysely';

/**
 * The caseload's own index (migration 004): an agency's open entitlements in the order the
 * caseload lists them. Partial (unfulfilled, with a deadline), so it holds only what a caseload
 * can show and stays small beside the entitlements table; the area, agency, deadline and key come
 * first, so the 50 most urgent are the first 50 entries of one range (no sort of every open
 * entitlement), and the status rides along, so the total is counted from the index alone without
 * reading the rows' bodies.
 */
export async function createCaseloadIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('entitlements_open_caseload')
    .on('entitlements')
    .columns([
      'police_area',
      'owed_by',
      'deadline_ends_at',
      'victim_id',
      'entitlement_id',
      'status',
    ])
    .where(sql.ref('fulfilled_at'), 'is', null)
    .where(sql.ref('deadline_ends_at'), 'is not', null)
    .execute();
}
