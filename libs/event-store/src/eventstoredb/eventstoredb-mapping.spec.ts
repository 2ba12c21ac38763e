import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AccessDeniedError,
  type AppendExpectedRevision,
  DeadlineExceededError,
  type EventStoreDBClient,
  NO_STREAM,
  type Position,
  type ReadPosition,
  START,
  STREAM_NAME,
  StreamDeletedError,
  StreamNotFoundError,
  type SubscribeToAllOptions,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { type JsonObject, type RecordedEvent, WrongExpectedRevisionError } from '@vj/event-store';
import { describeEventStoreContract } from '@vj/event-store/testing';
import {
  appendRevisionFor,
  classifyRetry,
  comparePositions,
  EventStoreDbEventStore,
  globalPositionOf,
  isInvalidPositionError,
  isVictimEvent,
  isVictimEventAfter,
  NO_POSITION,
  readPositionAfter,
  type ResolvedEventLike,
  toRecordedEvent,
} from './eventstoredb-event-store';

type FakeEvent = NonNullable<ResolvedEventLike['event']>;

const fakeEvent = (overrides: Partial<FakeEvent> = {}): ResolvedEventLike => ({
  event: {
    streamId: 'victim-1',
    id: '0b6c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3',
    type: 'crime-reported',
    revision: 0n,
    isJson: true,
    data: { note: 'x' },
    metadata: { schemaVersion: 1 },
    position: { commit: 500n, prepare: 500n },
    ...overrides,
  },
});

describe('classifyRetry', () => {
  it('calls a batch new when none of its ids is stored', () => {
    expect(classifyRetry([], ['a'])).toBe('new');
    expect(classifyRetry(['x', 'y'], ['a', 'b'])).toBe('new');
  });

  it('calls a batch a duplicate when every id is stored, in any order and letter case', () => {
    expect(classifyRetry(['a', 'b', 'c'], ['b', 'a'])).toBe('duplicate');
    expect(classifyRetry(['abc-def'], ['ABC-DEF'])).toBe('duplicate');
  });

  it('calls a batch a conflict when only some ids are stored', () => {
    expect(classifyRetry(['a'], ['a', 'b'])).toBe('conflict');
  });
});

describe('positions', () => {
  it('uses the prepare position as the global position', () => {
    expect(globalPositionOf({ commit: 100n, prepare: 250n })).toBe(250n);
  });

  it('reads $all from the start, or from the position itself (the server reads inclusively)', () => {
    expect(readPositionAfter(undefined)).toBe(START);
    expect(readPositionAfter(42n)).toEqual({ commit: 42n, prepare: 42n });
  });

  it('orders positions by commit, then prepare', () => {
    const at = (commit: bigint, prepare: bigint): Position => ({ commit, prepare });
    expect(comparePositions(at(1n, 5n), at(2n, 0n))).toBe(-1);
    expect(comparePositions(at(2n, 5n), at(2n, 3n))).toBe(1);
    expect(comparePositions(at(2n, 3n), at(2n, 3n))).toBe(0);
  });

  it('appends at an explicit revision: no-stream, or the last revision', () => {
    expect(appendRevisionFor(null)).toBe(NO_STREAM);
    expect(appendRevisionFor(3)).toBe(3n);
  });
});

