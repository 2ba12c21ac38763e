import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { createCaseIndexTable } from '../case-index/migration';
import { createCaseloadIndex } from '../caseload/migration';
import { createComplianceReportTables } from '../compliance-report/migration';
import {
  createEntitlementsDueIndex,
  createEntitlementsTable,
  createJourneysTable,
} from '../journeys/migration';

/**
 * Versioned read-model migrations, applied in name order at start. Never edit what one creates
 * once shipped: add the next. Each body is composed from the read models' own folders, creating
 * the same tables and indexes in the same order. Read models can always be rebuilt from the events.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-001-read-models': {
    async up(db: Kysely<unknown>) {
      await createJourneysTable(db);
      await createEntitlementsTable(db);
      await createCaseIndexTable(db);
      await createParkedEventsTable(db);
      await createCheckpointsTable(db);
    },
  },
  // Once also created deadline scheduling's `notifications` outbox. That is now deadline
  // scheduling's own, under its own migrations, which create it only if this one has not already
  // (libs/deadline-scheduling/src/outbox-migrations.ts). The name stays: deployed databases
  // recorded it.
  '2026-11-23-002-notifications': {
    async up(db: Kysely<unknown>) {
      await createEntitlementsDueIndex(db);
    },
  },
  // Filled by the projector as it goes; an existing deployment fills it with a rebuild
  // (`npm run rebuild -- victim-journey`), as for any new read model.
  '2026-12-06-003-compliance-report': {
    async up(db: Kysely<unknown>) {
      await createComplianceReportTables(db);
    },
  },
  // The caseload at a million victims: its first page read from one index range, its total
  // counted from the index, where before every open entitlement of the area was read and sorted.
  '2026-12-06-004-caseload-index': {
    async up(db: Kysely<unknown>) {
      await createCaseloadIndex(db);
    },
  },
};

async function createParkedEventsTable(db: Kysely<unknown>): Promise<void> {
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
}

async function createCheckpointsTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checkpoints')
    .addColumn('projection', 'text', (c) => c.primaryKey())
    .addColumn('position', 'text', (c) => c.notNull())
    .execute();
}

/**
 * Applies `migrations` in name order, recorded in `<table>` and `<table>_lock` (Kysely's
 * defaults for the read models). Each owner of tables in this database has its own table, so
 * one migrator never finds another's history. `schema`: PostgreSQL only, where they live.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  schema?: string,
  owner: { name: string; migrations: Record<string, Migration>; table?: string } = {
    name: 'read-model',
    migrations: MIGRATIONS,
  },
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(owner.migrations) };
  const migrator = new Migrator({
    db,
    provider,
    ...(owner.table
      ? { migrationTableName: owner.table, migrationLockTableName: `${owner.table}_lock` }
      : {}),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely's migrator first lists every table of the database; a schema dropped meanwhile by
  // someone else (another deployment, a test) fails that listing with "does not exist". The
  // listing reads nothing of ours, so it is safe to ask again.
  for (let attempt = 1; attempt < 5 && isCatalogueRace(error); attempt += 1) {
    ({ error, results } = await migrator.migrateToLatest());
  }
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `${owner.name} migration ${failed?.migrationName ?? ''} failed: ${String(error)}`,
    );
  }
}

/** undefined_table or invalid_schema_name, raised while no migration of ours had run. */
function isCatalogueRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '42P01' || code === '3F000';
}
