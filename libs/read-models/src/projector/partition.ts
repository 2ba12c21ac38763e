/**
 * A share of the victims' streams, for a rebuild in partitions: partition `index` of `count`
 * (0 <= index < count) projects only the streams `partitionOf` gives it.
 */
export interface Partition {
  index: number;
  count: number;
}

/**
 * The partition a stream belongs to, of `count`: from its id alone (FNV-1a, 32 bits, mixed, scaled
 * by its high bits), so every reader of the same event agrees, before anything else of it is read.
 * Stable: a partition's checkpoint means "applied every event of my streams up to here", so this
 * must never change while partition checkpoints are stored.
 */
export function partitionOf(streamId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) {
    hash ^= streamId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // MurmurHash3's finaliser: FNV-1a alone leaves ids that differ in their last characters close.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return Math.floor(((hash >>> 0) / 2 ** 32) * count);
}

export function checkPartition(partition: Partition): Partition {
  const { index, count } = partition;
  if (
    !Number.isInteger(count) ||
    count < 1 ||
    !Number.isInteger(index) ||
    index < 0 ||
    index >= count
  )
    throw new Error(`a partition is k of N with 0 <= k < N, not ${index} of ${count}`);
  return partition;
}

/** A partition's own checkpoint name, beside the projection's: `victim-journey-rebuild.0-of-3`. */
export function partitionProjection(projection: string, { index, count }: Partition): string {
  return `${projection}.${index}-of-${count}`;
}
