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

/** One request of a lane: a crime report, or one victim's events posted by one agency. */
export interface LanePost {
  victimId: string;
  posts: Post[];
}

/**
 * The events of `postLanes` (the same ones, each once), each victim's events after its crime
 * report grouped into batches of up to `batch`: a batch holds a run of the victim's consecutive
 * events posted by one agency (a post is one agency's), and is sent where its first event was in
 * posting order. A victim's posts stay on one lane; victims are shared out again so that the lanes
 * have about as many posts (when there are enough of them), and since autocannon gives every
 * connection as many requests, the shorter lanes then have their largest batches halved until
 * all are as long. A `batch` of 1 is `postLanes` itself.
 */
export function batchedLanes(workload: Workload, lanes: number, batch: number): LanePost[][] {
  const single = postLanes(workload, lanes);
  if (batch <= 1)
    return single.map((lane) => lane.map(({ victimId, post }) => ({ victimId, posts: [post] })));
  const rank = new Map<Post, number>();
  workload.order.forEach(({ stream, index }, i) =>
    rank.set((workload.streams[stream] as StreamPlan).posts[index] as Post, i),
  );
  const byVictim = new Map<string, LanePost[]>();
  for (const { victimId, post } of single.flat().sort((a, b) => rankOf(a) - rankOf(b))) {
    const own = byVictim.get(victimId) ?? [];
    byVictim.set(victimId, own);
    const last = own[own.length - 1];
    const [first] = last?.posts ?? [];
    // A crime report is posted alone; a batch is one agency's, up to `batch` events.
    const joins = !post.opens && first && !first.opens && first.agencyId === post.agencyId;
    if (last && joins && last.posts.length < batch) last.posts.push(post);
    else own.push({ victimId, posts: [post] });
  }
  // Each victim's requests on the lane it is given, in posting order.
  const onLanes = (laneOf: Map<string, number>): LanePost[][] => {
    const result: LanePost[][] = Array.from({ length: lanes }, () => []);
    for (const [victimId, own] of byVictim) result[laneOf.get(victimId) ?? 0]?.push(...own);
    return result.map((lane) => lane.sort((a, b) => rankOf(a) - rankOf(b)));
  };
  const byPosts = new Map<string, number>();
  const load = Array.from({ length: lanes }, () => 0);
  for (const [victimId, own] of [...byVictim].sort((a, b) => b[1].length - a[1].length)) {
    const lightest = load.indexOf(Math.min(...load));
    byPosts.set(victimId, lightest);
    load[lightest] = (load[lightest] ?? 0) + own.length;
  }
  let shared = onLanes(byPosts);
  const longest = (all: LanePost[][]) => Math.max(...all.map((lane) => lane.length));
  const eventsOf = (lane: LanePost[]) => lane.reduce((n, p) => n + p.posts.length, 0);
  // Too few victims to share out by posts (a lane with fewer events than another has posts):
  // the one-event lanes' sharing, whose lanes all hold as many events.
  if (shared.some((lane) => eventsOf(lane) < longest(shared))) {
    const oneEventLanes = new Map<string, number>();
    single.forEach((lane, i) => lane.forEach(({ victimId }) => oneEventLanes.set(victimId, i)));
    shared = onLanes(oneEventLanes);
  }
  const length = longest(shared);
  return shared.map((lane) => evenedTo(lane, length));

  function rankOf(p: { post: Post } | LanePost): number {
    return rank.get('post' in p ? p.post : (p.posts[0] as Post)) ?? 0;
  }
}

/** The lane with its largest batches halved (each half posted in turn) until it has `length` posts. */
function evenedTo(lane: LanePost[], length: number): LanePost[] {
  const result = [...lane];
  while (result.length < length) {
    let largest = 0;
    result.forEach((p, i) => {
      if (p.posts.length > (result[largest] as LanePost).posts.length) largest = i;
    });
    const { victimId, posts } = result[largest] as LanePost;
    if (posts.length < 2)
      throw new Error('a lane has too few events to take as many posts as the others');
    const half = Math.ceil(posts.length / 2);
    result.splice(
      largest,
      1,
      { victimId, posts: posts.slice(0, half) },
      { victimId, posts: posts.slice(half) },
    );
  }
  return result;
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
