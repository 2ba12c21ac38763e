import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * Versioned read-model migrations, applied in name order at start. Never edit one that has
 * shipped: add the next. Read models can always be rebuilt from the events.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-001-read-models': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('journeys')
        .addColumn('victim_id', 'text', (c) => c.primaryKey())
        .addColumn('police_area', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('next_change_at', 'text')
        .execute();
      await db.schema
        .createIndex('journeys_next_change')
        .on('journeys')
        .column('next_change_at')
        .execute();
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
      await db.schema
        .createTable('case_index')
        .addColumn('police_area', 'text', (c) => c.notNull())
        .addColumn('case_urn', 'text', (c) => c.notNull())
        .addColumn('victim_number', 'integer', (c) => c.notNull())
        .addColumn('victim_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_index_pk', ['police_area', 'case_urn', 'victim_number'])
        .execute();
      await db.schema
        .createTable('checkpoints')
        .addColumn('projection', 'text', (c) => c.primaryKey())
        .addColumn('position', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/** `schema`: PostgreSQL only, where the migration bookkeeping tables live (beside the read models). */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`read-model migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

export { sql };
