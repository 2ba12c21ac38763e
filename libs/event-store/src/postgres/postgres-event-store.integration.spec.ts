import { randomUUID } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import {
  describeEventStoreContract,
  describeGroupCommitContract,
  newEvent,
  newStream,
} from '@vj/event-store/testing';
import type { RecordedEvent } from '../event-store';
import { POSTGRES_URL } from '../../../../test/support/server-urls';
import { PostgresEventStore } from './postgres-event-store';

const connectionString = POSTGRES_URL;
// A schema of this run's own, so that parallel workers and other suites never meet it.
const schema = `vj_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
const events = `${escapeIdentifier(schema)}.events`;

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(() => withClient((client) => client.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`)));
afterAll(() =>
  withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`)),
);

describeEventStoreContract('PostgreSQL', () =>
  PostgresEventStore.open({ connectionString, schema }),
);
describeGroupCommitContract('PostgreSQL', () =>
  PostgresEventStore.open({ connectionString, schema }),
);

describe('PostgreSQL event store', () => {
  let store: PostgresEventStore;
  /** A second connection, for transactions the store knows nothing of. */
  let raw: Client;

  beforeAll(async () => {
    store = await PostgresEventStore.open({ connectionString, schema, settleTimeoutMs: 100 });
    raw = new Client({ connectionString });
    await raw.connect();
  });

  afterAll(async () => {
    await store.close();
    await raw.end();
  });

  /**
   * Starts a transaction on the raw connection that appends one event as the store does (same
   * function) and leaves it open; answers the event's position.
   */
  async function beginAppend(streamId: string): Promise<bigint> {
    await raw.query('BEGIN');
    const { rows } = await raw.query<{ global_position: string }>(
      `SELECT global_position FROM ${escapeIdentifier(schema)}.events_append(
         $1, NULL, ARRAY[$2]::uuid[], ARRAY['held-open'], ARRAY['{}']::jsonb[], ARRAY['{}']::jsonb[])`,
      [streamId, randomUUID()],
    );
    return BigInt((rows[0] as { global_position: string }).global_position);
  }

  /** Starts a transaction that inserts revision 0 of a stream, bypassing the store's locks. */
  async function beginRawInsert(streamId: string): Promise<void> {
    await raw.query('BEGIN');
    await raw.query(
      `INSERT INTO ${events} (stream_id, stream_revision, event_id, event_type, data, metadata)
       VALUES ($1, 0, $2, 'raw', '{}', '{}')`,
      [streamId, randomUUID()],
    );
  }

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Resolves once an append in this schema waits for another transaction (on a row lock). */
  async function untilAnAppendWaitsOnALock(): Promise<void> {
    for (;;) {
      const { rows } = await withClient((client) =>
        client.query(
          `SELECT 1 FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND wait_event = 'transactionid'
              AND position($1 in query) > 0`,
          [`${escapeIdentifier(schema)}.events_append`],
        ),
      );
      if (rows.length > 0) return;
      await pause(5);
    }
  }

  /** The events after `after` of these streams, reading every page until an empty one. */
  async function readAllOf(streams: Set<string>, after: bigint): Promise<RecordedEvent[]> {
    const seen: RecordedEvent[] = [];
    for (;;) {
      const page = await store.readAll({ after, maxCount: 100 });
      const last = page[page.length - 1];
      if (!last) return seen;
      seen.push(...page.filter((e) => streams.has(e.streamId)));
      after = last.globalPosition;
    }
  }

  it('creates its schema idempotently', async () => {
    const again = await PostgresEventStore.open({ connectionString, schema });
    await again.close();
    await Promise.all(
      [1, 2, 3].map(async () =>
        (await PostgresEventStore.open({ connectionString, schema })).close(),
      ),
    );
  });

  it('reads nothing in global order past a transaction still open, then both in order', async () => {
    const held = newStream();
    const later = newStream();
    const heldPosition = await beginAppend(held);
    try {
      const appended = await store.appendToStream(later, [newEvent('committed-later')]);
      const laterPosition = (appended.events[0] as RecordedEvent).globalPosition;
      expect(laterPosition).toBeGreaterThan(heldPosition);

      // committed, but a transaction that began before it (and holds an earlier position) is
      // still open: a reader that took it now would skip the earlier one for ever
      expect(await store.readAll({ after: heldPosition - 1n, maxCount: 10 })).toEqual([]);
      expect(await store.readStream(later)).toHaveLength(1);

      await raw.query('COMMIT');
    } catch (error) {
      await raw.query('ROLLBACK');
      throw error;
    }

    const read = await store.readAll({ after: heldPosition - 1n, maxCount: 10 });
    expect(read.map((e) => e.streamId)).toEqual([held, later]);
    expect(read[0]?.globalPosition).toBe(heldPosition);
  });

  it('waits for a transaction still open to end before it reads past it', async () => {
    const patient = await PostgresEventStore.open({ connectionString, schema });
    try {
      const held = newStream();
      const later = newStream();
      const heldPosition = await beginAppend(held);
      await store.appendToStream(later, [newEvent()]);

      const reading = patient.readAll({ after: heldPosition - 1n, maxCount: 10 });
      await pause(50);
      await raw.query('COMMIT');

      expect((await reading).map((e) => e.streamId)).toEqual([held, later]);
    } finally {
      await patient.close();
    }
  });

  it('never lets a reader skip an event while batches are appended concurrently', async () => {
    const streams = new Set<string>();
    let appending = true;
    let reachedAt = 0n;
    const appended: RecordedEvent[] = [];
    const seen: RecordedEvent[] = [];

    const appender = async (n: number) => {
      for (let i = 0; i < 60; i += 1) {
        const stream = newStream();
        streams.add(stream);
        const size = 1 + ((n * 7 + i) % 20);
        const batch = Array.from({ length: size }, () => newEvent(`appender-${n}`));
        appended.push(...(await store.appendToStream(stream, batch)).events);
      }
    };
    // a reader at the tail, as a projection is: every event it passes it must have read
    const reader = async () => {
      let after = 0n;
      while (appending) {
        const page = await store.readAll({ after, maxCount: 50 });
        seen.push(...page.filter((e) => streams.has(e.streamId)));
        const last = page[page.length - 1];
        if (last) after = last.globalPosition;
        else await pause(1);
      }
      reachedAt = after;
    };

    const reading = reader();
    await Promise.all([0, 1, 2, 3].map(appender));
    appending = false;
    await reading;
    seen.push(...(await readAllOf(streams, reachedAt)));

    const inOrder = [...appended].sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1));
    expect(seen.map((e) => e.eventId)).toEqual(inOrder.map((e) => e.eventId));

    // What makes that hold whatever the timing: a transaction with a smaller id has only
    // smaller positions, so none of its positions falls among those of an earlier transaction.
    const { rows } = await withClient((client) =>
      client.query<{ overlapping: string }>(
        `SELECT count(*) AS overlapping FROM (
           SELECT min(global_position) AS first_position,
                  max(max(global_position)) OVER (ORDER BY transaction_id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_last_position
             FROM ${events} WHERE stream_id = ANY ($1) GROUP BY transaction_id) t
          WHERE earlier_last_position > first_position`,
        [[...streams]],
      ),
    );
    expect(rows[0]?.overlapping).toBe('0');
  });

  it('orders a batch by revision in the global order too', async () => {
    const stream = newStream();
    const { events: stored } = await store.appendToStream(stream, [
      newEvent(),
      newEvent(),
      newEvent(),
    ]);
    const positions = stored.map((e) => e.globalPosition);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('recognises a retry whatever the case of its event ids', async () => {
    const stream = newStream();
    const batch = [newEvent(), newEvent()];
    const first = await store.appendToStream(stream, batch);
    const retry = await store.appendToStream(
      stream,
      batch.map((e) => ({ ...e, eventId: e.eventId.toUpperCase() })),
    );
    expect(retry.outcome).toBe('duplicate');
    expect(retry.events).toEqual(first.events);
  });

  it('refuses a batch that repeats an event id', async () => {
    const event = newEvent();
    await expect(store.appendToStream(newStream(), [event, event])).rejects.toThrow(
      /repeats an event id/,
    );
  });

  it('releases its positions lock when an insert fails', async () => {
    // A writer that bypasses the store takes revision 0 of a stream and commits while an
    // append to that stream waits on it, holding the positions lock: the append fails.
    const stream = newStream();
    await beginRawInsert(stream);
    const failing = store.appendToStream(stream, [newEvent()]);
    await untilAnAppendWaitsOnALock();
    await raw.query('COMMIT');
    await expect(failing).rejects.toMatchObject({ code: '23505' });

    // other appends are not held up
    const next = await store.appendToStream(newStream(), [newEvent()]);
    expect(next.outcome).toBe('appended');
  });

  /** How many transactions stored the events of these streams. */
  async function transactionsOf(streams: string[]): Promise<number> {
    const { rows } = await withClient((client) =>
      client.query<{ transactions: string }>(
        `SELECT count(DISTINCT transaction_id) AS transactions FROM ${events}
          WHERE stream_id = ANY ($1)`,
        [streams],
      ),
    );
    return Number(rows[0]?.transactions);
  }

  it('stores the appends made together in one transaction, in groups of at most the size set', async () => {
    const grouping = await PostgresEventStore.open({ connectionString, schema, maxGroupSize: 10 });
    try {
      const streams = Array.from({ length: 25 }, newStream);
      const results = await Promise.all(
        streams.map((s) => grouping.appendToStream(s, [newEvent(), newEvent()])),
      );
      expect(results.map((r) => r.lastRevision)).toEqual(streams.map(() => 1));
      expect(await transactionsOf(streams)).toBe(3);

      // one at a time, each waiting for the one before: a transaction each
      const alone = [newStream(), newStream()];
      for (const stream of alone) await grouping.appendToStream(stream, [newEvent()]);
      expect(await transactionsOf(alone)).toBe(2);
    } finally {
      await grouping.close();
    }
  });

  it('refuses only the append whose data PostgreSQL refuses, storing the others of its group', async () => {
    const streams = [newStream(), newStream(), newStream()];
    const [before, refused, after] = await Promise.allSettled(
      streams.map((stream, i) =>
        store.appendToStream(stream, [
          // a NUL character: JSON allows it, PostgreSQL's jsonb does not
          i === 1 ? { ...newEvent(), data: { note: 'before\u0000after' } } : newEvent(),
        ]),
      ),
    );
    expect(before).toMatchObject({ status: 'fulfilled', value: { outcome: 'appended' } });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: '22P05' } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { outcome: 'appended' } });
    expect(await store.readStream(streams[0] as string)).toHaveLength(1);
    expect(await store.readStream(streams[1] as string)).toEqual([]);
    expect(await store.readStream(streams[2] as string)).toHaveLength(1);
  });
});
