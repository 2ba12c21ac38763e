import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { POSTGRES_URL } from '../../../test/support/server-urls';
import type { AuditLog } from './audit-log';
import type { AuditEntry } from './entry';
import { PostgresAuditLog } from './postgres/postgres-audit-log';
import { SqliteAuditLog } from './sqlite/sqlite-audit-log';

/** Run raw SQL against the store behind an adapter, as someone with the database's keys would. */
interface StoreUnderTest {
  open(): Promise<AuditLog>;
  sql(statement: string): Promise<void>;
  /** Drops the triggers that keep the table append-only. */
  dropTriggers(): Promise<void>;
  table: string;
  cleanUp(): Promise<void>;
}

function sqliteStore(): StoreUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'vj-audit-'));
  const file = join(dir, 'audit.sqlite');
  // A rejected promise, not a throw, when the store refuses: as the PostgreSQL one answers.
  const sql = (statement: string) =>
    Promise.resolve().then(() => {
      const db = new Database(file);
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    });
  return {
    open: () => Promise.resolve(new SqliteAuditLog(file)),
    sql,
    dropTriggers: () =>
      sql('DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;'),
    table: 'audit_entries',
    cleanUp: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

function postgresStore(): StoreUnderTest {
  const schema = `audit_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const sql = async (statement: string) => {
    const client = new Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    open: () => PostgresAuditLog.open({ connectionString: POSTGRES_URL, schema }),
    sql,
    dropTriggers: () =>
      sql(
        `DROP TRIGGER audit_entries_no_update ON ${schema}.audit_entries; DROP TRIGGER audit_entries_no_truncate ON ${schema}.audit_entries;`,
      ),
    table: `${schema}.audit_entries`,
    cleanUp: () => sql(`DROP SCHEMA ${schema} CASCADE`),
  };
}

const read = (n: number, victimId = `victim-${n % 3}`): AuditEntry => ({
  at: new Date(Date.UTC(2026, 2, 10, 12, 0, n)).toISOString(),
  subject: n % 2 ? 'police-west-yorkshire' : 'cps-yorkshire-humberside',
  role: n % 2 ? 'police' : 'cps',
  action: 'read-stream',
  outcome: 'allowed',
  status: 200,
  victimId,
  endpoint: 'GET /v1/victims/:victimId/events',
  reason: null,
  requestId: `request-${n}`,
});

describe.each([
  ['SQLite', sqliteStore],
  ['PostgreSQL', postgresStore],
])('the %s audit trail', (_, storeOf) => {
  let store: StoreUnderTest;
  let log: AuditLog;

  beforeEach(async () => {
    store = storeOf();
    log = await store.open();
  });

  afterEach(async () => {
    await log.close();
    await store.cleanUp();
  });

  /**
   * What the store answered a statement: its error message, or 'accepted'. Compared as text: a
   * better-sqlite3 error made in another test file's realm is no `Error` of this one to jest.
   */
  const answerTo = (statement: string) =>
    store.sql(statement).then(
      () => 'accepted',
      (error: unknown) => String((error as { message?: unknown }).message),
    );

  const appendReads = async (n: number) => {
    for (let i = 1; i <= n; i += 1) await log.append(read(i));
  };

  it('numbers entries from 1 and links each to the one before', async () => {
    const first = await log.append(read(1));
    const second = await log.append(read(2));
    expect(first).toMatchObject({ sequence: 1, ...read(1) });
    expect(second).toMatchObject({ sequence: 2, prevHash: first.hash });
    expect(await log.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('keeps one chain, without forks, under concurrent appends', async () => {
    const recorded = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(read(i))));
    expect(recorded.map((e) => e.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(await log.verify()).toMatchObject({ ok: true, count: 20 });
  });

  it('keeps one chain when two logs append to the same store at once', async () => {
    const other = await store.open();
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? log : other).append(read(i))),
      );
    } finally {
      await other.close();
    }
    expect(await log.verify()).toMatchObject({ ok: true, count: 10 });
  });

  it('lists by victim, subject and period, a page at a time', async () => {
    await appendReads(9);
    const byVictim = await log.list({ victimId: 'victim-1', limit: 2 });
    expect(byVictim.entries.map((e) => e.sequence)).toEqual([1, 4]);
    expect(byVictim.nextAfter).toBe(4);
    const next = await log.list({ victimId: 'victim-1', limit: 2, after: 4 });
    expect(next).toMatchObject({ entries: [{ sequence: 7 }], nextAfter: null });
    const bySubject = await log.list({ subject: 'cps-yorkshire-humberside', limit: 100 });
    expect(bySubject.entries.map((e) => e.sequence)).toEqual([2, 4, 6, 8]);
    const period = await log.list({ from: read(3).at, to: read(5).at, limit: 100 });
    expect(period.entries.map((e) => e.sequence)).toEqual([3, 4]);
  });

  it('refuses to change or remove an entry', async () => {
    await appendReads(3);
    expect(await answerTo(`UPDATE ${store.table} SET victim_id = 'x'`)).toMatch(/append-only/);
    expect(await answerTo(`DELETE FROM ${store.table} WHERE sequence = 2`)).toMatch(/append-only/);
    expect(await log.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('fails verification at the entry altered by someone who dropped the triggers', async () => {
    await appendReads(5);
    await store.dropTriggers();
    await store.sql(`UPDATE ${store.table} SET victim_id = 'someone-else' WHERE sequence = 3`);
    expect(await log.verify()).toEqual({
      ok: false,
      sequence: 3,
      reason: 'its content does not match its hash',
    });
  });

  it('fails verification where an entry was removed with the triggers dropped', async () => {
    await appendReads(5);
    await store.dropTriggers();
    await store.sql(`DELETE FROM ${store.table} WHERE sequence = 2`);
    expect(await log.verify()).toMatchObject({ ok: false, sequence: 2 });
  });

  it('puts the triggers back when opened again', async () => {
    await appendReads(1);
    await store.dropTriggers();
    const reopened = await store.open();
    await reopened.close();
    expect(await answerTo(`DELETE FROM ${store.table}`)).toMatch(/append-only/);
  });
});
