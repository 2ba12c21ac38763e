import type { Clock } from '@vj/clock';
import { type EventStore, pagesOfAll } from '@vj/event-store';
import type { ReadModels } from '../store/read-model-store';
import { JourneyProjector, type ProjectorObserver } from './journey-projector';
import { type Partition, partitionOf, partitionProjection } from './partition';

/**
 * A rebuild in partitions: each partition projects its share of the streams into the same read
 * models with a checkpoint of its own (`<projection>.k-of-N`); when all have finished they are
 * joined into the rebuild's own checkpoint and one ordinary projector catches up from there.
 */
export function partitionsOf(
  projection: string,
  count: number,
): { partition: Partition; name: string }[] {
  return Array.from({ length: count }, (_, index) => {
    const partition = { index, count };
    return { partition, name: partitionProjection(projection, partition) };
  });
}

/** How many partitions an unfinished rebuild in partitions was started with, if one is stored. */
export async function unfinishedPartitions(
  readModels: ReadModels,
  projection: string,
): Promise<number | undefined> {
  const names = [...(await readModels.checkpointsNamed(`${projection}.`)).keys()];
  const counts = names.map((name) => Number(/-of-(\d+)$/.exec(name)?.[1]));
  return counts.length > 0 ? Math.max(...counts) : undefined;
}

/**
 * Gets a rebuild in `count` partitions ready to start or resume: a partition without a checkpoint
 * of its own starts from the rebuild's (one resumed in partitions, or whose final catch-up was cut
 * short), since every victim's events up to there are applied.
 */
export async function preparePartitions(
  readModels: ReadModels,
  projection: string,
  count: number,
): Promise<void> {
  const unfinished = await unfinishedPartitions(readModels, projection);
  if (unfinished !== undefined && unfinished !== count)
    throw new Error(`a rebuild in ${unfinished} partitions is unfinished, not in ${count}`);
  const from = await readModels.checkpoint(projection);
  if (from === undefined) return;
  const stored = await readModels.checkpointsNamed(`${projection}.`);
  for (const { name } of partitionsOf(projection, count))
    if (!stored.has(name))
      await readModels.save([], { projection: name, from: undefined, to: from });
}

/**
 * Once every partition has finished: joins them into the rebuild's checkpoint, at the lowest of
 * theirs, and catches up from there with one ordinary projector. Events a partition had already
 * applied are applied again and change nothing; events appended meanwhile are applied. Resolves
 * with how many events it applied that no partition had, so that each is counted once.
 */
export async function finishPartitions(
  events: EventStore,
  readModels: ReadModels,
  clock: Clock,
  batchSize: number,
  observer: ProjectorObserver,
  projection: string,
  count: number,
): Promise<number> {
  const partitions = partitionsOf(projection, count);
  const ends = await readModels.joinCheckpoints(
    partitions.map((p) => p.name),
    projection,
  );
  const applied = await new JourneyProjector(
    events,
    readModels,
    clock,
    batchSize,
    observer,
    projection,
  ).catchUp();
  return applied - (await appliedByPartitions(events, batchSize, [...ends.values()]));
}

/** How many events after the lowest partition's end a partition had applied already. */
async function appliedByPartitions(
  events: EventStore,
  batchSize: number,
  ends: readonly (bigint | undefined)[],
): Promise<number> {
  const reached = ends.filter((end): end is bigint => end !== undefined);
  if (reached.length === 0) return 0;
  const highest = reached.reduce((high, end) => (end > high ? end : high));
  const lowest =
    reached.length === ends.length
      ? reached.reduce((low, end) => (end < low ? end : low))
      : undefined;
  if (lowest === highest) return 0;
  let twice = 0;
  for await (const page of pagesOfAll(events, batchSize, lowest)) {
    for (const event of page) {
      if (event.globalPosition > highest) return twice;
      const end = ends[partitionOf(event.streamId, ends.length)];
      if (end !== undefined && event.globalPosition <= end) twice += 1;
    }
  }
  return twice;
}
