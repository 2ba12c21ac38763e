import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  type AppendExpectedRevision,
  type EventStoreDBClient,
  NO_STREAM,
  type Position,
  type ReadPosition,
  START,
  STREAM_NAME,
  StreamNotFoundError,
  type SubscribeToAllOptions,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { RecordedEvent } from '@vj/event-store';
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
  it('recognises the INVALID_ARGUMENT answer to a read from a position inside a record', () => {
    expect(isInvalidPositionError(invalidPositionError())).toBe(true);
    expect(isInvalidPositionError(new UnknownError())).toBe(false);
    expect(isInvalidPositionError(new StreamNotFoundError(undefined, 'victim-1'))).toBe(false);
    expect(isInvalidPositionError(new Error('invalid position'))).toBe(false);
  });
});

function invalidPositionError(): UnknownError {
  return Object.assign(new UnknownError(undefined, 'Trying to read from an invalid position.'), {
    code: 3,
  });
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

  private send(): void {
    while (this.wanted && !this.unsubscribed && !this.destroyed && this.next < this.log.length) {
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

/**
 * An in-memory stand-in for the server, as far as this adapter uses it: appends at an explicit
 * revision (idempotent on event ids, like the server), stream reads that fail for a missing
 * stream, $all reads that are inclusive and fail for a position that is not a record start, and
 * catch-up subscriptions to $all (inclusive too, filtered by stream-name prefixes, live).
 * Every append also writes a system event, so $all holds more than victim events. It checks the
 * adapter's logic without a server; it is no substitute for the contract run against one.
 */
class FakeEventStoreDbClient {
  private readonly log: FakeEvent[] = [];
  private nextPosition = 1000n;
  disposed = false;
  readonly subscriptions: FakeSubscription[] = [];

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
    if (invalid) setImmediate(() => subscription.destroy(invalidPositionError()));
    return subscription;
  }

  /** The subscriptions that are still open. */
  live(): FakeSubscription[] {
    return this.subscriptions.filter((s) => !s.unsubscribed && !s.destroyed);
  }

  async appendToStream(
    streamName: string,
    events: { id: string; type: string; data: unknown; metadata: unknown }[],
    options: { expectedRevision: AppendExpectedRevision },
  ): Promise<{ success: boolean; nextExpectedRevision: bigint }> {
    await Promise.resolve();
    const stream = this.stream(streamName);
    const current = stream.length - 1;
    const expected = options.expectedRevision === NO_STREAM ? -1 : options.expectedRevision;
    if (typeof expected !== 'bigint' && expected !== -1) throw new Error('explicit revisions only');
    const from = Number(expected) + 1;
    if (current !== Number(expected)) {
      const already = stream.slice(from, from + events.length).map((event) => event.id);
      if (already.join() === events.map((event) => event.id).join()) {
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
    return { success: true, nextExpectedRevision: BigInt(current + events.length) };
  }

  async *readStream(
    streamName: string,
    options: { fromRevision: bigint; maxCount?: number },
  ): AsyncGenerator<ResolvedEventLike> {
    await Promise.resolve();
    const stream = this.stream(streamName);
    if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const from = Number(options.fromRevision);
    for (const event of stream.slice(from, from + (options.maxCount ?? stream.length))) {
      yield { event: structuredClone(event) };
    }
  }

  async *readAll(options: {
    fromPosition: ReadPosition;
    maxCount: number;
  }): AsyncGenerator<ResolvedEventLike> {
    await Promise.resolve();
    const from = options.fromPosition;
    let start = 0;
    if (from !== START) {
      if (from === 'end') return;
      start = this.log.findIndex(
        (event) => comparePositions(event.position as Position, from) >= 0,
      );
      if (start === -1) return;
      if ((this.log[start]?.position as Position).prepare !== from.prepare) {
        throw invalidPositionError();
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
      data: structuredClone(record.data ?? {}),
      metadata: structuredClone(record.metadata),
      position: { commit: position, prepare: position },
    });
    for (const subscription of this.subscriptions) subscription.poke();
  }
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
      /lost 10 races/,
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
    // from the position of victim-a's event on, which the fake (inclusive) sends again
    expect(subscription?.sent).toEqual(['victim-a', ...[0, 1, 2, 3, 4].map((i) => `victim-${i}`)]);
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

  it('subscribes from the start when asked to follow from inside a record', async () => {
    const client = new FakeEventStoreDbClient();
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
    expect(subscribe.mock.calls.map(([options]) => options?.fromPosition)).toEqual([
      { commit: inside, prepare: inside },
      START,
    ]);
    await store.close();
  });
});
