import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { type NewEvent, WrongExpectedRevisionError } from '@vj/event-store';
import { describeEventStoreContract } from '@vj/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Collected only where a server answers (jest.config.js); the integration tier's global setup
// then sets the connection string (the one given, the compose default it found, or a container
// it started).
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (!connectionString)
  throw new Error('EVENTSTORE_CONNECTION_STRING is not set: no server to run against');

// A shared server: the contract works on fresh streams, so nothing needs cleaning up.
describeEventStoreContract('EventStoreDB', () =>
  Promise.resolve(EventStoreDbEventStore.fromConnectionString(connectionString)),
);

// What the in-memory stand-in (eventstoredb-mapping.spec.ts) reproduces, checked on the server.
describe('EventStoreDB adapter against the real server', () => {
  let store: EventStoreDbEventStore;
  let client: EventStoreDBClient;

  beforeAll(() => {
    store = EventStoreDbEventStore.fromConnectionString(connectionString);
    client = EventStoreDBClient.connectionString(connectionString);
  });

  afterAll(async () => {
    await store.close();
    await client.dispose();
  });

  const newStream = () => `victim-${randomUUID()}`;
  const newEvent = (note = 'x', eventId = randomUUID()): NewEvent => ({
    eventId,
    type: 'crime-reported',
    data: { note },
    metadata: { schemaVersion: 1 },
  });

  it('reads $all from a position inside a record, which the server cannot seek to', async () => {
    const { events } = await store.appendToStream(newStream(), [newEvent(), newEvent()]);
    const first = (events[0] as (typeof events)[number]).globalPosition;
    const ids = new Set(events.map((event) => event.eventId));
    const found = [];
    let after = first - 1n;
    while (found.length < 2) {
      const page = await store.readAll({ after, maxCount: 100 });
      if (page.length === 0) break;
      found.push(...page.filter((event) => ids.has(event.eventId)));
      after = (page.at(-1) as (typeof page)[number]).globalPosition;
    }
    expect(found).toEqual(events);
  });

  it('answers the loser of two posts racing with the same ids and other content as a duplicate', async () => {
    const stream = newStream();
    await store.appendToStream(stream, [newEvent()]);
    const ids = [randomUUID(), randomUUID()];
    const post = (note: string) =>
      store.appendToStream(stream, [newEvent(note, ids[0]), newEvent(note, ids[1])], {
        expectedRevision: 0,
      });
    const results = await Promise.all([post('first'), post('second')]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['appended', 'duplicate']);
    const stored = await store.readStream(stream, { fromRevision: 1 });
    expect(stored).toHaveLength(2);
    for (const result of results) expect(result.events).toEqual(stored);
  });

  it('reads a tombstoned stream as none, and refuses appends to it', async () => {
    const stream = newStream();
    await store.appendToStream(stream, [newEvent()]);
    await client.tombstoneStream(stream);
    expect(await store.readStream(stream)).toEqual([]);
    await expect(store.appendToStream(stream, [newEvent()])).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
  });
});
