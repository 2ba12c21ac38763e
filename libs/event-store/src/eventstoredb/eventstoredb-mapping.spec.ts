import { randomUUID } from 'node:crypto';
import {
  type AppendExpectedRevision,
  type EventStoreDBClient,
  NO_STREAM,
  type Position,
  type ReadPosition,
  START,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
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
 * An in-memory stand-in for the server, as far as this adapter uses it: appends at an explicit
 * revision (idempotent on event ids, like the server), stream reads that fail for a missing
 * stream, and $all reads that are inclusive and fail for a position that is not a record start.
 * Every append also writes a system event, so $all holds more than victim events. It checks the
 * adapter's logic without a server; it is no substitute for the contract run against one.
 */
class FakeEventStoreDbClient {
  private readonly log: FakeEvent[] = [];
  private nextPosition = 1000n;
  disposed = false;

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
  }
}

const fakeStore = (client = new FakeEventStoreDbClient()) =>
  new EventStoreDbEventStore(client as unknown as EventStoreDBClient);

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
