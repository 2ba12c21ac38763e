import { EventIdConflictError, type EventStore, WrongExpectedRevisionError } from '../src';

import { newEvent, newStream } from './new-events';
/**
 * The one contract every event store adapter passes. Each test works on fresh streams, so the
 * suite can run against a shared server (EventStoreDB) as well as a fresh embedded file.
 */
export function describeEventStoreContract(
  adapterName: string,
  openStore: () => Promise<EventStore>,
): void {
  describe(`event store contract: ${adapterName}`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await openStore();
    });

    afterAll(async () => {
      await store.close();
    });

    it('numbers a stream from revision 0 with no gaps across appends', async () => {
      const stream = newStream();
      const first = await store.appendToStream(stream, [newEvent(), newEvent()]);
      const second = await store.appendToStream(stream, [newEvent()]);

      expect(first.outcome).toBe('appended');
      expect(first.events.map((e) => e.revision)).toEqual([0, 1]);
      expect(second.events.map((e) => e.revision)).toEqual([2]);
      expect(second.lastRevision).toBe(2);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it('gives back data and metadata exactly as stored', async () => {
      const stream = newStream();
      const event = newEvent('crime-reported', {
        nested: { list: [1, 'two', null, true], text: 'Ysbyty Gwynedd – “quoted”' },
      });
      const { events } = await store.appendToStream(stream, [event]);
      const [read] = await store.readStream(stream);

      expect(read).toEqual(events[0]);
      expect(read).toMatchObject({
        streamId: stream,
        eventId: event.eventId,
        type: 'crime-reported',
        data: event.data,
        metadata: event.metadata,
      });
    });

    it('reads nothing from a stream that does not exist', async () => {
      expect(await store.readStream(newStream())).toEqual([]);
    });

    it('pages through a stream by revision', async () => {
      const stream = newStream();
      await store.appendToStream(stream, [
        newEvent(),
        newEvent(),
        newEvent(),
        newEvent(),
        newEvent(),
      ]);

      const page1 = await store.readStream(stream, { fromRevision: 0, maxCount: 2 });
      const page2 = await store.readStream(stream, { fromRevision: 2, maxCount: 2 });
      const page3 = await store.readStream(stream, { fromRevision: 4, maxCount: 2 });
      const beyond = await store.readStream(stream, { fromRevision: 5, maxCount: 2 });

      expect(page1.map((e) => e.revision)).toEqual([0, 1]);
      expect(page2.map((e) => e.revision)).toEqual([2, 3]);
      expect(page3.map((e) => e.revision)).toEqual([4]);
      expect(beyond).toEqual([]);
    });

    it('orders events across streams by a global position, readable in pages', async () => {
      const a = newStream();
      const b = newStream();
      // Read from a position the store handed out: EventStoreDB cannot seek to any other.
      const [marker] = (await store.appendToStream(newStream(), [newEvent()])).events;
      const appended = [
        ...(await store.appendToStream(a, [newEvent()])).events,
        ...(await store.appendToStream(b, [newEvent(), newEvent()])).events,
        ...(await store.appendToStream(a, [newEvent()])).events,
      ];
      const positions = appended.map((e) => e.globalPosition);
      expect([...positions].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(positions);
      expect(new Set(positions).size).toBe(4);

      const ours = new Set([a, b]);
      const seen = [];
      let after = (marker as (typeof appended)[number]).globalPosition;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 2 });
        if (page.length === 0) break;
        seen.push(...page.filter((e) => ours.has(e.streamId)));
        after = (page[page.length - 1] as (typeof page)[number]).globalPosition;
        if (seen.length >= 4) break;
      }
      expect(seen.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
      expect(seen.map((e) => e.globalPosition)).toEqual(positions);
    });

    it('appends only at the expected revision', async () => {
      const stream = newStream();
      await expect(
        store.appendToStream(stream, [newEvent()], { expectedRevision: 0 }),
      ).rejects.toThrow(WrongExpectedRevisionError);
      await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' });
      await expect(
        store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' }),
      ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 0 });
      await expect(
        store.appendToStream(stream, [newEvent()], { expectedRevision: 5 }),
      ).rejects.toThrow(WrongExpectedRevisionError);
      const ok = await store.appendToStream(stream, [newEvent()], { expectedRevision: 0 });
      expect(ok.lastRevision).toBe(1);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('lets exactly one of two concurrent appends at the same revision win', async () => {
      const stream = newStream();
      await store.appendToStream(stream, [newEvent()]);

      const results = await Promise.allSettled([
        store.appendToStream(stream, [newEvent('first')], { expectedRevision: 0 }),
        store.appendToStream(stream, [newEvent('second')], { expectedRevision: 0 }),
      ]);

      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('acknowledges many concurrent appends to different streams, all readable in order', async () => {
      const streams = Array.from({ length: 40 }, newStream);
      const results = await Promise.all(
        streams.map((stream, i) =>
          store.appendToStream(stream, i % 3 === 0 ? [newEvent(), newEvent()] : [newEvent()]),
        ),
      );
      expect(results.map((r) => r.outcome)).toEqual(streams.map(() => 'appended'));
      const appended = results
        .flatMap((r) => r.events)
        .sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
      expect(new Set(appended.map((e) => e.globalPosition)).size).toBe(appended.length);

      // every one of them, in global order, none missing, none twice
      const ours = new Set(streams);
      const seen = [];
      let after = (appended[0] as (typeof appended)[number]).globalPosition - 1n;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 7 });
        const last = page[page.length - 1];
        if (!last) break;
        seen.push(...page.filter((e) => ours.has(e.streamId)));
        after = last.globalPosition;
        if (seen.length >= appended.length) break;
      }
      expect(seen.map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
      for (const stream of streams) {
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual(read.map((_, i) => i));
      }
    });

    it('lets one of many concurrent appends at the same revision win, refusing the rest', async () => {
      const stream = newStream();
      await store.appendToStream(stream, [newEvent()]);

      const batches = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => [
        newEvent(`racer-${n}`),
        newEvent(`racer-${n}`),
      ]);
      const results = await Promise.allSettled(
        batches.map((batch) => store.appendToStream(stream, batch, { expectedRevision: 0 })),
      );

      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lost = results.filter((r) => r.status === 'rejected');
      expect(lost.map((r) => r.reason)).toEqual(
        lost.map(() => expect.objectContaining({ name: 'WrongExpectedRevisionError', actual: 2 })),
      );
      // the winner's batch, whole, right after the first event; nothing of the others
      const read = await store.readStream(stream);
      const winner = batches[results.findIndex((r) => r.status === 'fulfilled')] ?? [];
      expect(read.slice(1).map((e) => e.eventId)).toEqual(winner.map((e) => e.eventId));
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it('refuses a failing append without failing the appends made with it', async () => {
      const stale = newStream();
      await store.appendToStream(stale, [newEvent()]);
      const conflicting = newStream();
      const stored = newEvent();
      await store.appendToStream(conflicting, [stored]);
      const fine = [newStream(), newStream()];

      const [first, wrongRevision, conflict, second] = await Promise.allSettled([
        store.appendToStream(fine[0] as string, [newEvent()], { expectedRevision: 'no-stream' }),
        store.appendToStream(stale, [newEvent(), newEvent()], { expectedRevision: 5 }),
        store.appendToStream(conflicting, [newEvent(), stored]),
        store.appendToStream(fine[1] as string, [newEvent(), newEvent()]),
      ]);

      expect(first).toMatchObject({ status: 'fulfilled', value: { outcome: 'appended' } });
      expect(second).toMatchObject({ status: 'fulfilled', value: { lastRevision: 1 } });
      expect(wrongRevision).toMatchObject({
        status: 'rejected',
        reason: expect.any(WrongExpectedRevisionError) as unknown,
      });
      expect(conflict).toMatchObject({
        status: 'rejected',
        reason: expect.any(EventIdConflictError) as unknown,
      });
      expect(await store.readStream(fine[0] as string)).toHaveLength(1);
      expect(await store.readStream(fine[1] as string)).toHaveLength(2);
      expect(await store.readStream(stale)).toHaveLength(1);
      expect(await store.readStream(conflicting)).toHaveLength(1);
    });

    it('answers an append and its retry made together with the events stored once', async () => {
      const stream = newStream();
      const batch = [newEvent(), newEvent()];
      const [one, other] = await Promise.all([
        store.appendToStream(stream, batch),
        store.appendToStream(stream, batch),
        store.appendToStream(newStream(), [newEvent()]),
      ]);

      expect(one?.events).toEqual(other?.events);
      expect(one?.events.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
      // Which of two made at once is the retry is a race: EventStoreDB may call both appended.
      expect(one?.outcome === 'duplicate' && other?.outcome === 'duplicate').toBe(false);
      expect(await store.readStream(stream)).toEqual(one?.events);
    });

    it('keeps each batch contiguous when appends without a revision race', async () => {
      const stream = newStream();
      const batches = [0, 1, 2, 3].map((n) => [newEvent(`batch-${n}`), newEvent(`batch-${n}`)]);
      await Promise.all(batches.map((batch) => store.appendToStream(stream, batch)));

      const read = await store.readStream(stream);
      expect(read).toHaveLength(8);
      for (let i = 0; i < 8; i += 2) {
        expect(read[i]?.type).toBe(read[i + 1]?.type);
      }
    });

    it('stores nothing of a batch that is refused', async () => {
      const stream = newStream();
      await store.appendToStream(stream, [newEvent()]);
      await expect(
        store.appendToStream(stream, [newEvent(), newEvent(), newEvent()], { expectedRevision: 7 }),
      ).rejects.toThrow(WrongExpectedRevisionError);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('treats a retried append as a duplicate and stores nothing new', async () => {
      const stream = newStream();
      const batch = [newEvent(), newEvent()];
      const first = await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
      await store.appendToStream(stream, [newEvent()]);

      // the retry carries the revision the first attempt expected, which is now stale
      const retry = await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
      const retryAny = await store.appendToStream(stream, batch);

      expect(retry.outcome).toBe('duplicate');
      expect(retry.events).toEqual(first.events);
      expect(retryAny.events).toEqual(first.events);
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('refuses a batch that repeats an event id, and an empty one, storing nothing', async () => {
      const stream = newStream();
      const event = newEvent();
      await expect(store.appendToStream(stream, [event, { ...event }])).rejects.toThrow(
        'repeats an event id',
      );
      await expect(store.appendToStream(stream, [])).rejects.toThrow('at least one event');
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('refuses a batch that repeats some stored event ids with new ones, storing none', async () => {
      const stream = newStream();
      const stored = newEvent();
      await store.appendToStream(stream, [stored]);

      await expect(store.appendToStream(stream, [stored, newEvent()])).rejects.toThrow(
        EventIdConflictError,
      );
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });
}