describe('victim event filtering', () => {
  it('keeps events of victim streams only', () => {
    expect(isVictimEvent({ streamId: 'victim-1', type: 'crime-reported' })).toBe(true);
    expect(isVictimEvent({ streamId: 'agency-1', type: 'crime-reported' })).toBe(false);
    expect(isVictimEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(
      false,
    );
    expect(isVictimEvent({ streamId: '$$victim-1', type: '$metadata' })).toBe(false);
    expect(isVictimEvent({ streamId: '$ce-victim', type: '$>' })).toBe(false);
    expect(isVictimEvent({ streamId: 'victim-1', type: '$streamDeleted' })).toBe(false);
  });

  it('drops the event at `after` and earlier events re-read from that position', () => {
    // two events of one append on a server that gives them one commit position
    const first = fakeEvent({ position: { commit: 900n, prepare: 700n } });
    const second = fakeEvent({ position: { commit: 900n, prepare: 800n } });
    expect(isVictimEventAfter(first, 700n)).toBe(false);
    expect(isVictimEventAfter(second, 700n)).toBe(true);
    expect(isVictimEventAfter(second, 800n)).toBe(false);
    expect(isVictimEventAfter(first, undefined)).toBe(true);
  });

  it('drops non-victim events whatever their position', () => {
    expect(isVictimEventAfter(fakeEvent({ streamId: '$settings' }), undefined)).toBe(false);
    expect(isVictimEventAfter({}, undefined)).toBe(false);
  });
});

describe('toRecordedEvent', () => {
  it('maps revision, prepare position, data and metadata', () => {
    expect(
      toRecordedEvent(fakeEvent({ revision: 3n, position: { commit: 900n, prepare: 800n } })),
    ).toEqual({
      streamId: 'victim-1',
      eventId: '0b6c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3',
      type: 'crime-reported',
      revision: 3,
      globalPosition: 800n,
      data: { note: 'x' },
      metadata: { schemaVersion: 1 },
    });
  });

  it('gives empty metadata as an empty object', () => {
    expect(toRecordedEvent(fakeEvent({ metadata: undefined })).metadata).toEqual({});
  });

  it('refuses what the port cannot represent', () => {
    expect(() => toRecordedEvent({})).toThrow(/without an event/);
    expect(() => toRecordedEvent(fakeEvent({ isJson: false, data: new Uint8Array() }))).toThrow(
      /not a JSON event/,
    );
    expect(() => toRecordedEvent(fakeEvent({ data: [1, 2] }))).toThrow(/not a JSON object/);
    expect(() => toRecordedEvent(fakeEvent({ data: 'text' }))).toThrow(/not a JSON object/);
    expect(() => toRecordedEvent(fakeEvent({ metadata: null }))).toThrow(/not a JSON object/);
    expect(() => toRecordedEvent(fakeEvent({ position: undefined }))).toThrow(/no position/);
  });
});

describe('isInvalidPositionError', () => {
  it("recognises each server version's answer to a read or subscription from inside a record", () => {
    expect(isInvalidPositionError(invalidPositionOnRead('24.10'))).toBe(true);
    expect(isInvalidPositionError(invalidPositionOnRead('23.10'))).toBe(true);
    expect(isInvalidPositionError(invalidPositionOnSubscribe('24.10'))).toBe(true);
    expect(isInvalidPositionError(invalidPositionOnSubscribe('22.10'))).toBe(true);
  });

  it('recognises nothing else', () => {
    expect(isInvalidPositionError(new UnknownError())).toBe(false);
    expect(
      isInvalidPositionError(grpcError(UnknownError, 2, 'Unexpected ReadAllResult: AccessDenied')),
    ).toBe(false);
    expect(isInvalidPositionError(new StreamNotFoundError(undefined, 'victim-1'))).toBe(false);
    expect(isInvalidPositionError(new Error('Unexpected ReadAllResult: InvalidPosition'))).toBe(
      false,
    );
  });
});

/** A server version, `major.minor`, as the stand-in reproduces it. */
type ServerVersion = `${number}.${number}`;

function atLeast(version: ServerVersion, than: ServerVersion): boolean {
  const [major, minor] = version.split('.').map(Number) as [number, number];
  const [thanMajor, thanMinor] = than.split('.').map(Number) as [number, number];
  return major !== thanMajor ? major > thanMajor : minor >= thanMinor;
}

const GRPC_STATUS_NAMES: Record<number, string> = {
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  7: 'PERMISSION_DENIED',
};

/**
 * The client's error for a gRPC status, as `convertToCommandError` makes it: the class, `code`,
 * and grpc-js's message `<code> <STATUS>: <details>`.
 */
function grpcError<T>(
  ErrorClass: new (error: ConstructorParameters<typeof UnknownError>[0]) => T,
  code: number,
  details: string,
): T {
  const serviceError = Object.assign(
    new Error(`${code} ${GRPC_STATUS_NAMES[code] ?? 'STATUS'}: ${details}`),
    { code, details },
  );
  return new ErrorClass(serviceError as unknown as ConstructorParameters<typeof UnknownError>[0]);
}

/** A read of $all from inside a record: UNKNOWN, naming the result (`Error` on 23.10). */
function invalidPositionOnRead(version: ServerVersion): UnknownError {
  const result = version === '23.10' ? 'Error' : 'InvalidPosition';
  return grpcError(UnknownError, 2, `Unexpected ReadAllResult: ${result}`);
}

/** A subscription to $all from inside a record: as a read before 24.2, INVALID_ARGUMENT since. */
function invalidPositionOnSubscribe(version: ServerVersion): UnknownError {
  return atLeast(version, '24.2')
    ? grpcError(UnknownError, 3, 'Invalid position')
    : invalidPositionOnRead(version);
}

/**
 * A catch-up subscription to the fake's $all: a readable stream in object mode, like the
 * client's, that sends what matches its stream-name prefixes from its start on, then what is
 * written later, only as fast as it is read (so pausing it holds the server back).
 */
class FakeSubscription extends Readable {
  unsubscribed = false;
  /** Events sent, by stream name: what the server let through its filter. */
  readonly sent: string[] = [];
  private wanted = false;
  private stalled = false;

  constructor(
    private readonly log: readonly FakeEvent[],
    private next: number,
    private readonly prefixes: readonly string[] | undefined,
  ) {
    super({ objectMode: true, highWaterMark: 4 });
  }

  override _read(): void {
    this.wanted = true;
    this.send();
  }

  /** New events were written: send them if the reader wants more. */
  poke(): void {
    if (this.wanted) setImmediate(() => this.send());
  }

  unsubscribe(): Promise<void> {
    // like the client: the server stream is cancelled, and the readable neither ends nor fails
    this.unsubscribed = true;
    return Promise.resolve();
  }

  /** From now on it sends nothing, without an error: the class of server bug a feed must notice. */
  stall(): void {
    this.stalled = true;
  }

  private send(): void {
    while (
      this.wanted &&
      !this.stalled &&
      !this.unsubscribed &&
      !this.destroyed &&
      this.next < this.log.length
    ) {
      const event = this.log[this.next] as FakeEvent;
      this.next += 1;
      if (this.prefixes && !this.prefixes.some((prefix) => event.streamId.startsWith(prefix))) {
        continue;
      }
      this.sent.push(event.streamId);
      this.wanted = this.push({ event: structuredClone(event) });
    }
  }
}

/** What the stand-in reproduces of one server, and the faults a test sets on it. */
interface FakeServerSettings {
  /** The server version whose answers it gives (24.10). */
  version?: ServerVersion;
  /** Whether the connection's user may read $all ($admins, or the $$$all read ACL): true. */
  allRead?: boolean;
}

/**
 * An in-memory stand-in for the server, as far as this adapter uses it, with the real server's
 * answers (status codes and messages as the client turns them into errors):
 * - appends at an explicit revision: at the current revision no event id is checked; at a stale
 *   one whose events carry the ids of the batch, the batch is answered as stored, whatever its
 *   content; otherwise wrong expected version. `unansweredAppends` stores and then answers a
 *   deadline (a cluster's resent append arriving before the original is replicated);
 * - stream reads that fail for a missing stream (StreamNotFound) or a tombstoned one
 *   (StreamDeleted), with positions only from 22.6 (before: the 2^64-1 sentinel);
 * - $all reads that are inclusive and fail with UNKNOWN for a position that is not a record start;
 *   catch-up subscriptions to $all (inclusive too, filtered by stream-name prefixes, live) that
 *   fail the same way before 24.2 and with INVALID_ARGUMENT from 24.2; both denied without the
 *   right to read $all.
 * Every append also writes a system event, so $all holds more than victim events. It checks the
 * adapter's logic without a server; it is no substitute for the contract run against one.
 */
class FakeEventStoreDbClient {
  private readonly log: FakeEvent[] = [];
  private readonly tombstoned = new Set<string>();
  private nextPosition = 1000n;
  private readonly version: ServerVersion;
  private readonly allRead: boolean;
  disposed = false;
  /** How many of the next appends are stored but answered with a deadline. */
  unansweredAppends = 0;
  readonly subscriptions: FakeSubscription[] = [];

  constructor(settings: FakeServerSettings = {}) {
    this.version = settings.version ?? '24.10';
    this.allRead = settings.allRead ?? true;
  }

  subscribeToAll(options: SubscribeToAllOptions): FakeSubscription {
    const from = options.fromPosition ?? START;
    const filter = options.filter;
    if (filter && (filter.filterOn !== STREAM_NAME || !('prefixes' in filter))) {
      throw new Error('the fake filters on stream-name prefixes only');
    }
    let start = 0;
    let invalid = false;
    if (from === 'end') start = this.log.length;
    else if (from !== START) {
      start = this.log.findIndex(
        (event) => comparePositions(event.position as Position, from) >= 0,
      );
      if (start === -1) start = this.log.length;
      else invalid = (this.log[start]?.position as Position).prepare !== from.prepare;
    }
    const subscription = new FakeSubscription(this.log, start, filter?.prefixes);
    this.subscriptions.push(subscription);
    const refusal = !this.allRead
      ? accessDenied()
      : invalid
        ? invalidPositionOnSubscribe(this.version)
        : undefined;
    if (refusal) setImmediate(() => subscription.destroy(refusal));
    return subscription;
  }

  /** The subscriptions that are still open. */
  live(): FakeSubscription[] {
    return this.subscriptions.filter((s) => !s.unsubscribed && !s.destroyed);
  }

  /** A hard delete: the stream can be neither read nor written again. */
  tombstone(streamName: string): void {
    this.tombstoned.add(streamName);
  }

  async appendToStream(
    streamName: string,
    events: { id: string; type: string; data: unknown; metadata: unknown }[],
    options: { expectedRevision: AppendExpectedRevision },
  ): Promise<{ success: boolean; nextExpectedRevision: bigint }> {
    await Promise.resolve();
    if (this.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
    const stream = this.stream(streamName);
    const current = stream.length - 1;
    const expected = options.expectedRevision === NO_STREAM ? -1 : options.expectedRevision;
    if (typeof expected !== 'bigint' && expected !== -1) throw new Error('explicit revisions only');
    const from = Number(expected) + 1;
    if (current !== Number(expected)) {
      // the server's idempotence: by event ids only, never by content
      const already = stream.slice(from, from + events.length).map((event) => event.id);
      if (already.join() === events.map((event) => event.id.toLowerCase()).join()) {
        return { success: true, nextExpectedRevision: BigInt(from + events.length - 1) };
      }
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected: options.expectedRevision,
        current: current < 0 ? NO_STREAM : BigInt(current),
      });
    }
    events.forEach((event, index) => {
      this.write({ streamName, revision: from + index, ...event, isJson: true });
    });
    this.write({ streamName: '$stats-fake', revision: 0, id: 'stats', type: '$statsCollected' });
    if (this.unansweredAppends > 0) {
      this.unansweredAppends -= 1;
      throw grpcError(DeadlineExceededError, 4, 'Deadline Exceeded');
    }
    return { success: true, nextExpectedRevision: BigInt(current + events.length) };
  }

  async *readStream(
    streamName: string,
    options: { fromRevision: bigint; maxCount?: number },
  ): AsyncGenerator<ResolvedEventLike> {
    await Promise.resolve();
    if (this.tombstoned.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
    const stream = this.stream(streamName);
    if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const from = Number(options.fromRevision);
    const positions = atLeast(this.version, '22.6');
    for (const event of stream.slice(from, from + (options.maxCount ?? stream.length))) {
      const copy = structuredClone(event);
      yield {
        event: positions
          ? copy
          : { ...copy, position: { commit: NO_POSITION, prepare: NO_POSITION } },
      };
    }
  }

  async *readAll(options: {
    fromPosition: ReadPosition;
    maxCount: number;
  }): AsyncGenerator<ResolvedEventLike> {
    await Promise.resolve();
    if (!this.allRead) throw accessDenied();
    const from = options.fromPosition;
    let start = 0;
    if (from !== START) {
      if (from === 'end') return;
      start = this.log.findIndex(
        (event) => comparePositions(event.position as Position, from) >= 0,
      );
      if (start === -1) return;
      if ((this.log[start]?.position as Position).prepare !== from.prepare) {
        throw invalidPositionOnRead(this.version);
      }
    }
    for (const event of this.log.slice(start, start + options.maxCount)) {
      yield { event: structuredClone(event) };
    }
  }

  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }

  private stream(streamName: string): FakeEvent[] {
    return this.log.filter((event) => event.streamId === streamName);
  }

  private write(record: {
    streamName: string;
    revision: number;
    id: string;
    type: string;
    data?: unknown;
    metadata?: unknown;
    isJson?: boolean;
  }): void {
    // record sizes vary, as in the real log
    const position = this.nextPosition;
    this.nextPosition += 100n + BigInt(this.log.length % 7);
    this.log.push({
      streamId: record.streamName,
      id: record.id.toLowerCase(),
      type: record.type,
      revision: BigInt(record.revision),
      isJson: record.isJson ?? true,
      // sent and given back as JSON, as the client does
      data: viaJson(record.data ?? {}),
      metadata: record.metadata === undefined ? undefined : viaJson(record.metadata),
      position: { commit: position, prepare: position },
    });
    for (const subscription of this.subscriptions) subscription.poke();
  }
}

function viaJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** $all read or subscribed to without the right: PERMISSION_DENIED, `exception: access-denied`. */
function accessDenied(): AccessDeniedError {
  return grpcError(AccessDeniedError, 7, 'Access Denied');
}

const fakeStore = (client = new FakeEventStoreDbClient(), followWaitMs = 20) =>
  new EventStoreDbEventStore(client as unknown as EventStoreDBClient, { followWaitMs });

describeEventStoreContract('EventStoreDB adapter on a fake client', () =>
  Promise.resolve(fakeStore()),
);

describe('EventStoreDbEventStore on a fake client', () => {
  const newEvent = (eventId: string) => ({
    eventId,
    type: 'crime-reported',
    data: {},
    metadata: {},
  });

  it('reads $all in pages past other streams until maxCount victim events are found', async () => {
    const store = fakeStore();
    for (let i = 0; i < 150; i += 1) {
      await store.appendToStream(`agency-${i}`, [newEvent(randomUUID())]);
    }
    const { events } = await store.appendToStream('victim-a', [
      newEvent(randomUUID()),
      newEvent(randomUUID()),
    ]);

    const all = await store.readAll({ maxCount: 5 });
    expect(all).toEqual(events);
    const first = (events[0] as (typeof events)[number]).globalPosition;
    expect(await store.readAll({ after: first, maxCount: 1 })).toEqual([events[1]]);
    // not a record start: the server refuses to seek there, so the adapter scans from the start
    expect(await store.readAll({ after: first - 1n, maxCount: 5 })).toEqual(events);
  });

  it('gives up on an append after a bounded number of lost races', async () => {
    const client = new FakeEventStoreDbClient();
    const lose = jest.spyOn(client, 'appendToStream').mockRejectedValue(
      new WrongExpectedVersionError(undefined, {
        streamName: 'victim-b',
        expected: NO_STREAM,
        current: 0n,
      }),
    );
    await expect(fakeStore(client).appendToStream('victim-b', [newEvent('x')])).rejects.toThrow(
      /not settled in 10 attempts/,
    );
    expect(lose).toHaveBeenCalledTimes(10);
  });

  it('refuses a batch that repeats an event id', async () => {
    await expect(
      fakeStore().appendToStream('victim-c', [newEvent('same'), newEvent('SAME')]),
    ).rejects.toThrow(/repeats an event id/);
  });

  it('disposes of the client on close', async () => {
    const client = new FakeEventStoreDbClient();
    await fakeStore(client).close();
    expect(client.disposed).toBe(true);
  });
});

