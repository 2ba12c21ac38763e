/**
 * The EventStoreDB rows of the store part, run when `EVENTSTORE_CONNECTION_STRING` names a
 * server. A server keeps its streams from one run to the next (the benchmark cannot drop them as
 * it drops its PostgreSQL schemas), so each row appends to streams of its own, and reading back
 * and the rebuild start where this run's events begin.
 */
import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '@vj/event-store';
import { VICTIM_STREAM_PREFIX } from '@vj/event-store';
import type { Append } from './workload';

/**
 * The same appends on streams no earlier run used: every stream gets a new victim id and every
 * event a new id, consistently across lanes, so a stream's appends still follow one another.
 */
export function onFreshStreams(lanes: Append[][]): Append[][] {
  const renamed = new Map<string, string>();
  const streamOf = (streamId: string): string => {
    let fresh = renamed.get(streamId);
    if (!fresh) {
      fresh = `${VICTIM_STREAM_PREFIX}${randomUUID()}`;
      renamed.set(streamId, fresh);
    }
    return fresh;
  };
  return lanes.map((lane) =>
    lane.map((append) => ({
      ...append,
      streamId: streamOf(append.streamId),
      events: append.events.map((event): NewEvent => ({ ...event, eventId: randomUUID() })),
    })),
  );
}

/** The global position of the last record in the server's $all: this run's events come after it. */
export async function endOfAll(connectionString: string): Promise<bigint | undefined> {
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    for await (const resolved of client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
    })) {
      // The adapter's global position is the prepare position (globalPositionOf).
      if (resolved.event?.position) return resolved.event.position.prepare;
    }
    return undefined;
  } finally {
    await client.dispose();
  }
}

/** A store whose `readAll` starts after `start`: what a rebuild of this run's events alone reads. */
export class ReadingFrom implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly start: bigint | undefined,
  ) {}

  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { after, maxCount } = options;
    const from =
      this.start === undefined || (after !== undefined && after > this.start) ? after : this.start;
    return this.inner.readAll({ ...(from === undefined ? {} : { after: from }), maxCount });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
