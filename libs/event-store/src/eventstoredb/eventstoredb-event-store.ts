import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  type Position,
  type ReadPosition,
  START,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
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
import { VICTIM_STREAM_PREFIX } from '../event-store';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import { expectedRevisionMatches } from '../expected-revision';

/** An append that keeps losing races to concurrent appends gives up after this many tries. */
const MAX_APPEND_ATTEMPTS = 10;
/** $all page bounds: other streams' events are read and dropped, so never page by 1. */
const MIN_ALL_PAGE_SIZE = 100;
const MAX_ALL_PAGE_SIZE = 1000;
/** gRPC status the server answers a read of $all from a position that is not a record start. */
const GRPC_STATUS_INVALID_ARGUMENT = 3;

/**
 * The part of a client `ResolvedEvent` this adapter reads. Both `readStream` and `readAll`
 * results fit it, and unit tests can build one without a server.
 */
export interface ResolvedEventLike {
  event?: {
    streamId: string;
    id: string;
    type: string;
    revision: bigint;
    isJson: boolean;
    data: unknown;
    metadata: unknown;
    position?: Position;
  };
}

export type RetryClassification = 'new' | 'duplicate' | 'conflict';

/**
 * Whether a batch is new, a retry of a stored append (every id stored), or neither (some ids
 * stored, some not). Ids are compared case-insensitively: the server gives UUIDs back lowercase.
 */
export function classifyRetry(
  storedIds: Iterable<string>,
  batchIds: readonly string[],
): RetryClassification {
  const stored = new Set([...storedIds].map(normaliseId));
  const found = batchIds.filter((id) => stored.has(normaliseId(id))).length;
  if (found === 0) return 'new';
  return found === batchIds.length ? 'duplicate' : 'conflict';
}

/**
 * Our global position is the PREPARE position: it is the event's own place in the log, distinct
 * for every event of one append and the same whichever read (stream or $all) reported it. The
 * commit position is not: depending on the server version a stream read may give every event of
 * one append the same commit position.
 */
export function globalPositionOf(position: Position): bigint {
  return position.prepare;
}

/**
 * Where to start reading $all to see the events after `after`. The server reads forwards from a
 * position inclusively, so the event at `after` itself comes back too and `isVictimEventAfter`
 * drops it (as it drops any event of an append that starts before `after`).
 */
export function readPositionAfter(after: bigint | undefined): ReadPosition {
  return after === undefined ? START : { commit: after, prepare: after };
}

/** Events of victim streams only: no system streams, no system events ($metadata, tombstones). */
export function isVictimEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith(VICTIM_STREAM_PREFIX) && !event.type.startsWith('$');
}

/** A victim event strictly after `after` (everything, when `after` is absent). */
export function isVictimEventAfter(
  resolved: ResolvedEventLike,
  after: bigint | undefined,
): boolean {
  const event = resolved.event;
  if (!event || !isVictimEvent(event)) return false;
  if (after === undefined) return true;
  return globalPositionOf(requirePosition(event)) > after;
}

/** Orders $all positions: by commit position, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** The explicit revision to append at, so that the server itself is idempotent on event ids. */
export function appendRevisionFor(lastRevision: number | null): AppendExpectedRevision {
  return lastRevision === null ? NO_STREAM : BigInt(lastRevision);
}

/**
 * The server's answer to a read of $all from a position that is not the start of a record (a
 * position this store never handed out, such as one less than an event's).
 */
export function isInvalidPositionError(error: unknown): boolean {
  return error instanceof UnknownError && Number(error.code) === GRPC_STATUS_INVALID_ARGUMENT;
}

export function toRecordedEvent(resolved: ResolvedEventLike): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a read result without an event');
  if (!event.isJson) {
    throw new Error(`stream ${event.streamId}: event ${event.id} is not a JSON event`);
  }
  const revision = Number(event.revision);
  if (!Number.isSafeInteger(revision)) {
    throw new Error(`stream ${event.streamId}: revision ${event.revision} is out of range`);
  }
  return {
    streamId: event.streamId,
    eventId: event.id,
    type: event.type,
    revision,
    globalPosition: globalPositionOf(requirePosition(event)),
    data: requireJsonObject(event.data, `stream ${event.streamId}: data of event ${event.id}`),
    // the client gives undefined for empty metadata
    metadata:
      event.metadata === undefined
        ? {}
        : requireJsonObject(
            event.metadata,
            `stream ${event.streamId}: metadata of event ${event.id}`,
          ),
  };
}

/**
 * The EventStoreDB adapter. A stream is named by the stream id given (`victim-<id>`); events are
 * stored as JSON events under the caller's event id.
 */
export class EventStoreDbEventStore implements EventStore {
  constructor(private readonly client: EventStoreDBClient) {}

