import { agencyCaller } from '@vj/access-policy';
import { join } from 'node:path';
import type { Agency, AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { demoJourneys } from '@vj/demo-data';
import type { PostedEvent } from '@vj/event-schemas';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@vj/event-store';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import { JourneyIngestion } from '@vj/ingestion';

/**
 * The benchmark's events: the demo dataset's posts (realistic bodies, about ten per victim), put
 * once through the real ingestion use case on a throwaway store, so that every store is given
 * exactly what the API would store (metadata, stored event ids, content hashes).
 */

/** One posted event, as the HTTP benchmark sends it. */
export interface Post {
  agencyId: string;
  /** True for the crime report that opens the journey (POST /v1/victims). */
  opens: boolean;
  body: PostedEvent;
}

/** One victim's stream: its events in order, and the posts that produced them. */
export interface StreamPlan {
  victimId: string;
  streamId: string;
  events: NewEvent[];
  posts: Post[];
}

export interface Workload {
  /** The clock every run judges and validates against. */
  now: Date;
  streams: StreamPlan[];
  /** Every event in posting order (across streams): which stream, and its index there. */
  order: { stream: number; index: number }[];
  eventCount: number;
}

/** One append to the store: a run of consecutive events of one stream. */
export interface Append {
  streamId: string;
  events: NewEvent[];
  /** Events already in the stream before this append (the expected revision is this minus 1). */
  before: number;
}

export const AGENCIES_FILE = join(__dirname, '..', 'config', 'agencies.dev.json');

/** `events` events from the demo dataset of `seed`, cut to exactly that many (in posting order). */
export async function buildWorkload(
  events: number,
  seed: number,
  now: Date,
  agencies: AgencyDirectory,
): Promise<Workload> {
  // About eleven events per journey: a few more journeys than needed, cut in posting order, so
  // the streams that open last are shorter, as in a live store.
  let count = Math.ceil(events / 10) + 1;
  let posts = demoJourneys({ count, seed, now });
  while (posts.length < events) {
    count = Math.ceil(count * 1.25);
    posts = demoJourneys({ count, seed, now });
  }
  const chosen = posts.slice(0, events);

  const recorder = new RecordingStore(new SqliteEventStore(':memory:'));
  const clock = new FixedClock(now);
  const ingestion = new JourneyIngestion(recorder, clock, inMemoryPersonalDataVault(clock));
  const streams: StreamPlan[] = [];
  const byStreamId = new Map<string, number>();
  const order: Workload['order'] = [];
  const asAgency = (id: string): Agency => {
    const agency = agencies.byId(id);
    if (!agency) throw new Error(`no agency ${id} in ${AGENCIES_FILE}`);
    return agency;
  };

  for (const post of chosen) {
    const agency = asAgency(post.agencyId);
    recorder.appended.length = 0;
    let result;
    if (post.victim === 'new') {
      result = await ingestion.registerVictim(agencyCaller(agency), post.body);
    } else {
      const plan = streams[post.victim];
      if (!plan) throw new Error(`journey ${post.victim} was never opened`);
      result = await ingestion.postEvents(agencyCaller(agency), plan.victimId, post.body);
    }
    const [append] = recorder.appended;
    if (result.replayed || !append || recorder.appended.length !== 1) {
      throw new Error(`the demo post ${post.body.eventId} was not stored as one new event`);
    }
    let stream = byStreamId.get(append.streamId);
    if (stream === undefined) {
      stream = streams.length;
      byStreamId.set(append.streamId, stream);
      streams.push({ victimId: result.victimId, streamId: append.streamId, events: [], posts: [] });
    }
    const plan = streams[stream] as StreamPlan;
    order.push({ stream, index: plan.events.length });
    plan.events.push(...append.events);
    plan.posts.push({ agencyId: post.agencyId, opens: post.victim === 'new', body: post.body });
  }
  await recorder.close();
  return { now, streams, order, eventCount: order.length };
}

/** A small workload to warm up on, whose victims are not `workload`'s (demo crime references could coincide). */
export async function buildWarmup(
  workload: Workload,
  events: number,
  seed: number,
  agencies: AgencyDirectory,
): Promise<Workload> {
  const taken = new Set(workload.streams.map((plan) => plan.streamId));
  let warmup = await buildWorkload(events, seed + 1, workload.now, agencies);
  for (let other = seed + 2; warmup.streams.some((p) => taken.has(p.streamId)); other++) {
    warmup = await buildWorkload(events, other, workload.now, agencies);
  }
  return warmup;
}

/**
 * The appends of each of `lanes` concurrent appenders: a stream belongs to one appender; it
 * appends up to `batch` consecutive events of a stream at a time, in posting order.
 */
export function appendLanes(workload: Workload, lanes: number, batch: number): Append[][] {
  const result: Append[][] = Array.from({ length: lanes }, () => []);
  // A batch is started by the stream's event that is posted first, and holds what follows it.
  for (const { stream, index } of workload.order) {
    if (index % batch !== 0) continue;
    const plan = workload.streams[stream] as StreamPlan;
    (result[stream % lanes] as Append[]).push({
      streamId: plan.streamId,
      events: plan.events.slice(index, index + batch),
      before: index,
    });
  }
  return result;
}

/**
 * The posts of each of `lanes` concurrent HTTP clients, all lanes as long: a victim belongs to one
 * client (its crime report first), victims are shared out so that the lanes come out about even,
 * and every lane is cut to the shortest (a stream cut keeps its first events, still valid).
 */
export function postLanes(workload: Workload, lanes: number): { victimId: string; post: Post }[][] {
  const laneOf = new Map<number, number>();
  const load = Array.from({ length: lanes }, () => 0);
  const longestFirst = workload.streams
    .map((plan, stream) => ({ stream, posts: plan.posts.length }))
    .sort((a, b) => b.posts - a.posts);
  for (const { stream, posts } of longestFirst) {
    const lightest = load.indexOf(Math.min(...load));
    laneOf.set(stream, lightest);
    load[lightest] = (load[lightest] ?? 0) + posts;
  }
  const result: { victimId: string; post: Post }[][] = Array.from({ length: lanes }, () => []);
  for (const { stream, index } of workload.order) {
    const plan = workload.streams[stream] as StreamPlan;
    result[laneOf.get(stream) ?? 0]?.push({
      victimId: plan.victimId,
      post: plan.posts[index] as Post,
    });
  }
  const shortest = Math.min(...result.map((lane) => lane.length));
  return result.map((lane) => lane.slice(0, shortest));
}

/** Passes everything to a store, and keeps what was appended. */
class RecordingStore implements EventStore {
  readonly appended: { streamId: string; events: NewEvent[] }[] = [];

  constructor(private readonly inner: EventStore) {}

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const result = await this.inner.appendToStream(streamId, events, options);
    if (result.outcome === 'appended') this.appended.push({ streamId, events: [...events] });
    return result;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The first `events` events of the workload in posting order (every stream cut to its part). */
export function prefixOf(workload: Workload, events: number): Workload {
  if (events >= workload.eventCount) return workload;
  const order = workload.order.slice(0, events);
  const kept = new Map<number, number>();
  for (const { stream } of order) kept.set(stream, (kept.get(stream) ?? 0) + 1);
  const streams = workload.streams.map((plan, i) => {
    const n = kept.get(i) ?? 0;
    return { ...plan, events: plan.events.slice(0, n), posts: plan.posts.slice(0, n) };
  });
  return { now: workload.now, streams, order, eventCount: order.length };
}
