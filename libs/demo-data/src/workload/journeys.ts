import type { PoliceArea } from '@vj/agencies';
import type { PostedEvent } from '@vj/event-schemas';
import { GROUP, JourneyWriter, mix, OFFENCES, type PlanShares, Random } from '../demo-journeys';
import { WORKLOAD_AREAS, type WorkloadArea } from './areas';

/**
 * The workload generator: synthetic victims' journeys across the 43 police areas of England and
 * Wales, as the agencies would post them. Pure and seeded: the same options give the same
 * journeys, byte for byte. Lazy: journeys are made one at a time, so memory does not grow with
 * the number asked for. docs/workload.md gives the shares and why.
 */

export interface WorkloadOptions {
  /** How many victims (journeys). */
  victims: number;
  seed: number;
  /** Crimes are reported from this instant... */
  from: Date;
  /** ...until this one, and nothing happens at or after it (journeys still open are cut here). */
  to: Date;
}

/** One event as its agency posts it. */
export interface WorkloadPost {
  /** The posting agency (areas.ts; the load directory holds every one). */
  agencyId: string;
  /** The body, exactly as sent to the API: a valid posted event. */
  body: PostedEvent;
}

export interface WorkloadJourney {
  /** 0, 1, 2...: journeys come in the order their crimes were reported. */
  index: number;
  area: PoliceArea;
  /** In time order (occurredAt, then the order they were written); the first is the crime report. */
  posts: WorkloadPost[];
}

/** One event of the interleaved national feed. */
export interface FeedPost extends WorkloadPost {
  /** The journey it belongs to: its crime report opened journey `journey`. */
  journey: number;
}

/**
 * Where journeys are headed, by offence group, in per cent: about 7 in 100 crimes end in a charge
 * (4 of volume crime, 8 of other violence, 15 of the serious group), most end at the police
 * stage with no suspect identified or no further action. Assumptions drawn from the Home Office's
 * crime outcomes in England and Wales (year to March 2024); docs/workload.md sets them out.
 */
export const WORKLOAD_PLANS: PlanShares = {
  volume: [
    ['reported', 12],
    ['not-investigated', 55],
    ['investigation', 22],
    ['out-of-court', 4],
    ['police-not-prosecuted', 2],
    ['cps-not-charged', 1],
    ['court', 4],
  ],
  violence: [
    ['reported', 8],
    ['not-investigated', 12],
    ['investigation', 52],
    ['out-of-court', 8],
    ['police-not-prosecuted', 8],
    ['cps-not-charged', 4],
    ['court', 8],
  ],
  serious: [
    ['reported', 6],
    ['not-investigated', 4],
    ['investigation', 50],
    ['out-of-court', 3],
    ['police-not-prosecuted', 10],
    ['cps-not-charged', 12],
    ['court', 15],
  ],
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Areas drawn in proportion to their weight (roughly, the crimes each force records). */
const AREA_WEIGHTS: readonly (readonly [WorkloadArea, number])[] = WORKLOAD_AREAS.map((a) => [
  a,
  a.weight,
]);

export function checkWorkloadOptions(options: WorkloadOptions): void {
  const { victims, seed, from, to } = options;
  if (!Number.isSafeInteger(victims) || victims < 0)
    throw new RangeError('victims must be a whole number');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a whole number');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    throw new RangeError('from and to must be dates');
  if (to.getTime() - from.getTime() < 2 * HOUR)
    throw new RangeError('to must be at least two hours after from');
}

/**
 * The journeys, one at a time, in the order their crimes were reported. Report times are the
 * sorted draws of `victims` uniform instants in [from, to - 1 hour), made in ascending order one
 * after another (each the next order statistic of those left), so no list of them is kept.
 */
export function* journeysOf(options: WorkloadOptions): Generator<WorkloadJourney, void, undefined> {
  checkWorkloadOptions(options);
  const { victims, seed } = options;
  const from = options.from.getTime();
  const cutoff = options.to.getTime();
  const span = cutoff - HOUR - from;
  const times = new Random(mix(seed, 0x71e5));
  let x = 0;
  for (let index = 0; index < victims; index++) {
    // The smallest of the victims - index uniforms left in [x, 1).
    x = 1 - (1 - x) * (1 - times.next()) ** (1 / (victims - index));
    const reportedAt = Math.floor((from + x * span) / MINUTE) * MINUTE;
    const rng = new Random(mix(seed, index, 0x10e7));
    const offence = rng.weighted(OFFENCES);
    const area = rng.weighted(AREA_WEIGHTS);
    const writer = new JourneyWriter(
      rng,
      seed,
      index,
      area,
      // Crime serials: one per victim, unique across areas and years.
      100_000 + index,
      offence,
      Math.max(from, reportedAt),
      cutoff,
      { eventIdPrefix: `wl-${seed}`, urnSerialDigits: 'all', plans: WORKLOAD_PLANS, licence: true },
    );
    writer.write();
    for (const run of writer.deferred) run();
    const posts = writer.posts
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map(({ agencyId, body }) => ({ agencyId, body }));
    yield { index, area: area.area, posts };
  }
}

/** The offence group of a journey's crime report (volume, violence or serious). */
export function offenceGroupOf(journey: WorkloadJourney): 'volume' | 'violence' | 'serious' {
  const report = journey.posts[0]?.body;
  if (report?.type !== 'crime-reported') throw new Error('a journey opens with its crime report');
  return GROUP[report.data.offenceCategory] ?? 'volume';
}

/**
 * The national feed: every event of every journey in the order they happened (occurredAt, then
 * journey, then the journey's own order), as a live feed would carry them. A k-way merge of the
 * journeys: a journey joins when the feed reaches its crime report, and leaves with its last
 * event, so memory holds the journeys open at one instant (victims a day times the days a journey
 * lasts), not all of them.
 */
export function* feedOf(options: WorkloadOptions): Generator<FeedPost, void, undefined> {
  const journeys = journeysOf(options);
  const open = new MinHeap<Cursor>(
    (a, b) => a.at - b.at || a.journey.index - b.journey.index || a.position - b.position,
  );
  let waiting = cursorOf(journeys.next());
  for (;;) {
    while (waiting && (open.size === 0 || waiting.at <= (open.peek() as Cursor).at)) {
      open.push(waiting);
      waiting = cursorOf(journeys.next());
    }
    const next = open.pop();
    if (!next) return;
    const post = next.journey.posts[next.position] as WorkloadPost;
    yield { journey: next.journey.index, agencyId: post.agencyId, body: post.body };
    const position = next.position + 1;
    const following = next.journey.posts[position];
    if (following) {
      open.push({ journey: next.journey, position, at: Date.parse(following.body.occurredAt) });
    }
  }
}

interface Cursor {
  journey: WorkloadJourney;
  position: number;
  at: number;
}

function cursorOf(result: IteratorResult<WorkloadJourney>): Cursor | undefined {
  if (result.done) return undefined;
  const first = result.value.posts[0];
  // A journey cut before its report has nothing to post (the report is an hour before `to`).
  if (!first) return undefined;
  return { journey: result.value, position: 0, at: Date.parse(first.body.occurredAt) };
}

/** A binary min-heap. */
class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < items.length && this.before(items[l] as T, items[least] as T) < 0) least = l;
      if (r < items.length && this.before(items[r] as T, items[least] as T) < 0) least = r;
      if (least === i) return top;
      [items[i], items[least]] = [items[least] as T, items[i] as T];
      i = least;
    }
  }
}
