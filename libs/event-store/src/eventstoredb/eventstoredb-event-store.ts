import {
  AccessDeniedError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  DeadlineExceededError,
  NO_STREAM,
  type Position,
  type ReadPosition,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  streamNameFilter,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  JsonObject,
  JsonValue,
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
/**
 * A read of $all from a position that is not a record start fails with gRPC status UNKNOWN and
 * the message `Unexpected ReadAllResult: InvalidPosition` (`…: Error` on 23.10); a subscription
 * from one fails the same way before 24.2 and with INVALID_ARGUMENT from 24.2 on. The client
 * turns both statuses into its `UnknownError`.
 */
const GRPC_STATUS_UNKNOWN = 2;
const GRPC_STATUS_INVALID_ARGUMENT = 3;
const INVALID_READ_ALL_POSITION = /Unexpected ReadAllResult: (InvalidPosition|Error)\b/;
/** What servers before 22.6 report as the position of an event read from a stream: none. */
export const NO_POSITION = 2n ** 64n - 1n;
/** How long a follower's read waits for the subscription's next event before answering []. */
const DEFAULT_FOLLOW_WAIT_MS = 200;
/** The subscription is paused while more than this many times the last maxCount are buffered. */
const BUFFERED_PAGES = 2;
/** How long the subscription may deliver nothing before a paged read checks it has not stalled. */
const DEFAULT_STALL_CHECK_MS = 30_000;

export interface EventStoreDbEventStoreOptions {
  /** How long a follower's `readAll` waits for a live event before answering [] (200 ms). */
  followWaitMs?: number;
  /**
   * After how long without a delivery a follower's empty answer is checked against a paged read
   * of $all (30 s): a subscription can stall without an error (a known class of server bug).
   */
  stallCheckMs?: number;
  /** Told each time the subscription was found stalled and restarted (a metric counts it). */
  onFeedStalled?: () => void;
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

/**
 * The explicit revision to append at: the last revision the adapter read. At that revision the
 * server checks no event ids; a resent append is recognised by the read-then-classify step
 * before it, and a stale one fails (or, when its ids were stored there, is answered as stored).
 */
export function appendRevisionFor(lastRevision: number | null): AppendExpectedRevision {
  return lastRevision === null ? NO_STREAM : BigInt(lastRevision);
}

/**
 * The server's answer to a read of $all from a position that is not the start of a record (a
 * position this store never handed out, such as one less than an event's).
 */
export function isInvalidPositionError(error: unknown): boolean {
  if (!(error instanceof UnknownError)) return false;
  const code = Number(error.code);
  if (code === GRPC_STATUS_INVALID_ARGUMENT) return true;
  return code === GRPC_STATUS_UNKNOWN && INVALID_READ_ALL_POSITION.test(error.message);
}

/**
 * An append the server may or may not have stored: a lost race (wrong expected version), or no
 * answer (deadline, unavailable; in a cluster a resent append that arrives before the original is
 * replicated gets none). Re-reading the stream tells which.
 */
function isUnsettledAppend(error: unknown): boolean {
  return (
    error instanceof WrongExpectedVersionError ||
    error instanceof DeadlineExceededError ||
    error instanceof UnavailableError
  );
}

/** $all refused to the connection's user: say what rights it needs. */
function withAllAccessAdvice(error: unknown): unknown {
  if (!(error instanceof AccessDeniedError)) return error;
  return new Error(
    "EventStoreDB denied reading $all: the connection string's user must be in $admins, or be " +
      "granted read on $all (the $$$all stream's $acl)",
    { cause: error },
  );
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
  private readonly stallCheckMs: number;
  private readonly onFeedStalled: () => void;
  /** The one subscription to $all, while someone follows it. Never one per victim. */
  private feed: VictimFeed | undefined;
  /**
   * Where the last read that was not served by the subscription left off (or the position it
   * asked from, when it found nothing, or failed on the subscription): a call asking from exactly
   * there continues it, so its caller follows $all and is given the subscription. `from` is where
   * that subscription starts: a record start the read saw, never a position merely asked from.
   */
  private followFrom: { after: bigint | undefined; from: ReadPosition } | undefined;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.followWaitMs = options.followWaitMs ?? DEFAULT_FOLLOW_WAIT_MS;
    this.stallCheckMs = options.stallCheckMs ?? DEFAULT_STALL_CHECK_MS;
    this.onFeedStalled = options.onFeedStalled ?? (() => undefined);
  }

  /** e.g. `esdb://localhost:2113?tls=false` */
  static fromConnectionString(
    connectionString: string,
    options: EventStoreDbEventStoreOptions = {},
  ): EventStoreDbEventStore {
    return new EventStoreDbEventStore(
      EventStoreDBClient.connectionString(connectionString),
      options,
    );
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
        // Always at an explicit revision, even for 'any': a concurrent append then fails ours
        // instead of interleaving with it, and the next pass classifies it again.
        await this.client.appendToStream(streamId, events.map(toEventData), {
          expectedRevision: appendRevisionFor(actual),
        });
      } catch (error) {
        if (error instanceof StreamDeletedError) {
          // tombstoned: no revision will ever be the expected one
          throw new WrongExpectedRevisionError(streamId, expected, null);
        }
        if (!isUnsettledAppend(error)) throw error;
        // Someone appended since our read, or no answer came. The next pass re-reads: the batch
        // may now be stored (a duplicate), an explicit expected revision then fails with the
        // fresh revision, and 'any' tries again at the new revision.
        if (attempt >= MAX_APPEND_ATTEMPTS) {
          throw new Error(
            `stream ${streamId}: append not settled in ${MAX_APPEND_ATTEMPTS} attempts (concurrent appends, or no answer)`,
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
      if (!appended.every((stored, i) => sameContent(stored, events[i] as NewEvent))) {
        // A concurrent append with these ids but other content won the race at this revision,
        // and the server answered ours as a resend of it: ours is not stored.
        return duplicateResult(await this.readStream(streamId), batchIds);
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
      // A deleted stream (tombstoned: StreamDeletedError) does not exist for the port either.
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return [];
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
   * subscription: whenever a call is not a plain continuation of it, it is read directly; and a
   * subscription that delivered nothing for `stallCheckMs` is checked against a paged read.
   */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, maxCount } = options;
    if (maxCount <= 0) return [];
    const followed = await this.readFollowing(after, maxCount);
    if (followed) return followed;
    const { events, lastRead } = await this.readAllPaged(after, maxCount);
    this.followFrom = { after: events.at(-1)?.globalPosition ?? after, from: lastRead };
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
      const followFrom = this.followFrom;
      if (this.closed || followFrom === undefined || followFrom.after !== after) {
        return undefined;
      }
      this.followFrom = undefined;
      const previous = feed;
      feed = new VictimFeed(this.client, after, followFrom.from, maxCount);
      this.feed = feed;
      await previous?.stop();
    }

    if (!feed.failure && feed.isEmpty()) await feed.waitForEvent(this.followWaitMs);
    // replaced, or another call was handed events meanwhile: this one reads $all directly
    if (this.feed !== feed || feed.handedOut !== after) return undefined;
    if (feed.failure) {
      // Dropped: the error reaches this caller once, and its retry from `after` resubscribes.
      this.feed = undefined;
      this.followFrom = { after, from: feed.resumeFrom };
      throw feed.failure.error;
    }
    if (feed.isEmpty() && feed.quietFor() >= this.stallCheckMs) return this.checkStall(feed, after);
    return feed.take(maxCount);
  }

  /**
   * The subscription delivered nothing for a while: a paged read tells whether $all has victim
   * events after `after` that it should have sent. If so it stalled without an error: it is
   * restarted from where the read leaves off, and the read answers the caller.
   */
  private async checkStall(feed: VictimFeed, after: bigint | undefined): Promise<RecordedEvent[]> {
    const maxCount = feed.pageSize;
    feed.checked();
    const { events, lastRead } = await this.readAllPaged(after, maxCount);
    // what the read found may be on its way through a healthy subscription: give it a moment
    if (events.length > 0 && feed.isEmpty() && !feed.failure) {
      await feed.waitForEvent(this.followWaitMs);
    }
    // it delivered meanwhile, or another call moved it on: nothing stalled
    if (this.feed !== feed || feed.handedOut !== after || !feed.isEmpty() || feed.failure) {
      return this.feed === feed && feed.handedOut === after && !feed.failure
        ? feed.take(maxCount)
        : [];
    }
    if (events.length === 0) return [];
    this.onFeedStalled();
    this.feed = undefined;
    this.followFrom = { after: (events.at(-1) as RecordedEvent).globalPosition, from: lastRead };
    await feed.stop();
    return events;
  }

  /**
   * Pages through $all and keeps victim events only until `maxCount` of them are collected or
   * $all ends ($all holds every stream, system ones included, and a read of it has no
   * server-side filter). Positions are prepare positions (see `globalPositionOf`). `lastRead` is
   * the last record read (START when none was): a subscription may start there.
   */
  private async readAllPaged(
    after: bigint | undefined,
    maxCount: number,
  ): Promise<{ events: RecordedEvent[]; lastRead: ReadPosition }> {
    const collected: RecordedEvent[] = [];
    const pageSize = Math.min(Math.max(maxCount, MIN_ALL_PAGE_SIZE), MAX_ALL_PAGE_SIZE);

    let page: AllStreamResolvedEvent[];
    try {
      page = await this.readAllPage(readPositionAfter(after), pageSize);
    } catch (error) {
      if (after === undefined || !isInvalidPositionError(error)) throw error;
      // Not the start of a record, so not a position we handed out (a checkpoint from another
      // store): the server cannot seek to it. Scan from the start; `isVictimEventAfter` still
      // applies the bound.
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
        if (collected.length === maxCount) return { events: collected, lastRead: last };
      }
      if (page.length < pageSize || last === undefined) {
        return { events: collected, lastRead: last ?? START };
      }
      page = await this.readAllPage(last, pageSize);
    }
  }

  private async readAllPage(
    fromPosition: ReadPosition,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition,
        maxCount,
      })) {
        page.push(resolved);
      }
    } catch (error) {
      throw withAllAccessAdvice(error);
    }
    return page;
  }
}

