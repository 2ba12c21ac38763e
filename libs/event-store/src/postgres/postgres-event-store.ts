import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { escapeIdentifier, escapeLiteral, type Pool, type QueryResultRow } from 'pg';
import { openPostgresPool } from '@vj/postgres-pool';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store';
import { assertAppendable, normaliseEventId } from '../append-checks';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import { GroupCommit, type GroupOutcome } from '../group-commit';

/** How long `readAll` waits, by default, for committed events held back by older transactions. */
const DEFAULT_SETTLE_TIMEOUT_MS = 500;
/** Longest pause between two looks at the visibility horizon while `readAll` waits. */
const MAX_SETTLE_POLL_MS = 20;
/** The largest `integer` (stream revisions are int4). */
const MAX_INT4 = 2_147_483_647;
/** Sent as the expected revision when the one given can match no stream (negative, too big). */
const UNMATCHABLE_REVISION = -2;
const DEFAULT_MAX_GROUP_SIZE = 256;
const DEFAULT_MAX_GROUPS_IN_FLIGHT = 2;
/** SQLSTATE classes of an error one append's data can cause (data exception, integrity). */
const ONE_APPENDS_FAULT = /^2[23]/;

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
}

export interface PostgresEventStoreOptions {
  /** e.g. `postgres://user@host:5432/db`; not needed when `pool` is given. */
  connectionString?: string;
  /** Where the events table lives; created if absent by `open`. Default `public`. */
  schema?: string;
  /** A pool to use instead of one of our own; `close` then leaves it open. */
  pool?: Pool;
  /**
   * How long `readAll` waits for committed events that are not yet readable because a
   * transaction that began before them is still running (see `readAll`). Default 500 ms.
   */
  settleTimeoutMs?: number;
  /** The most appends one statement (one commit) carries. Default 256. */
  maxGroupSize?: number;
  /** How many groups may be committing at once, each on a connection of the pool. Default 2. */
  maxGroupsInFlight?: number;
}

/**
 * The schema of the PostgreSQL event store in `schema`: idempotent, safe to run at every start
 * and from several processes at once (it takes a lock for the length of its transaction; run it
 * as one transaction, as a multi-statement query is). Meant to become the first versioned
 * migration.
 *
 * - `events`: one row per event. `transaction_id` is the id of the transaction that stored it,
 *   which `readAll` compares with the visibility horizon (see `PostgresEventStore.readAll`).
 *   The primary key on `global_position` is the index `readAll` reads in order; the unique
 *   constraints are the stream index (`readStream`, last revision) and the event id index
 *   (retries).
 * - `events_append(...)`: one append, as one statement (so one round trip, one transaction).
 *   See the `PostgresEventStore` comment for how it keeps streams and the global order
 *   consistent.
 */
/**
 * The event store's versioned migrations, applied in order at open, each once (recorded in
 * `<schema>.event_store_migrations`), under an advisory lock so several processes may open at
 * once. Never edit one that has shipped: add the next.
 */
const MIGRATIONS: readonly { name: string; sql: (schema: string) => string }[] = [
  { name: '2026-11-23-001-events', sql: (schema) => postgresEventStoreSchema(schema) },
  { name: '2026-12-06-002-events-append-group', sql: (schema) => eventsAppendGroup(schema) },
];

async function migrate(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  const s = escapeIdentifier(schema);
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${lockKeys(schema).ddl}, 1)`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.event_store_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string }>(
      `SELECT name FROM ${s}.event_store_migrations`,
    );
    const applied = new Set(rows.map((r) => r.name));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.name)) continue;
      await client.query(migration.sql(schema));
      await client.query(`INSERT INTO ${s}.event_store_migrations (name) VALUES ($1)`, [
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function postgresEventStoreSchema(schema: string): string {
  const s = escapeIdentifier(schema);
  const keys = lockKeys(schema);
  return `
SELECT pg_advisory_xact_lock(${keys.ddl}, 0);

CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.events (
  global_position bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id       text        NOT NULL,
  stream_revision integer     NOT NULL CHECK (stream_revision >= 0),
  event_id        uuid        NOT NULL,
  event_type      text        NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, stream_revision),
  CONSTRAINT events_stream_event_id_key UNIQUE (stream_id, event_id)
);

