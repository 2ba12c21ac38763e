/**
 * The event store port. Every adapter (embedded SQLite, EventStoreDB, later PostgreSQL) passes
 * the one contract suite in `libs/event-store/test/event-store.contract.ts`.
 *
 * - A stream's revisions are contiguous from 0.
 * - Every event has a global position; `readAll` returns events of every victim stream in that
 *   order, and a reader never sees a later position before an earlier one.
 * - An append is atomic: all of its events are stored, or none.
 * - Retrying an append whose event ids are all already in the stream stores nothing and returns
 *   the events as first stored (`outcome: 'duplicate'`), whatever revision was expected.
 */

/** JSON-compatible values only: what every adapter can store and give back unchanged. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface NewEvent {
  /** A UUID, unique within the stream; the idempotency key of the append. */
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

export interface RecordedEvent {
  streamId: string;
  eventId: string;
  type: string;
  /** Position within the stream, from 0. */
  revision: number;
  /** Position across every stream; increases in the order readers see events. */
  globalPosition: bigint;
  data: JsonObject;
  metadata: JsonObject;
}

/** `'no-stream'`: the stream must not exist yet. `'any'`: no check. A number: the last revision. */
export type ExpectedRevision = number | 'no-stream' | 'any';

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  outcome: 'appended' | 'duplicate';
  /** The events in the order given, as stored (for a duplicate, as first stored). */
  events: RecordedEvent[];
  /** The stream's last revision after the append. */
  lastRevision: number;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events after this global position; from the start when absent. */
  after?: bigint;
  maxCount: number;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** Events of one stream from a revision on; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every victim stream in global order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export const VICTIM_STREAM_PREFIX = 'victim-';

/**
 * Every victim stream's events in global order, a page at a time, from after a position: what a
 * reader that walks the whole store (a forecast, a count) holds in memory is one page.
 */
export async function* pagesOfAll(
  store: EventStore,
  maxCount: number,
  after?: bigint,
): AsyncGenerator<RecordedEvent[]> {
  let position = after;
  for (;;) {
    const page = await store.readAll({
      ...(position !== undefined ? { after: position } : {}),
      maxCount,
    });
    const last = page[page.length - 1];
    if (!last) return;
    yield page;
    position = last.globalPosition;
  }
}
