import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReadModels } from '@vj/read-models';
import { readModelTables } from '../../../test/support/read-model-tables';
import { NOTIFICATION_OUTBOX_TENANT } from './kysely-notification-outbox';
import { OUTBOX_MIGRATIONS } from './outbox-table';

const entitlement = {
  victim_id: '3f1c2a4e-0d7b-5c61-9a8e-2b4d6f8a1c3e',
  entitlement_id: 'support-referral.e1',
  police_area: 'west-yorkshire',
  crime_reference: '13/000001/26',
  rule_id: 'support-referral',
  right_no: 4,
  edition: 'victims-code-2020',
  owed_by: 'police',
  enhanced: 0,
  status: 'breached',
  triggered_at: '2026-03-01T10:00:00Z',
  deadline_date: '2026-03-03',
  deadline_ends_at: '2026-03-04T00:00:00.000Z',
  fulfilled_at: null,
  working_days_late: null,
  body: '{}',
};

/** Which migrations each migration table records. */
function migrationHistory(file: string): Record<string, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const names = (table: string) =>
      (db.prepare(`SELECT name FROM ${table} ORDER BY name`).all() as { name: string }[]).map(
        (r) => r.name,
      );
    return {
      readModels: names('kysely_migration'),
      outbox: names('notification_outbox_migration'),
    };
  } finally {
    db.close();
  }
}

describe("the notification outbox's own migrations", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vj-outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('create its table on a new database, recorded apart from the read models', async () => {
    const file = join(dir, 'read-models.sqlite');
    const readModels = await ReadModels.openSqlite(file);
    const outbox = await readModels.host(NOTIFICATION_OUTBOX_TENANT);
    expect(await outbox.record('breach', entitlement, new Date('2026-03-04T00:00:01Z'))).toBe(
      `breach-${entitlement.victim_id}-${entitlement.entitlement_id}`,
    );
    await readModels.close();
    expect(migrationHistory(file)).toEqual({
      readModels: [
        '2026-11-23-001-read-models',
        '2026-11-23-002-notifications',
        '2026-12-06-003-compliance-report',
        '2026-12-06-004-caseload-index',
      ],
      outbox: Object.keys(OUTBOX_MIGRATIONS),
    });
  });

  it('keep what a database migrated before the outbox had them already holds', async () => {
    const file = join(dir, 'read-models.sqlite');
    // A database whose read-model migration 002 created the outbox, with a breach recorded.
    const before = await ReadModels.openSqlite(file);
    const tables = await readModelTables(before);
    await tables.schema
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
    await tables.schema
      .createIndex('notifications_entitlement')
      .on('notifications')
      .columns(['victim_id', 'entitlement_id', 'kind'])
      .execute();
    await tables.schema
      .createIndex('notifications_status')
      .on('notifications')
      .columns(['status', 'created_at'])
      .execute();
    const outboxBefore = await before.host({ ...NOTIFICATION_OUTBOX_TENANT, migrations: {} });
    await outboxBefore.record('breach', entitlement, new Date('2026-03-04T00:00:01Z'));
    await before.close();

    const after = await ReadModels.openSqlite(file);
    const outbox = await after.host(NOTIFICATION_OUTBOX_TENANT);
    // The breach recorded before is still the one: not recorded (and so not sent) again.
    expect(await outbox.record('breach', entitlement, new Date('2026-03-05T00:00:00Z'))).toBe(
      undefined,
    );
    expect(await outbox.list('pending', 10)).toEqual([
      expect.objectContaining({ kind: 'breach', created_at: '2026-03-04T00:00:01.000Z' }),
    ]);
    await after.close();
    expect(migrationHistory(file).outbox).toEqual(Object.keys(OUTBOX_MIGRATIONS));
  });
});
