import { escapeIdentifier, escapeLiteral, type Pool, type PoolClient } from 'pg';
import { openPostgresPool } from '@vj/postgres-pool';
import type { AuditLog } from '../audit-log';
import {
  type ChainHead,
  chainEntry,
  EMPTY_CHAIN,
  type HashText,
  verifyChain,
  type Verification,
} from '../chain';
import type { AuditEntry, AuditPage, AuditQuery, RecordedAuditEntry } from '../entry';
import { sha256 } from '../node/sha256';
import { AUDIT_COLUMNS, type AuditRow, listSql, pageOf, valuesOf } from '../row';

/** How many entries `verify` reads at a time. */
const VERIFY_PAGE = 5000;

export interface PostgresAuditLogOptions {
  connectionString: string;
  /** The audit trail's own schema, created if absent. */
  schema: string;
}

/**
 * The audit trail's table in its own schema, refusing UPDATE, DELETE and TRUNCATE by trigger.
 * Idempotent, run at every open under an advisory lock (so several processes may open at once);
 * a trigger dropped by hand comes back at the next open, and an edit made meanwhile is caught by
 * `verify`.
 */
function schemaSql(schema: string): string {
  const s = escapeIdentifier(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.audit_entries (
  sequence   bigint  PRIMARY KEY CHECK (sequence > 0),
  at         text    NOT NULL,
  subject    text,
  role       text,
  action     text    NOT NULL,
  outcome    text    NOT NULL,
  status     integer NOT NULL,
  victim_id  text,
  endpoint   text    NOT NULL,
  reason     text,
  request_id text    NOT NULL,
  prev_hash  text    NOT NULL UNIQUE,
  hash       text    NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS audit_entries_victim ON ${s}.audit_entries (victim_id, sequence);
CREATE INDEX IF NOT EXISTS audit_entries_subject ON ${s}.audit_entries (subject, sequence);
CREATE OR REPLACE FUNCTION ${s}.audit_entries_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE OR REPLACE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON ${s}.audit_entries
  FOR EACH ROW EXECUTE FUNCTION ${s}.audit_entries_append_only();
CREATE OR REPLACE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON ${s}.audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_entries_append_only();
`;
}

/**
 * The production audit trail, in PostgreSQL. Appends take turns twice over: one at a time in
 * this process (a promise queue, so a request does not hold a pooled connection waiting), and
 * across processes under a transaction advisory lock on the table; the unique previous hash
 * refuses a fork should either be bypassed.
 */
export class PostgresAuditLog implements AuditLog {
  private readonly table: string;
  private readonly lockName: string;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly hash: HashText,
  ) {
    this.table = `${escapeIdentifier(schema)}.audit_entries`;
    this.lockName = escapeLiteral(`${schema}.audit_entries`);
  }

  static async open(
    { connectionString, schema }: PostgresAuditLogOptions,
    hash: HashText = sha256,
  ): Promise<PostgresAuditLog> {
    const pool = openPostgresPool({ connectionString, max: 4 });
    const log = new PostgresAuditLog(pool, schema, hash);
    try {
      await log.inTransaction(async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(hashtext(${log.lockName}), 0)`);
        await client.query(schemaSql(schema));
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return log;
  }

  append(entry: AuditEntry): Promise<RecordedAuditEntry> {
    const appended = this.queue.then(() =>
      this.inTransaction(async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(hashtext(${this.lockName}), 1)`);
        const { rows } = await client.query<{ sequence: string; hash: string }>(
          `SELECT sequence, hash FROM ${this.table} ORDER BY sequence DESC LIMIT 1`,
        );
        const head: ChainHead = rows[0]
          ? { sequence: Number(rows[0].sequence), hash: rows[0].hash }
          : EMPTY_CHAIN;
        const recorded = chainEntry(this.hash, head, entry);
        await client.query(
          `INSERT INTO ${this.table} (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
          valuesOf(recorded),
        );
        return recorded;
      }),
    );
    // The next append waits for this one, whether it succeeded or not.
    this.queue = appended.catch(() => undefined);
    return appended;
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const { sql, values } = listSql(this.table, query, (i) => `$${i}`);
    const { rows } = await this.pool.query<AuditRow>(sql, values);
    return pageOf(rows, query.limit);
  }

  async verify(): Promise<Verification> {
    let head = EMPTY_CHAIN;
    let count = 0;
    for (;;) {
      const page = await this.list({ after: head.sequence, limit: VERIFY_PAGE });
      const result = verifyChain(this.hash, page.entries, head, count);
      if (!result.ok || page.nextAfter === null) return result;
      head = result.head;
      count = result.count;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