describe('EventStoreDbEventStore following $all on a fake client', () => {
  const newEvent = () => ({
    eventId: randomUUID(),
    type: 'crime-reported',
    data: {},
    metadata: {},
  });
  const append = async (store: EventStoreDbEventStore, streamId: string, count = 1) =>
    (await store.appendToStream(streamId, Array.from({ length: count }, newEvent))).events;
  const ids = (events: readonly RecordedEvent[]) => events.map((event) => event.eventId);
  const ticks = async (count = 5) => {
    for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  /** The projector's loop: asks again from the last position it was given. */
  class Follower {
    readonly seen: RecordedEvent[] = [];
    constructor(
      private readonly store: EventStoreDbEventStore,
      public after: bigint | undefined = undefined,
      private readonly maxCount = 2,
    ) {}

    async next(): Promise<RecordedEvent[]> {
      const page = await this.store.readAll({
        ...(this.after === undefined ? {} : { after: this.after }),
        maxCount: this.maxCount,
      });
      this.seen.push(...page);
      this.after = page.at(-1)?.globalPosition ?? this.after;
      return page;
    }

    /** Follows until `count` events have been seen in all (or gives up after many calls). */
    async until(count: number): Promise<RecordedEvent[]> {
      for (let calls = 0; this.seen.length < count && calls < 100; calls += 1) await this.next();
      return this.seen;
    }
  }

  it('serves a follower from one subscription to $all and sees events appended meanwhile', async () => {
    const client = new FakeEventStoreDbClient();
    const subscribe = jest.spyOn(client, 'subscribeToAll');
    const store = fakeStore(client);
    await append(store, 'agency-1');
    const before = await append(store, 'victim-a', 3);

    const follower = new Follower(store);
    expect(ids(await follower.until(3))).toEqual(ids(before));
    expect(await follower.next()).toEqual([]);

    // appended while it follows, interleaved with other streams and a health check
    const during = [
      ...(await append(store, 'victim-b', 2)),
      ...(await append(store, 'agency-2').then(() => append(store, 'victim-a'))),
    ];
    expect(await store.readAll({ maxCount: 1 })).toEqual([before[0]]);
    expect(ids(await follower.until(6))).toEqual(ids([...before, ...during]));
    const later = await append(store, 'victim-c');
    expect(ids(await follower.until(7))).toEqual(ids([...before, ...during, ...later]));

    const positions = follower.seen.map((event) => event.globalPosition);
    expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : 1)));
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(subscribe.mock.calls[0]?.[0]).toMatchObject({
      filter: { filterOn: STREAM_NAME, prefixes: ['victim-'] },
    });
    await store.close();
  });

  it('filters on the server: the subscription is sent victim events only', async () => {
    const client = new FakeEventStoreDbClient();
    const store = fakeStore(client);
    await append(store, 'victim-a');
    const follower = new Follower(store);
    await follower.next();
    for (let i = 0; i < 5; i += 1) {
      await append(store, `agency-${i}`);
      await append(store, `victim-${i}`);
    }
    await follower.until(6);

    const [subscription, ...others] = client.subscriptions;
    expect(others).toEqual([]);
    // from the last record the first read saw (the system event after victim-a's) on
    expect(subscription?.sent).toEqual([0, 1, 2, 3, 4].map((i) => `victim-${i}`));
    await store.close();
  });

  it('restarts the subscription for a caller asking from another position', async () => {
    const client = new FakeEventStoreDbClient();
    const subscribe = jest.spyOn(client, 'subscribeToAll');
    const store = fakeStore(client);
    const events = await append(store, 'victim-a', 6);
    const follower = new Follower(store);
    await follower.until(6);
    expect(subscribe).toHaveBeenCalledTimes(1);

    // a rebuild from the start, then from a checkpoint another worker moved on
    const rebuild = new Follower(store);
    expect(ids(await rebuild.next())).toEqual(ids(events.slice(0, 2)));
    expect(ids(await rebuild.next())).toEqual(ids(events.slice(2, 4)));
    expect(subscribe).toHaveBeenCalledTimes(2);
    expect(client.subscriptions[0]?.unsubscribed).toBe(true);
    const moved = new Follower(store, events[2]?.globalPosition);
    expect(ids(await moved.next())).toEqual(ids(events.slice(3, 5)));
    const more = await append(store, 'victim-b');
    expect(ids(await moved.until(4))).toEqual(ids([...events.slice(3), ...more]));
    expect(subscribe).toHaveBeenCalledTimes(3);
    expect(client.live()).toHaveLength(1);
    await store.close();
  });

  it('pauses the subscription while it has more than two pages buffered', async () => {
    const client = new FakeEventStoreDbClient();
    const store = fakeStore(client);
    const events = await append(store, 'victim-a', 60);
    const follower = new Follower(store, undefined, 5);
    await follower.next();
    await follower.next();
    await ticks(20);
    const sent = client.subscriptions[0]?.sent.length ?? 0;
    // two pages buffered, plus what the paused stream itself holds
    expect(sent).toBeLessThan(30);
    expect(ids(await follower.until(60))).toEqual(ids(events));
    expect(client.subscriptions).toHaveLength(1);
    await store.close();
  });

  it('unsubscribes on close, then disposes of the client', async () => {
    const client = new FakeEventStoreDbClient();
    const store = fakeStore(client);
    await append(store, 'victim-a', 2);
    const follower = new Follower(store, undefined, 1);
    await follower.until(2);
    expect(client.live()).toHaveLength(1);
    await store.close();
    expect(client.live()).toHaveLength(0);
    expect(client.disposed).toBe(true);
  });

  it('surfaces a subscription error once, then resubscribes from where the caller asks', async () => {
    const client = new FakeEventStoreDbClient();
    const subscribe = jest.spyOn(client, 'subscribeToAll');
    const store = fakeStore(client);
    const events = await append(store, 'victim-a', 3);
    const follower = new Follower(store);
    await follower.until(3);

    client.subscriptions[0]?.destroy(new Error('connection lost'));
    await ticks();
    const more = await append(store, 'victim-b', 2);
    await expect(follower.next()).rejects.toThrow('connection lost');
    expect(ids(await follower.until(5))).toEqual(ids([...events, ...more]));
    expect(subscribe).toHaveBeenCalledTimes(2);
    expect(await follower.next()).toEqual([]);
    expect(subscribe).toHaveBeenCalledTimes(2);
    await store.close();
  });

  it('fails a follower waiting on the subscription as soon as it breaks', async () => {
    const client = new FakeEventStoreDbClient();
    const store = fakeStore(client, 60_000);
    await append(store, 'victim-a');
    const follower = new Follower(store);
    await follower.next();
    const waiting = follower.next();
    await ticks();
    client.subscriptions[0]?.destroy(new Error('connection lost'));
    await expect(waiting).rejects.toThrow('connection lost');
    const more = await append(store, 'victim-a');
    expect(ids(await follower.next())).toEqual(ids(more));
    await store.close();
  });

  it.each(['22.10', '23.10', '24.10'] as const)(
    'follows from a position inside a record (a %s server): reads from the start, subscribes from a record it read',
    async (version) => {
      const client = new FakeEventStoreDbClient({ version });
      const subscribe = jest.spyOn(client, 'subscribeToAll');
      const store = fakeStore(client);
      const [event] = await append(store, 'victim-a');
      // the system event written after it starts later: this is no record start
      const inside = (event as RecordedEvent).globalPosition + 1n;
      const follower = new Follower(store, inside);
      expect(await follower.next()).toEqual([]);
      expect(await follower.next()).toEqual([]);
      const more = await append(store, 'victim-b');
      expect(ids(await follower.until(1))).toEqual(ids(more));
      const from = subscribe.mock.calls.map(([options]) => options?.fromPosition);
      expect(from).toHaveLength(1);
      expect(from[0]).not.toEqual(readPositionAfter(inside));
      await store.close();
    },
  );

  it('restarts a subscription that stalled without an error, and counts it', async () => {
    const client = new FakeEventStoreDbClient();
    const subscribe = jest.spyOn(client, 'subscribeToAll');
    const onFeedStalled = jest.fn();
    const store = new EventStoreDbEventStore(client as unknown as EventStoreDBClient, {
      followWaitMs: 20,
      stallCheckMs: 0,
      onFeedStalled,
    });
    const first = await append(store, 'victim-a', 2);
    const follower = new Follower(store);
    await follower.until(2);
    expect(await follower.next()).toEqual([]);
    expect(onFeedStalled).not.toHaveBeenCalled();

    client.subscriptions.at(-1)?.stall();
    const later = await append(store, 'victim-b', 3);
    expect(ids(await follower.until(5))).toEqual(ids([...first, ...later]));
    expect(onFeedStalled).toHaveBeenCalledTimes(1);
    // and the new subscription serves what follows
    const last = await append(store, 'victim-c');
    expect(ids(await follower.until(6))).toEqual(ids([...first, ...later, ...last]));
    expect(subscribe).toHaveBeenCalledTimes(2);
    expect(onFeedStalled).toHaveBeenCalledTimes(1);
    await store.close();
  });
});

