import type { Kysely } from 'kysely';
import type { OutboxDatabase } from '@vj/deadline-scheduling';
import type { ReadModels, ReadModelDatabase } from '@vj/read-models';

/**
 * The read models' tables (and the outbox's) for tests that set up or inspect rows directly,
 * through the store's tenant door, as any other owner of tables in that database would come in.
 */
export function readModelTables(
  readModels: ReadModels,
): Promise<Kysely<ReadModelDatabase & OutboxDatabase>> {
  return readModels.host({
    name: 'test-support',
    migrationTable: 'test_support_migration',
    migrations: {},
    open: (db: Kysely<ReadModelDatabase & OutboxDatabase>) => db,
  });
}
