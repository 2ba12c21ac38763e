import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  type Position,
  type ReadPosition,
  START,
  StreamNotFoundError,
  streamNameFilter,
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
import { assertAppendable, normaliseEventId } from '../append-checks';
import { EventIdConflictError, WrongExpectedRevisionError } from '../errors';
import { expectedRevisionMatches } from '../expected-revision';

/** An append that keeps losing races to concurrent appends gives up after this many tries. */
const MAX_APPEND_ATTEMPTS = 10;
/** $all page bounds: other streams' events are read and dropped, so never page by 1. */
const MIN_ALL_PAGE_SIZE = 100;
const MAX_ALL_PAGE_SIZE = 1000;
/** gRPC status the server answers a read of $all from a position that is not a record start. */
const GRPC_STATUS_INVALID_ARGUMENT = 3;
/** How long a follower's read waits for the subscription's next event before answering []. */
const DEFAULT_FOLLOW_WAIT_MS = 200;
/** The subscription is paused while more than this many times the last maxCount are buffered. */
const BUFFERED_PAGES = 2;

export interface EventStoreDbEventStoreOptions {
  /** How long a follower's `readAll` waits for a live event before answering [] (200 ms). */
  followWaitMs?: number;
}

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
  const stored = new Set([...storedIds].map(normaliseEventId));
  const found = batchIds.filter((id) => stored.has(normaliseEventId(id))).length;
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
  private readonly followWaitMs: number;
  /** The one subscription to $all, while someone follows it. Never one per victim. */
  private feed: VictimFeed | undefined;
  /**
   * Where the last read that was not served by the subscription left off (or the position it
   * asked from, when it found nothing, or failed on the subscription): a call asking from exactly
   * there continues it, so its caller follows $all and is given the subscription.
   */
  private followFrom: { after: bigint | undefined } | undefined;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.followWaitMs = options.followWaitMs ?? DEFAULT_FOLLOW_WAIT_MS;
  }

  /** e.g. `esdb://localhost:2113?tls=false` */
  static fromConnectionString(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const batchIds = events.map((event) => event.eventId);
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
        const storedIds = new Set(stored.map((event) => normaliseEventId(event.eventId)));
        throw new EventIdConflictError(
          streamId,
          batchIds.filter((id) => storedIds.has(normaliseEventId(id))),
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
      const appendedIds = appended.map((event) => normaliseEventId(event.eventId));
      if (appendedIds.join() !== batchIds.map(normaliseEventId).join()) {
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
   * A follower (the projector: it asks again from the last position it was given) is served from
   * ONE catch-up subscription to $all, filtered on the server to victim streams (`VictimFeed`):
   * each call hands out what the subscription has buffered since the last one, waiting up to
   * `followWaitMs` for a first event when there is none, so the caller can sleep on [].
   *
   * Any other call (the first one, a health check's `{ maxCount: 1 }`, a rebuild from the start,
   * a checkpoint another worker moved on, a retry after a failed save) is answered by paging
   * through $all (`readAllPaged`), and the subscription is restarted only when a caller asks again
   * from exactly where that read left off. Why not restart it on every such call: a reader that
   * is not following (health checks run every few seconds on the same store) would then tear
   * down the follower's subscription each time, and a paged read answers a one-off at once
   * instead of after a subscription's start-up. Either way correctness never depends on the
   * subscription: whenever a call is not a plain continuation of it, it is read directly.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, maxCount } = options;
    if (maxCount <= 0) return [];
    const followed = await this.readFollowing(after, maxCount);
    if (followed) return followed;
    const events = await this.readAllPaged(after, maxCount);
    this.followFrom = { after: events.at(-1)?.globalPosition ?? after };
    return events;
  }

  async close(): Promise<void> {
    this.closed = true;
    const feed = this.feed;
    this.feed = undefined;
    await feed?.stop();
    await this.client.dispose();
  }

  /** The subscription's answer to a follower, or undefined when the call is not following it. */
  private async readFollowing(
    after: bigint | undefined,
    maxCount: number,
  ): Promise<RecordedEvent[] | undefined> {
    let feed = this.feed;
    if (feed === undefined || feed.handedOut !== after) {
      if (this.closed || this.followFrom === undefined || this.followFrom.after !== after) {
        return undefined;
      }
      this.followFrom = undefined;
      const previous = feed;
      feed = new VictimFeed(this.client, after, maxCount);
      this.feed = feed;
      await previous?.stop();
    }

    if (!feed.failure && feed.isEmpty()) await feed.waitForEvent(this.followWaitMs);
    // replaced, or another call was handed events meanwhile: this one reads $all directly
    if (this.feed !== feed || feed.handedOut !== after) return undefined;
    if (feed.failure) {
      // Dropped: the error reaches this caller once, and its retry from `after` resubscribes.
      this.feed = undefined;
      this.followFrom = { after };
      throw feed.failure.error;
    }
    return feed.take(maxCount);
  }

  /**
   * Pages through $all and keeps victim events only until `maxCount` of them are collected or
   * $all ends ($all holds every stream, system ones included, and a read of it has no
   * server-side filter). Positions are prepare positions (see `globalPositionOf`).
   */
  private async readAllPaged(
    after: bigint | undefined,
    maxCount: number,
  ): Promise<RecordedEvent[]> {
    const collected: RecordedEvent[] = [];
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

/**
 * One catch-up subscription to $all, from the position after `after`, filtered on the server to
 * streams named `victim-…`, and the victim events it delivered that nobody has been handed yet.
 * The buffer is bounded: the subscription (a readable stream) is paused while it holds more than
 * `BUFFERED_PAGES` times the last maxCount, so the server sends no faster than the caller reads.
 *
 * Like a paged read it starts at `readPositionAfter(after)` and drops what is at or before the
 * last position buffered (`isVictimEventAfter`): whether or not the server sends the event at the
 * start position, and whatever the commit positions of one append's events, the caller sees
 * each victim event once, in increasing global position. A server-side filter takes one
 * expression, stream names here, so system events in victim streams are dropped client-side.
 */
class VictimFeed {
  /** The `after` a continuation asks from: the last position handed out, or the start. */
  handedOut: bigint | undefined;
  /** Set once the subscription failed or ended; its buffer is dropped. */
  failure: { error: unknown } | undefined;
  private readonly buffer: RecordedEvent[] = [];
  /** The last position buffered: anything delivered at or before it is not buffered again. */
  private frontier: bigint | undefined;
  private limit: number;
  private paused = false;
  private stopped = false;
  /** Whether the current subscription delivered anything (before that, an invalid start can be retried). */
  private received = false;
  private readonly waiters = new Set<() => void>();
  private subscription: AllStreamSubscription;

  constructor(
    private readonly client: EventStoreDBClient,
    after: bigint | undefined,
    maxCount: number,
  ) {
    this.handedOut = after;
    this.frontier = after;
    this.limit = BUFFERED_PAGES * maxCount;
    this.subscription = this.subscribe(readPositionAfter(after));
  }

  isEmpty(): boolean {
    return this.buffer.length === 0;
  }

  /** Resolves when an event is buffered, the subscription fails or stops, or after `ms`. */
  waitForEvent(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Hands out up to `maxCount` buffered events and resumes the subscription if it has room. */
  take(maxCount: number): RecordedEvent[] {
    this.limit = BUFFERED_PAGES * maxCount;
    const events = this.buffer.splice(0, maxCount);
    const last = events.at(-1);
    if (last) this.handedOut = last.globalPosition;
    if (this.paused && this.buffer.length <= this.limit) {
      this.paused = false;
      this.subscription.resume();
    }
    return events;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake();
    // nothing to do about a failure to cancel a subscription we are done with
    await this.subscription.unsubscribe().catch(() => undefined);
  }

  private subscribe(fromPosition: ReadPosition): AllStreamSubscription {
    this.received = false;
    const subscription = this.client.subscribeToAll({
      fromPosition,
      filter: streamNameFilter({ prefixes: [VICTIM_STREAM_PREFIX] }),
    });
    const current = () => this.subscription === subscription && !this.stopped;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (current()) this.accept(resolved);
    });
    // never removed: an 'error' with no listener would crash the process
    subscription.on('error', (error: Error) => {
      if (current()) this.fail(error, fromPosition);
    });
    subscription.on('end', () => {
      if (current()) this.fail(new Error('EventStoreDB ended the subscription to $all'));
    });
    subscription.on('close', () => {
      if (current()) this.fail(new Error('the subscription to $all closed'));
    });
    return subscription;
  }

  private accept(resolved: AllStreamResolvedEvent): void {
    if (this.failure) return;
    this.received = true;
    try {
      if (!isVictimEventAfter(resolved, this.frontier)) return;
      const event = toRecordedEvent(resolved);
      this.frontier = event.globalPosition;
      this.buffer.push(event);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!this.paused && this.buffer.length > this.limit) {
      this.paused = true;
      this.subscription.pause();
    }
    this.wake();
  }

  private fail(error: unknown, fromPosition?: ReadPosition): void {
    if (this.failure) return;
    const abandoned = this.subscription;
    if (
      fromPosition !== undefined &&
      fromPosition !== START &&
      !this.received &&
      isInvalidPositionError(error)
    ) {
      // Not the start of a record (a position asked from, never handed out): the server cannot
      // seek to it. Subscribe from the start instead; the frontier still applies the bound.
      this.subscription = this.subscribe(START);
    } else {
      this.failure = { error };
      this.buffer.length = 0;
      this.wake();
    }
    abandoned.unsubscribe().catch(() => undefined);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
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
  const byId = new Map(stored.map((event) => [normaliseEventId(event.eventId), event]));
  const events = batchIds.map((id) => byId.get(normaliseEventId(id)) as RecordedEvent);
  const last = stored.at(-1) as RecordedEvent;
  return { outcome: 'duplicate', events, lastRevision: last.revision };
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