-- p_expected_revision: NULL for any, -1 for no stream, else the stream's last revision.
-- Answers rows of one outcome: 'appended' (the new events), 'duplicate' (the batch was stored
-- before: the stored events), 'conflict' (some of its ids were: those events) or
-- 'wrong-revision' (one row, no event). last_revision: the stream's, NULL when no stream.
CREATE OR REPLACE FUNCTION ${s}.events_append(
  p_stream_id text,
  p_expected_revision integer,
  p_event_ids uuid[],
  p_event_types text[],
  p_data jsonb[],
  p_metadata jsonb[]
) RETURNS TABLE (
  outcome text,
  last_revision integer,
  global_position bigint,
  stream_revision integer,
  event_id uuid,
  event_type text,
  data jsonb,
  metadata jsonb
) LANGUAGE plpgsql AS $events_append$
#variable_conflict use_column
DECLARE
  v_last integer;
  v_stored integer;
BEGIN
  -- Positions follow transaction ids only if the id is taken under the positions lock below.
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'events_append must be the first write of its transaction';
  END IF;

  -- Appends to one stream, one at a time until commit: what we read next is the stream as it is.
  PERFORM pg_advisory_xact_lock(${keys.stream}, hashtext(p_stream_id));

  SELECT max(e.stream_revision) INTO v_last FROM ${s}.events e WHERE e.stream_id = p_stream_id;
  SELECT count(*) INTO v_stored FROM ${s}.events e
    WHERE e.stream_id = p_stream_id AND e.event_id = ANY (p_event_ids);

  IF v_stored > 0 THEN
    RETURN QUERY
      SELECT CASE WHEN v_stored = cardinality(p_event_ids) THEN 'duplicate' ELSE 'conflict' END,
             v_last, e.global_position, e.stream_revision, e.event_id, e.event_type, e.data,
             e.metadata
        FROM ${s}.events e
       WHERE e.stream_id = p_stream_id AND e.event_id = ANY (p_event_ids);
    RETURN;
  END IF;

  IF p_expected_revision IS NOT NULL AND p_expected_revision <> coalesce(v_last, -1) THEN
    RETURN QUERY SELECT 'wrong-revision', v_last, NULL::bigint, NULL::integer, NULL::uuid,
                        NULL::text, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;

  -- The positions lock: this transaction's id and all of its positions are taken while no other
  -- append takes any, so a transaction with a smaller id has only smaller positions. It is a
  -- session lock, released as soon as the rows are in (not at commit, so that commits still
  -- overlap), and on any error.
  BEGIN
    PERFORM pg_advisory_lock(${keys.positions}, 0);
    PERFORM pg_current_xact_id();
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO ${s}.events AS e
               (stream_id, stream_revision, event_id, event_type, data, metadata)
        SELECT p_stream_id, coalesce(v_last, -1) + b.n::integer, b.event_id, b.event_type,
               b.data, b.metadata
          FROM unnest(p_event_ids, p_event_types, p_data, p_metadata)
               WITH ORDINALITY AS b (event_id, event_type, data, metadata, n)
         ORDER BY b.n
        RETURNING e.global_position, e.stream_revision, e.event_id, e.event_type, e.data,
                  e.metadata
      )
      SELECT 'appended', coalesce(v_last, -1) + cardinality(p_event_ids), i.global_position,
             i.stream_revision, i.event_id, i.event_type, i.data, i.metadata
        FROM inserted i;
    PERFORM pg_advisory_unlock(${keys.positions}, 0);
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    PERFORM pg_advisory_unlock(${keys.positions}, 0);
    RAISE;
  END;
END
$events_append$;
`;
}

/**
 * `events_append_group(...)`: several appends as one statement, so one transaction and one
 * durable commit (group commit). Append i is `p_stream_ids[i]` at `p_expected_revisions[i]` (as
 * in `events_append`) with the next `p_counts[i]` entries of the flat event arrays. Each append
 * is checked on its own, after the appends before it in the group, exactly as if they had run
 * one after the other; a refused one stores nothing and does not affect the others. Answers
 * `events_append`'s rows, each with the (1-based) index of its append.
 *
 * Locks: every stream lock of the group first, in one order (of the lock key) that every group
 * follows, so two groups never wait for each other in a cycle; then the positions lock, taken at
 * the first insert and held until the last, so the group's transaction id and all its positions
 * are taken while no other append takes any (see `events_append`).
 */
function eventsAppendGroup(schema: string): string {
  const s = escapeIdentifier(schema);
  const keys = lockKeys(schema);
  return `
