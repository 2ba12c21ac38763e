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
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
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
        .createTable('parked_events')
        .addColumn('projection', 'text', (c) => c.notNull())
        .addColumn('global_position', 'text', (c) => c.notNull())
        .addColumn('stream_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('parked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('parked_events_pk', ['projection', 'global_position'])
        .execute();
      await db.schema
        .createTable('checkpoints')
        .addColumn('projection', 'text', (c) => c.primaryKey())
        .addColumn('position', 'text', (c) => c.notNull())
        .execute();
    },
  },
  // The notification outbox of deadline scheduling (libs/deadline-scheduling). Not a projection:
  // it records what was sent, so a rebuild of the read models leaves it alone. Its primary key,
  // `${kind}-${victimId}-${entitlementId}`, is what makes each reminder and breach recorded (and so
  // sent) at most once, whatever happens to the queue in Redis.
  '2026-11-23-002-notifications': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('victim_id', 'text', (c) => c.notNull())
        .addColumn('entitlement_id', 'text', (c) => c.notNull())
        .addColumn('police_area', 'text', (c) => c.notNull())
        .addColumn('owed_by', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('deadline_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
      // "Has this entitlement had its reminder / breach recorded yet?", asked for every candidate.
      await db.schema
        .createIndex('notifications_entitlement')
        .on('notifications')
        .columns(['victim_id', 'entitlement_id', 'kind'])
        .execute();
      // The outbox relay (pending) and the operator's list (failed).
      await db.schema
        .createIndex('notifications_status')
        .on('notifications')
        .columns(['status', 'created_at'])
        .execute();
      // The scheduler's window: open entitlements by the instant their deadline ends.
      await db.schema
        .createIndex('entitlements_due')
        .on('entitlements')
        .columns(['status', 'deadline_ends_at'])
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
