import Database from 'better-sqlite3';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store';
import { assertAppendable } from '../append-checks';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import { expectedRevisionMatches } from '../expected-revision';

interface EventRow {
  global_position: number | bigint;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  event_type: string;
  data: string;
  metadata: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id       TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  event_id        TEXT    NOT NULL,
  event_type      TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  UNIQUE (stream_id, stream_revision),
  UNIQUE (stream_id, event_id)
);`;

/**
 * The embedded event store: one SQLite file. Writes are serialised by SQLite (BEGIN IMMEDIATE),
 * so global positions become visible in order with no gaps. WAL with synchronous=FULL means an
 * acknowledged append is on disk before we answer, and survives the process being killed.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly lastRevisionStmt: Database.Statement<[string], { rev: number | null }>;
  private readonly byEventIdStmt: Database.Statement<[string, string], EventRow>;
  private readonly insertStmt: Database.Statement<
    [string, number, string, string, string, string],
    EventRow
  >;
  private readonly readStreamStmt: Database.Statement<[string, number, number], EventRow>;
  private readonly readAllStmt: Database.Statement<[bigint, number], EventRow>;
  private readonly appendTx: (
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ) => AppendResult;

  /** `filename`: a path, or ':memory:' for a throwaway store. */
  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.db.defaultSafeIntegers(false);

    this.lastRevisionStmt = this.db.prepare(
      'SELECT MAX(stream_revision) AS rev FROM events WHERE stream_id = ?',
    );
    this.byEventIdStmt = this.db.prepare(
      'SELECT * FROM events WHERE stream_id = ? AND event_id = ?',
    );
    this.insertStmt = this.db.prepare(
      `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.readStreamStmt = this.db.prepare(
      `SELECT * FROM events WHERE stream_id = ? AND stream_revision >= ?
       ORDER BY stream_revision LIMIT ?`,
    );
    this.readAllStmt = this.db.prepare(
      'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    );
    this.readAllStmt.safeIntegers(true);

    const tx = this.db.transaction(
      (streamId: string, events: readonly NewEvent[], options: AppendOptions): AppendResult => {
        const existing = events.map((event) => this.byEventIdStmt.get(streamId, event.eventId));
        const found = existing.filter((row): row is EventRow => row !== undefined);
        if (found.length === events.length) {
          const { rev } = this.lastRevisionStmt.get(streamId) ?? { rev: null };
          return { outcome: 'duplicate', events: found.map(toRecorded), lastRevision: rev ?? -1 };
        }
        if (found.length > 0) {
          throw new EventIdConflictError(
            streamId,
            found.map((row) => row.event_id),
          );
        }
        const { rev } = this.lastRevisionStmt.get(streamId) ?? { rev: null };
        const expected = options.expectedRevision ?? 'any';
        if (!expectedRevisionMatches(expected, rev)) {
          throw new WrongExpectedRevisionError(streamId, expected, rev);
        }
        let revision = rev ?? -1;
        const stored = events.map((event) => {
          revision += 1;
          const row = this.insertStmt.get(
            streamId,
            revision,
            event.eventId,
            event.type,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata),
          );
          if (!row) throw new Error('insert returned no row');
          return toRecorded(row);
        });
        return { outcome: 'appended', events: stored, lastRevision: revision };
      },
    );
    this.appendTx = (streamId, events, options) => tx.immediate(streamId, events, options);
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    try {
      assertAppendable(streamId, events);
      return Promise.resolve(this.appendTx(streamId, events, options));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.readStreamStmt.all(
      streamId,
      options.fromRevision ?? 0,
      options.maxCount ?? -1,
    );
    return Promise.resolve(rows.map(toRecorded));
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const rows = this.readAllStmt.all(options.after ?? 0n, options.maxCount);
    return Promise.resolve(rows.map(toRecorded));
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    eventId: row.event_id,
    type: row.event_type,
    revision: Number(row.stream_revision),
    globalPosition: BigInt(row.global_position),
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as JsonObject,
  };
}
