import { SqliteEventStore } from '@vj/event-store/sqlite';
import { onFreshStreams, ReadingFrom } from './eventstoredb';
import type { Append } from './workload';

const event = (eventId: string) => ({
  eventId,
  type: 'crime-reported',
  data: { note: eventId },
  metadata: {},
});

describe('the EventStoreDB rows’ streams', () => {
  const lanes: Append[][] = [
    [
      { streamId: 'victim-a', events: [event('e1')], before: 0 },
      { streamId: 'victim-b', events: [event('e2')], before: 0 },
    ],
    [{ streamId: 'victim-a', events: [event('e3'), event('e4')], before: 1 }],
  ];

  it('moves every stream to a new victim stream, the same one across lanes', () => {
    const [first, second] = onFreshStreams(lanes) as [Append[], Append[]];
    const [a, b] = first as [Append, Append];
    expect(a.streamId).toMatch(/^victim-[0-9a-f-]{36}$/);
    expect(a.streamId).not.toBe('victim-a');
    expect(b.streamId).not.toBe(a.streamId);
    expect(second[0]?.streamId).toBe(a.streamId);
    expect(second[0]?.before).toBe(1);
    expect(second[0]?.events.map((e) => e.data)).toEqual([{ note: 'e3' }, { note: 'e4' }]);
  });

  it('gives every event a new id, and another run other streams again', () => {
    const once = onFreshStreams(lanes).flat();
    const again = onFreshStreams(lanes).flat();
    const ids = once.flatMap((append) => append.events.map((e) => e.eventId));
    expect(new Set(ids).size).toBe(4);
    expect(ids).not.toContain('e1');
    expect(again[0]?.streamId).not.toBe(once[0]?.streamId);
  });

  it('reads back only what came after the start', async () => {
    const store = new SqliteEventStore(':memory:');
    const earlier = await store.appendToStream('victim-old', [event('old')]);
    await store.appendToStream('victim-new', [event('n1'), event('n2')]);
    const start = earlier.events[0]?.globalPosition;
    const reading = new ReadingFrom(store, start);
    expect((await reading.readAll({ maxCount: 10 })).map((e) => e.eventId)).toEqual(['n1', 'n2']);
    const [n1] = await reading.readAll({ maxCount: 1 });
    expect(
      (await reading.readAll({ after: n1?.globalPosition, maxCount: 10 })).map((e) => e.eventId),
    ).toEqual(['n2']);
    expect(
      (await new ReadingFrom(store, undefined).readAll({ maxCount: 10 })).map((e) => e.eventId),
    ).toEqual(['old', 'n1', 'n2']);
    await reading.close();
  });
});
