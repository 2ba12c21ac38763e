import Database from 'better-sqlite3';
import type { AuditLog } from '../audit-log';
import { chainEntry, EMPTY_CHAIN, type HashText, verifyChain, type Verification } from '../chain';
import type { AuditEntry, AuditPage, AuditQuery, RecordedAuditEntry } from '../entry';
import { sha256 } from '../node/sha256';
import { AUDIT_COLUMNS, type AuditRow, entryOf, listSql, pageOf, valuesOf } from '../row';

/**
 * The table refuses UPDATE and DELETE by trigger. The triggers are made again at every open, so
 * one dropped by hand comes back; an edit made while it was gone is caught by `verify`.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_entries (
  sequence   INTEGER PRIMARY KEY CHECK (sequence > 0),
  at         TEXT    NOT NULL,
  subject    TEXT,
  role       TEXT,
  action     TEXT    NOT NULL,
  outcome    TEXT    NOT NULL,
  status     INTEGER NOT NULL,
  victim_id  TEXT,
  endpoint   TEXT    NOT NULL,
  reason     TEXT,
  request_id TEXT    NOT NULL,
  prev_hash  TEXT    NOT NULL UNIQUE,
  hash       TEXT    NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS audit_entries_victim ON audit_entries (victim_id, sequence);
CREATE INDEX IF NOT EXISTS audit_entries_subject ON audit_entries (subject, sequence);
CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;

/**
 * The embedded audit trail: `DATA_DIR/audit.sqlite`. Each append reads the head and inserts
 * after it in one IMMEDIATE transaction, so writers (in this process or another) take turns;
 * the unique previous hash would refuse a fork if they did not.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly db: Database.Database;
  private readonly headStmt: Database.Statement<[], { sequence: number; hash: string }>;
  private readonly insertStmt: Database.Statement<(string | number | null)[]>;
  private readonly appendTx: (entry: AuditEntry) => RecordedAuditEntry;

  /** `filename`: a path, or ':memory:'. */
  constructor(
    filename: string,
    private readonly hash: HashText = sha256,
  ) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.headStmt = this.db.prepare(
      'SELECT sequence, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1',
    );
    this.insertStmt = this.db.prepare(
      `INSERT INTO audit_entries (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
    );
    const tx = this.db.transaction((entry: AuditEntry) => {
      const recorded = chainEntry(this.hash, this.headStmt.get() ?? EMPTY_CHAIN, entry);
      this.insertStmt.run(...valuesOf(recorded));
      return recorded;
    });
    this.appendTx = (entry) => tx.immediate(entry);
  }

  append(entry: AuditEntry): Promise<RecordedAuditEntry> {
    return Promise.resolve().then(() => this.appendTx(entry));
  }

  list(query: AuditQuery): Promise<AuditPage> {
    const { sql, values } = listSql('audit_entries', query, () => '?');
    return Promise.resolve().then(() =>
      pageOf(this.db.prepare<unknown[], AuditRow>(sql).all(...values), query.limit),
    );
  }

  verify(): Promise<Verification> {
    return Promise.resolve().then(() => {
      const rows = this.db
        .prepare<[], AuditRow>('SELECT * FROM audit_entries ORDER BY sequence')
        .iterate();
      return verifyChain(this.hash, mapped(rows));
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

function* mapped(rows: Iterable<AuditRow>): Iterable<RecordedAuditEntry> {
  for (const row of rows) yield entryOf(row);
}