describe('EventStoreDbEventStore against what a real server does (issue 13)', () => {
  const newEvent = (data: JsonObject = {}, eventId: string = randomUUID()) => ({
    eventId,
    type: 'crime-reported',
    data,
    metadata: { schemaVersion: 1 },
  });

  it.each(['23.10', '24.10'] as const)(
    'reads $all from a position that is no record start (%s answers UNKNOWN) by scanning from the start',
    async (version) => {
      const store = fakeStore(new FakeEventStoreDbClient({ version }));
      const { events } = await store.appendToStream('victim-a', [newEvent(), newEvent()]);
      const first = (events[0] as RecordedEvent).globalPosition;
      expect(await store.readAll({ after: first - 1n, maxCount: 5 })).toEqual(events);
      expect(await store.readAll({ after: first + 1n, maxCount: 5 })).toEqual([events[1]]);
    },
  );

  it('answers the second of two racing posts that reuse event ids with other content as a duplicate of the first', async () => {
    const store = fakeStore();
    await store.appendToStream('victim-a', [newEvent()]);
    const ids = [randomUUID(), randomUUID()];
    const post = (note: string) =>
      store.appendToStream('victim-a', [newEvent({ note }, ids[0]), newEvent({ note }, ids[1])], {
        expectedRevision: 0,
      });

    const [one, two] = await Promise.all([post('first'), post('second')]);

    expect([one.outcome, two.outcome].sort()).toEqual(['appended', 'duplicate']);
    const stored = await store.readStream('victim-a', { fromRevision: 1 });
    expect(stored.map((event) => event.data)).toEqual([{ note: 'first' }, { note: 'first' }]);
    // the duplicate gives the events as stored, so the caller sees the other content
    expect(one.events).toEqual(stored);
    expect(two.events).toEqual(stored);
    expect(two.lastRevision).toBe(2);
  });

  it('calls an append whose content is stored as sent appended, undefined members and all', async () => {
    const store = fakeStore();
    // JSON drops undefined members: the content read back is what the client sent
    const sent = newEvent({ note: 'x', caseUrn: undefined } as unknown as JsonObject);
    const result = await store.appendToStream('victim-a', [sent]);
    expect(result.outcome).toBe('appended');
    expect(result.events[0]?.data).toEqual({ note: 'x' });
  });

  it('recognises a resent append at the current revision itself: the server checks no ids there', async () => {
    const client = new FakeEventStoreDbClient();
    const store = fakeStore(client);
    const sent = newEvent({ note: 'x' });
    const first = await store.appendToStream('victim-a', [sent]);
    // the server alone stores it again at the current revision
    await client.appendToStream(
      'victim-b',
      [{ id: sent.eventId, type: 't', data: {}, metadata: {} }],
      {
        expectedRevision: NO_STREAM,
      },
    );
    await client.appendToStream(
      'victim-b',
      [{ id: sent.eventId, type: 't', data: {}, metadata: {} }],
      {
        expectedRevision: 0n,
      },
    );
    expect(await store.readStream('victim-b')).toHaveLength(2);

    const retry = await store.appendToStream('victim-a', [sent], { expectedRevision: 0 });
    expect(retry).toEqual({ outcome: 'duplicate', events: first.events, lastRevision: 0 });
    expect(await store.readStream('victim-a')).toHaveLength(1);
  });

  it('refuses stream events whose position is the sentinel of servers before 22.6', async () => {
    const client = new FakeEventStoreDbClient({ version: '21.10' });
    await client.appendToStream(
      'victim-a',
      [{ id: randomUUID(), type: 't', data: {}, metadata: {} }],
      {
        expectedRevision: NO_STREAM,
      },
    );
    await expect(fakeStore(client).readStream('victim-a')).rejects.toThrow(
      /gave no position .*older than 22\.6/,
    );
    expect(() =>
      toRecordedEvent(fakeEvent({ position: { commit: NO_POSITION, prepare: NO_POSITION } })),
    ).toThrow(/no position/);
  });

  it('says what rights reading $all needs when the server denies it', async () => {
    const store = fakeStore(new FakeEventStoreDbClient({ allRead: false }));
    await store.appendToStream('victim-a', [newEvent()]);
    const refusal = store.readAll({ maxCount: 10 });
    await expect(refusal).rejects.toThrow(/\$admins.*\$\$\$all/);
    await expect(refusal).rejects.toMatchObject({ cause: expect.any(AccessDeniedError) });
  });

  it('re-reads after an append that got no answer, and gives the stored events once', async () => {
    const client = new FakeEventStoreDbClient();
    const store = fakeStore(client);
    client.unansweredAppends = 1;
    const batch = [newEvent(), newEvent()];
    const result = await store.appendToStream('victim-a', batch, { expectedRevision: 'no-stream' });
    expect(result.outcome).toBe('duplicate');
    expect(result.events.map((event) => event.eventId)).toEqual(batch.map((e) => e.eventId));
    expect(await store.readStream('victim-a')).toEqual(result.events);
  });

  it('maps a tombstoned stream: it reads as none, and no append is ever at the expected revision', async () => {
    const client = new FakeEventStoreDbClient();
    const store = fakeStore(client);
    await store.appendToStream('victim-a', [newEvent()]);
    client.tombstone('victim-a');
    expect(await store.readStream('victim-a')).toEqual([]);
    await expect(store.appendToStream('victim-a', [newEvent()])).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(
      store.appendToStream('victim-a', [newEvent()], { expectedRevision: 'no-stream' }),
    ).rejects.toMatchObject({ streamId: 'victim-a', actual: null });
  });
});