/**
 * One catch-up subscription to $all, from `from` (a record start a read saw, or one handed out),
 * filtered on the server to streams named `victim-…`, and the victim events it delivered that
 * nobody has been handed yet. The buffer is bounded: the subscription (a readable stream) is
 * paused while it holds more than `BUFFERED_PAGES` times the last maxCount, so the server sends
 * no faster than the caller reads.
 *
 * It drops what is at or before the last position buffered (`isVictimEventAfter`), starting
 * from `after`: whether or not the server sends the event at the start position, and whatever
 * the commit positions of one append's events, the caller sees each victim event once, in
 * increasing global position. A server-side filter takes one expression, stream names here, so
 * system events in victim streams are dropped client-side.
 */
class VictimFeed {
  /** The `after` a continuation asks from: the last position handed out, or the start. */
  handedOut: bigint | undefined;
  /** Where a new subscription continuing this one may start: a record start. */
  resumeFrom: ReadPosition;
  /** Set once the subscription failed or ended; its buffer is dropped. */
  failure: { error: unknown } | undefined;
  /** The caller's last maxCount. */
  pageSize: number;
  private readonly buffer: RecordedEvent[] = [];
  /** The last position buffered: anything delivered at or before it is not buffered again. */
  private frontier: bigint | undefined;
  private paused = false;
  private stopped = false;
  /** When it last delivered anything, or was last checked for a stall. */
  private lastHeard = performance.now();
  private readonly waiters = new Set<() => void>();
  private readonly subscription: AllStreamSubscription;