CREATE FUNCTION ${s}.events_append_group(
  p_stream_ids text[],
  p_expected_revisions integer[],
  p_counts integer[],
  p_event_ids uuid[],
  p_event_types text[],
  p_data jsonb[],
  p_metadata jsonb[]
) RETURNS TABLE (
  append_index integer,
  outcome text,
  last_revision integer,
  global_position bigint,
  stream_revision integer,
  event_id uuid,
  event_type text,
  data jsonb,
  metadata jsonb
) LANGUAGE plpgsql AS $events_append_group$
#variable_conflict use_column
DECLARE
  v_key integer;
  v_i integer;
  v_from integer := 1;
  v_to integer;
  v_stream text;
  v_ids uuid[];
  v_last integer;
  v_stored integer;
  v_positions_locked boolean := false;
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'events_append_group must be the first write of its transaction';
  END IF;

  FOR v_key IN SELECT DISTINCT hashtext(id) FROM unnest(p_stream_ids) AS id ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(${keys.stream}, v_key);
  END LOOP;

  BEGIN
    FOR v_i IN 1 .. coalesce(cardinality(p_stream_ids), 0) LOOP
      v_stream := p_stream_ids[v_i];
      v_to := v_from + p_counts[v_i] - 1;
      v_ids := p_event_ids[v_from:v_to];

      SELECT max(e.stream_revision) INTO v_last FROM ${s}.events e WHERE e.stream_id = v_stream;
      SELECT count(*) INTO v_stored FROM ${s}.events e
        WHERE e.stream_id = v_stream AND e.event_id = ANY (v_ids);

      IF v_stored > 0 THEN
        RETURN QUERY
          SELECT v_i,
                 CASE WHEN v_stored = cardinality(v_ids) THEN 'duplicate' ELSE 'conflict' END,
                 v_last, e.global_position, e.stream_revision, e.event_id, e.event_type, e.data,
                 e.metadata
            FROM ${s}.events e
           WHERE e.stream_id = v_stream AND e.event_id = ANY (v_ids);
      ELSIF p_expected_revisions[v_i] IS NOT NULL
            AND p_expected_revisions[v_i] <> coalesce(v_last, -1) THEN
        RETURN QUERY SELECT v_i, 'wrong-revision', v_last, NULL::bigint, NULL::integer,
                            NULL::uuid, NULL::text, NULL::jsonb, NULL::jsonb;
      ELSE
        IF NOT v_positions_locked THEN
          PERFORM pg_advisory_lock(${keys.positions}, 0);
          v_positions_locked := true;
          PERFORM pg_current_xact_id();
        END IF;
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO ${s}.events AS e
                   (stream_id, stream_revision, event_id, event_type, data, metadata)
            SELECT v_stream, coalesce(v_last, -1) + b.n::integer, b.event_id, b.event_type,
                   b.data, b.metadata
              FROM unnest(v_ids, p_event_types[v_from:v_to], p_data[v_from:v_to],
                          p_metadata[v_from:v_to])
                   WITH ORDINALITY AS b (event_id, event_type, data, metadata, n)
             ORDER BY b.n
            RETURNING e.global_position, e.stream_revision, e.event_id, e.event_type, e.data,
                      e.metadata
          )
          SELECT v_i, 'appended', coalesce(v_last, -1) + cardinality(v_ids), i.global_position,
                 i.stream_revision, i.event_id, i.event_type, i.data, i.metadata
            FROM inserted i;
      END IF;
      v_from := v_to + 1;
    END LOOP;
    IF v_positions_locked THEN
      PERFORM pg_advisory_unlock(${keys.positions}, 0);
    END IF;
  EXCEPTION WHEN OTHERS OR query_canceled THEN
    IF v_positions_locked THEN
      PERFORM pg_advisory_unlock(${keys.positions}, 0);
    END IF;
    RAISE;
  END;