  /** e.g. `esdb://localhost:2113?tls=false` */
  static fromConnectionString(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('an append needs at least one event');
    const batchIds = events.map((event) => event.eventId);
    if (new Set(batchIds.map(normaliseId)).size !== batchIds.length) {
      throw new Error(`stream ${streamId}: an append repeats an event id`);
    }
    const expected = options.expectedRevision ?? 'any';

    for (let attempt = 1; ; attempt += 1) {
      // Victim streams are small: reading one whole is how retries are recognised.
      const stored = await this.readStream(streamId);
      const classification = classifyRetry(
        stored.map((event) => event.eventId),
        batchIds,
      );
      if (classification === 'duplicate') return duplicateResult(stored, batchIds);
      if (classification === 'conflict') {
        const storedIds = new Set(stored.map((event) => normaliseId(event.eventId)));
        throw new EventIdConflictError(
          streamId,
          batchIds.filter((id) => storedIds.has(normaliseId(id))),
        );
      }

      const actual = stored.at(-1)?.revision ?? null;
      if (!expectedRevisionMatches(expected, actual)) {
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }

      try {
        // Always at an explicit revision, even for 'any': only then does the server recognise
        // a resent append by its event ids instead of storing it twice.
        await this.client.appendToStream(streamId, events.map(toEventData), {
          expectedRevision: appendRevisionFor(actual),
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Someone appended since our read. The next pass re-reads: the batch may now be stored
        // (a duplicate), an explicit expected revision then fails with the fresh revision, and
        // 'any' tries again at the new revision.
        if (attempt >= MAX_APPEND_ATTEMPTS) {
          throw new Error(
            `stream ${streamId}: append lost ${MAX_APPEND_ATTEMPTS} races to concurrent appends`,
            { cause: error },
          );
        }
        continue;
      }

      const firstRevision = (actual ?? -1) + 1;
      const appended = await this.readStream(streamId, {
        fromRevision: firstRevision,
        maxCount: events.length,
      });
      const appendedIds = appended.map((event) => normaliseId(event.eventId));
      if (appendedIds.join() !== batchIds.map(normaliseId).join()) {
        throw new Error(
          `stream ${streamId}: events read back from revision ${firstRevision} are not the ones appended`,
        );
      }
      const last = appended.at(-1) as RecordedEvent;
      return { outcome: 'appended', events: appended, lastRevision: last.revision };
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const read = this.client.readStream(streamId, {
      direction: FORWARDS,
      fromRevision: BigInt(options.fromRevision ?? 0),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) events.push(toRecordedEvent(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * $all holds every stream, system ones included, and the client has no server-side filter, so
   * we page through it and keep victim events only until `maxCount` of them are collected or $all
   * ends. Positions are prepare positions (see `globalPositionOf`).
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, maxCount } = options;
    const collected: RecordedEvent[] = [];
    if (maxCount <= 0) return collected;
    const pageSize = Math.min(Math.max(maxCount, MIN_ALL_PAGE_SIZE), MAX_ALL_PAGE_SIZE);

    let page: AllStreamResolvedEvent[];
    try {
      page = await this.readAllPage(readPositionAfter(after), pageSize);
    } catch (error) {
      if (after === undefined || !isInvalidPositionError(error)) throw error;
      // Not the start of a record, so not a position we handed out: the server cannot seek to
      // it. Scan from the start instead; `isVictimEventAfter` still applies the bound.
      page = await this.readAllPage(START, pageSize);
    }

    let last: Position | undefined;
    for (;;) {
      for (const resolved of page) {
        const position = requirePosition(resolved.event);
        // each page after the first starts with the last event of the one before
        if (last !== undefined && comparePositions(position, last) <= 0) continue;
        last = position;
        if (!isVictimEventAfter(resolved, after)) continue;
        collected.push(toRecordedEvent(resolved));
        if (collected.length === maxCount) return collected;
      }
      if (page.length < pageSize || last === undefined) return collected;
      page = await this.readAllPage(last, pageSize);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async readAllPage(
    fromPosition: ReadPosition,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition,
      maxCount,
    })) {
      page.push(resolved);
    }
    return page;
  }
}

function toEventData(event: NewEvent) {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
}

function duplicateResult(stored: RecordedEvent[], batchIds: readonly string[]): AppendResult {
  const byId = new Map(stored.map((event) => [normaliseId(event.eventId), event]));
  const events = batchIds.map((id) => byId.get(normaliseId(id)) as RecordedEvent);
  const last = stored.at(-1) as RecordedEvent;
  return { outcome: 'duplicate', events, lastRevision: last.revision };
}

function normaliseId(id: string): string {
  return id.toLowerCase();
}

function requirePosition(event: ResolvedEventLike['event']): Position {
  if (!event) throw new Error('EventStoreDB returned a read result without an event');
  if (!event.position) {
    // stream reads report positions only from server 22.6 on
    throw new Error(
      `stream ${event.streamId}: EventStoreDB gave no position for event ${event.id} (server older than 22.6?)`,
    );
  }
  return event.position;
}

function requireJsonObject(value: unknown, what: string): JsonObject {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Uint8Array
  ) {
    throw new Error(`${what} is not a JSON object`);
  }
  // parsed from JSON by the client, so every value in it is JSON
  return value as JsonObject;
}