  constructor(
    private readonly client: EventStoreDBClient,
    after: bigint | undefined,
    from: ReadPosition,
    maxCount: number,
  ) {
    this.handedOut = after;
    this.resumeFrom = from;
    this.frontier = after;
    this.pageSize = maxCount;
    this.subscription = this.subscribe(from);
  }

  isEmpty(): boolean {
    return this.buffer.length === 0;
  }

  /** Milliseconds since it last delivered anything (or was last checked for a stall). */
  quietFor(): number {
    return performance.now() - this.lastHeard;
  }

  checked(): void {
    this.lastHeard = performance.now();
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
    this.pageSize = maxCount;
    const events = this.buffer.splice(0, maxCount);
    const last = events.at(-1);
    if (last) {
      this.handedOut = last.globalPosition;
      this.resumeFrom = readPositionAfter(last.globalPosition);
    }
    if (this.paused && this.buffer.length <= BUFFERED_PAGES * maxCount) {
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
    const subscription = this.client.subscribeToAll({
      fromPosition,
      filter: streamNameFilter({ prefixes: [VICTIM_STREAM_PREFIX] }),
    });
    const current = () => !this.stopped;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (current()) this.accept(resolved);
    });
    // never removed: an 'error' with no listener would crash the process
    subscription.on('error', (error: Error) => {
      if (current()) this.fail(withAllAccessAdvice(error));
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
    this.lastHeard = performance.now();
    try {
      if (!isVictimEventAfter(resolved, this.frontier)) return;
      const event = toRecordedEvent(resolved);
      this.frontier = event.globalPosition;
      this.buffer.push(event);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!this.paused && this.buffer.length > BUFFERED_PAGES * this.pageSize) {
      this.paused = true;
      this.subscription.pause();
    }
    this.wake();
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    this.buffer.length = 0;
    this.wake();
    this.subscription.unsubscribe().catch(() => undefined);
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

/**
 * Whether a stored event is the one sent (ids are compared by the caller). What was sent is
 * compared as the client serialised it (JSON.stringify drops undefined members, say).
 */
function sameContent(stored: RecordedEvent, sent: NewEvent): boolean {
  const asSent = (value: JsonObject) => JSON.parse(JSON.stringify(value)) as JsonValue;
  return (
    stored.type === sent.type &&
    sameJson(stored.data, asSent(sent.data)) &&
    sameJson(stored.metadata, asSent(sent.metadata))
  );
}

/** JSON equality, whatever the order of keys (and whichever realm built the objects). */
function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameJson(item, b[i] as JsonValue))
    );
  }
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => key in b && sameJson(a[key] as JsonValue, b[key] as JsonValue))
  );
}

function duplicateResult(stored: RecordedEvent[], batchIds: readonly string[]): AppendResult {
  const byId = new Map(stored.map((event) => [normaliseEventId(event.eventId), event]));
  const events = batchIds.map((id) => byId.get(normaliseEventId(id)) as RecordedEvent);
  const last = stored.at(-1) as RecordedEvent;
  return { outcome: 'duplicate', events, lastRevision: last.revision };
}

function requirePosition(event: ResolvedEventLike['event']): Position {
  if (!event) throw new Error('EventStoreDB returned a read result without an event');
  const position = event.position;
  if (!position || position.commit === NO_POSITION || position.prepare === NO_POSITION) {
    // stream reads report positions only from server 22.6 on
    throw new Error(
      `stream ${event.streamId}: EventStoreDB gave no position for event ${event.id} (server older than 22.6?)`,
    );
  }
  return position;
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
