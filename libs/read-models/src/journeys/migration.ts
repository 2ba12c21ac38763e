import type { Kysely } from 'kysely';

/** The journeys table and the index the re-check reads (part of migration 001). */
export async function createJourneysTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('journeys')
    .addColumn('victim_id', 'text', (c) => c.primaryKey())
    .addColumn('police_area', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('next_change_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('journeys_next_change')
    .on('journeys')
    .column('next_change_at')
    .execute();
}

/** The entitlements table with the caseload and breach report indexes (part of migration 001). */
export async function createEntitlementsTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('entitlements')
    .addColumn('victim_id', 'text', (c) => c.notNull())
    .addColumn('entitlement_id', 'text', (c) => c.notNull())
    .addColumn('police_area', 'text', (c) => c.notNull())
    .addColumn('crime_reference', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('right_no', 'integer', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('owed_by', 'text', (c) => c.notNull())
    .addColumn('enhanced', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('triggered_at', 'text', (c) => c.notNull())
    .addColumn('deadline_date', 'text')
    .addColumn('deadline_ends_at', 'text')
    .addColumn('fulfilled_at', 'text')
    .addColumn('working_days_late', 'integer')
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entitlements_pk', ['victim_id', 'entitlement_id'])
    .execute();
  await db.schema
    .createIndex('entitlements_caseload')
    .on('entitlements')
    .columns(['police_area', 'owed_by', 'status', 'deadline_date'])
    .execute();
  await db.schema
    .createIndex('entitlements_breaches')
    .on('entitlements')
    .columns(['status', 'police_area', 'deadline_date'])
    .execute();
}

/** Open entitlements by the instant their deadline ends: what the deadline window reads (migration 002). */
export async function createEntitlementsDueIndex(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('entitlements_due')
    .on('entitlements')
    .columns(['status', 'deadline_ends_at'])
    .execute();
}