END
$events_append_group$;
`;
}

/** Advisory lock keys (first halves), distinct per schema so that two stores never contend. */
function lockKeys(schema: string) {
  const key = (purpose: string) => `hashtext(${escapeLiteral(`${schema}.events ${purpose}`)})`;
  return { ddl: key('schema'), stream: key('stream'), positions: key('positions') };
}

type Statement = 'appendGroup' | 'readStream' | 'readAll' | 'horizonPassed';

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  event_type: string;
  data: JsonObject;
  metadata: JsonObject;
}

interface ReadAllRow extends EventRow {
  transaction_id: string;
  settled: boolean;
}

interface AppendRow {
  append_index: number;
  outcome: 'appended' | 'duplicate' | 'conflict' | 'wrong-revision';
  last_revision: number | null;
  global_position: string | null;
  stream_revision: number | null;
  event_id: string | null;
  event_type: string | null;
  data: JsonObject | null;
  metadata: JsonObject | null;
}

/**
 * The PostgreSQL event store: one `events` table in a schema of its own choosing, on a pool.
 *
 * Appends (`events_append_group`, one statement for a group of appends):
 * - Group commit: the appends asked for while the process is busy (in one turn of the event
 *   loop, or while `maxGroupsInFlight` groups are committing) go as one statement, so one
 *   transaction and one durable commit; each is answered after that commit. Each append of a
 *   group is checked on its own, in order, as if the appends had run one after the other.
 * - Appends to one stream are serialised by a transaction-level advisory lock on the stream id
 *   (`pg_advisory_xact_lock`), held until commit. Under it the function reads the stream's last
 *   revision and which of the batch's ids it holds, and decides: duplicate, conflict, wrong
 *   revision, or insert at the next revisions. We lock rather than rely on the unique
 *   (stream_id, stream_revision) constraint and retry: the lock makes the check exact in one
 *   round trip, two racing appends at one expected revision simply queue (the second then sees
 *   the first's events and fails its check), and appends with 'any' never retry. The unique
 *   constraints stay as a safety net. Two stream ids with one hash merely queue.
 * - The batch is inserted by one INSERT ... SELECT FROM unnest(...), revisions contiguous from
 *   the last one, positions in batch order.
 *
 * Global order with no gaps (`readAll`): positions are taken at insert time but transactions
 * commit in any order, so a reader could see position 12 before 11 commits and then skip 11
 * for ever. Each event records the id of the transaction that stored it, and `readAll` reads
 * an event only once its transaction id is below `pg_snapshot_xmin(pg_current_snapshot())`:
 * the oldest transaction (of the whole server) still running when the read started. For that to
 * be enough, a transaction with a smaller id must have only smaller positions. That does not
 * hold by itself: a batch takes its positions one row at a time, so two concurrent batches
 * interleave, and the one with the smaller transaction id could commit first with a position
 * above one of the other's. So `events_append` takes its transaction id and all its positions
 * under a short lock (the positions lock, released once the rows are in, before commit). Then:
 * if an event at position p is read, any event before p belongs to a transaction with an id no
 * greater, hence below the horizon, hence finished: it is visible now or never will be. And an
 * event held back belongs to a transaction at or above the horizon, whose positions all come
 * after those of the transactions below it. This holds only if every write goes through
 * `events_append` or `events_append_group` (which takes the lock once for its whole group). (Emmett's PostgreSQL store uses the same horizon but orders by transaction
 * id, then position, instead of taking the lock: a single bigint position cannot express that.)
 *
 * The horizon is the whole server's: a long transaction anywhere, even in another database,
 * holds back every event appended after it began until it ends. `readAll` waits a little for
 * events so held back (`settleTimeoutMs`), which is what a reader catching up to an append it
 * has just made needs, and then returns what can be read.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly settleTimeoutMs: number;
  /** Named, so each connection parses and plans them once. */
  private readonly statements: Record<Statement, { name: string; text: string }>;
  private readonly groupCommit: GroupCommit<PendingAppend, AppendResult>;
  private closed = false;

  constructor(options: PostgresEventStoreOptions) {
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      if (!options.connectionString) {
        throw new Error('PostgresEventStore needs a connectionString or a pool');
      }
      this.pool = openPostgresPool({ connectionString: options.connectionString });
      this.ownsPool = true;
    }
    this.settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS;
    const schema = options.schema ?? 'public';
    const s = escapeIdentifier(schema);
    const columns =
      'global_position, stream_id, stream_revision, event_id, event_type, data, metadata';
    const texts: Record<Statement, string> = {
      appendGroup: `SELECT * FROM ${s}.events_append_group($1::text[], $2::integer[], $3::integer[],
        $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])`,
      readStream: `SELECT ${columns} FROM ${s}.events
        WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision LIMIT $3`,
      readAll: `SELECT ${columns}, transaction_id::text AS transaction_id,
          transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS settled
        FROM ${s}.events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      horizonPassed: 'SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS passed',
    };
    // one name per schema and statement: stores of two schemas may share a pool
    const tag = createHash('sha256').update(schema).digest('hex').slice(0, 16);
    const named = (statement: Statement) => ({
      name: `vj_events_${statement}_${tag}`,
      text: texts[statement],
    });
    this.statements = {
      appendGroup: named('appendGroup'),
      readStream: named('readStream'),
      readAll: named('readAll'),
      horizonPassed: named('horizonPassed'),
    };
    this.groupCommit = new GroupCommit((group) => this.commitGroup(group), {
      maxGroupSize: options.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE,
      maxGroupsInFlight: options.maxGroupsInFlight ?? DEFAULT_MAX_GROUPS_IN_FLIGHT,
    });
  }

  /** Opens the store, creating its schema, table and function if absent. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await migrate(store.pool, options.schema ?? 'public');
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    try {
      assertAppendable(streamId, events);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.groupCommit.submit({
      streamId,
      events,
      expected: options.expectedRevision ?? 'any',
    });
  }

  /**
   * One statement for the whole group, so one transaction: on an error nothing of it is stored,
   * and the pool discards the connection, so nothing it held (such as the positions lock)
   * outlives it. An error one append's own data can cause (a value PostgreSQL refuses) would
   * otherwise refuse the whole group: the group's appends are then tried again one by one, so
   * that only that append is refused.
   */
  private async commitGroup(group: PendingAppend[]): Promise<GroupOutcome<AppendResult>[]> {
    let rows: AppendRow[];
    try {
      rows = await this.query<AppendRow>('appendGroup', groupParams(group));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (group.length === 1 || typeof code !== 'string' || !ONE_APPENDS_FAULT.test(code)) {
        throw error;
      }
      // one after the other, in the group's order, as they would have been stored together
      const outcomes: GroupOutcome<AppendResult>[] = [];
      for (const append of group) {
        try {
          const [outcome] = await this.commitGroup([append]);
          if (!outcome) throw new Error(`stream ${append.streamId}: the append answered nothing`);
          outcomes.push(outcome);
        } catch (alone) {
          outcomes.push({
            ok: false,
            error: alone instanceof Error ? alone : new Error(String(alone)),
          });
        }
      }
      return outcomes;
    }
    const byAppend = group.map((): AppendRow[] => []);
    for (const row of rows) byAppend[row.append_index - 1]?.push(row);
    return group.map((append, i) => {
      try {
        return { ok: true, value: appendResult(append, byAppend[i] ?? []) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const rows = await this.query<EventRow>('readStream', [
      streamId,
      options.fromRevision ?? 0,
      options.maxCount ?? null,
    ]);
    return rows.map((row) => toRecorded(row.stream_id, row));
  }

  /**
   * Events in global order, only those whose transaction id is below the visibility horizon
   * (see the class comment): the page ends before the first event that is not, even when events
   * after it are. When a page is cut short so, we wait (up to `settleTimeoutMs`) for the horizon
   * to pass the events it held back, then read once more; events appended meanwhile are not
   * waited for. A transaction of ours that is still open is never waited for in vain: appends
   * are single statements.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, maxCount } = options;
    if (maxCount <= 0) return [];
    const params = [(after ?? 0n).toString(), maxCount];

    let page = await this.query<ReadAllRow>('readAll', params);
    const heldBack = page.filter((row) => !row.settled);
    if (heldBack.length > 0 && this.settleTimeoutMs > 0) {
      const newest = heldBack.reduce((max, row) => {
        const id = BigInt(row.transaction_id);
        return id > max ? id : max;
      }, 0n);
      if (await this.waitForHorizonPast(newest)) {
        page = await this.query<ReadAllRow>('readAll', params);
      }
    }

    const settled = page.findIndex((row) => !row.settled);
    return (settled === -1 ? page : page.slice(0, settled)).map((row) =>
      toRecorded(row.stream_id, row),
    );
  }

  /** Commits the appends already asked for, then lets the pool go (if it is ours). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.groupCommit.drain();
    if (this.ownsPool) await this.pool.end();
  }

  private async query<R extends QueryResultRow>(
    statement: Statement,
    values: unknown[],
  ): Promise<R[]> {
    return (await this.pool.query<R>({ ...this.statements[statement], values })).rows;
  }

  /** Whether every transaction up to `transactionId` ended within `settleTimeoutMs`. */
  private async waitForHorizonPast(transactionId: bigint): Promise<boolean> {
    // A duration, not a time of day: the monotonic timer, which no clock change moves.
    const deadline = performance.now() + this.settleTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, MAX_SETTLE_POLL_MS)) {
      const rows = await this.query<{ passed: boolean }>('horizonPassed', [
        transactionId.toString(),
      ]);
      if (rows[0]?.passed) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await sleep(Math.min(pause, left));
    }
  }
}

/** `events_append_group`'s parameters: per append, then the events of all, flat, in order. */
function groupParams(group: readonly PendingAppend[]): unknown[] {
  const events = group.flatMap((append) => append.events);
  return [
    group.map((append) => append.streamId),
    group.map((append) => expectedRevisionParam(append.expected)),
    group.map((append) => append.events.length),
    events.map((event) => event.eventId),
    events.map((event) => event.type),
    events.map((event) => JSON.stringify(event.data)),
    events.map((event) => JSON.stringify(event.metadata)),
  ];
}

/** What one append's rows of `events_append_group` mean; throws the error of a refused one. */
function appendResult(
  { streamId, events, expected }: PendingAppend,
  rows: AppendRow[],
): AppendResult {
  const first = rows[0];
  if (!first) throw new Error(`stream ${streamId}: the append answered nothing`);
  const batchIds = events.map((event) => event.eventId);
  const lastRevision = first.last_revision;
  switch (first.outcome) {
    case 'wrong-revision':
      throw new WrongExpectedRevisionError(streamId, expected, lastRevision);
    case 'conflict': {
      const stored = new Set(rows.map((row) => normaliseEventId(row.event_id ?? '')));
      throw new EventIdConflictError(
        streamId,
        batchIds.filter((id) => stored.has(normaliseEventId(id))),
      );
    }
    case 'duplicate': {
      const byId = new Map(rows.map((row) => [normaliseEventId(row.event_id ?? ''), row]));
      return {
        outcome: 'duplicate',
        events: batchIds.map((id) => toRecorded(streamId, byId.get(normaliseEventId(id)))),
        lastRevision: lastRevision ?? -1,
      };
    }
    case 'appended': {
      const appended = rows
        .map((row) => toRecorded(streamId, row))
        .sort((a, b) => a.revision - b.revision);
      return { outcome: 'appended', events: appended, lastRevision: lastRevision ?? -1 };
    }
    default: {
      const unknown: never = first.outcome;
      throw new Error(`stream ${streamId}: unknown append outcome ${String(unknown)}`);
    }
  }
}

/** `events_append`'s expected revision: NULL any, -1 no stream, else a revision (see there). */
function expectedRevisionParam(expected: ExpectedRevision): number | null {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return -1;
  // a revision no stream can have is never met, whatever the stream's state
  return Number.isInteger(expected) && expected >= 0 && expected <= MAX_INT4
    ? expected
    : UNMATCHABLE_REVISION;
}

function toRecorded(streamId: string, row: EventRow | AppendRow | undefined): RecordedEvent {
  if (
    !row ||
    row.global_position === null ||
    row.stream_revision === null ||
    row.event_id === null ||
    row.event_type === null ||
    row.data === null ||
    row.metadata === null
  ) {
    throw new Error(`stream ${streamId}: PostgreSQL answered an incomplete event`);
  }
  return {
    streamId,
    eventId: row.event_id,
    type: row.event_type,
    revision: row.stream_revision,
    globalPosition: BigInt(row.global_position),
    data: row.data,
    metadata: row.metadata,
  };
}

/** PostgreSQL gives UUIDs back lowercase. */
