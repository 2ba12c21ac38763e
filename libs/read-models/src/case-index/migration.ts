import type { Kysely } from 'kysely';

/** The case index table (part of migration 001). */
export async function createCaseIndexTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_index')
    .addColumn('police_area', 'text', (c) => c.notNull())
    .addColumn('case_urn', 'text', (c) => c.notNull())
    .addColumn('victim_number', 'integer', (c) => c.notNull())
    .addColumn('victim_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_index_pk', ['police_area', 'case_urn', 'victim_number'])
    .execute();
}
