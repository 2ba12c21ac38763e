import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One key's count under one throttler. */
interface Count {
  /** When each counted hit leaves the window, oldest first; those before `head` have left. */
  hitsEndAt: number[];
  head: number;
  /** The fixed window `timeToExpire` reports. */
  expiresAt: number;
  isBlocked: boolean;
  blockExpiresAt: number;
}

/** Left hits are cut off the front once there are this many (and they are half the array). */
const COMPACT_AT = 1024;

/**
 * The rate limit's counts in the process (embedded mode), answering exactly as the library's
 * ThrottlerStorageService does (a window sliding over each hit's time; over the limit, blocked
 * for the block duration, then counted afresh), at a cost per request that does not grow with
 * the hits in the window: the library filters and copies every hit's time on every request.
 * Hits are kept oldest first, so those that left the window are at the front and dropped there.
 * Idle keys are swept once a window.
 */
export class MemoryRateLimitStorage implements ThrottlerStorage {
  private readonly counts = new Map<string, Count>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    if (now >= this.nextSweepAt) this.sweep(now, ttl);
    const id = `${throttlerName}\n${key}`;
    let count = this.counts.get(id);
    if (!count) {
      count = { hitsEndAt: [], head: 0, expiresAt: now + ttl, isBlocked: false, blockExpiresAt: 0 };
      this.counts.set(id, count);
    }
    dropLeft(count, now);
    let timeToExpire = secondsUntil(count.expiresAt, now);
    if (timeToExpire <= 0) {
      count.expiresAt = now + ttl;
      timeToExpire = secondsUntil(count.expiresAt, now);
    }
    if (blockDuration <= 0) {
      // Counted only while under the limit; the block lasts until the oldest hit leaves.
      const isBlocked = hitsOf(count) >= limit;
      if (!isBlocked) count.hitsEndAt.push(now + ttl);
      const oldest = count.hitsEndAt[count.head];
      const timeToBlockExpire = oldest === undefined ? timeToExpire : secondsUntil(oldest, now);
      return Promise.resolve({
        totalHits: hitsOf(count) + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: isBlocked ? timeToBlockExpire : 0,
      });
    }
    if (!count.isBlocked) count.hitsEndAt.push(now + ttl);
    if (hitsOf(count) > limit && !count.isBlocked) {
      count.isBlocked = true;
      count.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = secondsUntil(count.blockExpiresAt, now);
    if (timeToBlockExpire <= 0 && count.isBlocked) {
      // The block is over: counted afresh from this request.
      count.isBlocked = false;
      count.hitsEndAt = [now + ttl];
      count.head = 0;
    }
    return Promise.resolve({
      totalHits: hitsOf(count),
      timeToExpire,
      isBlocked: count.isBlocked,
      timeToBlockExpire,
    });
  }

  /** Forgets keys with nothing left to remember: no hit in the window, no block running. */
  private sweep(now: number, ttl: number): void {
    for (const [id, count] of this.counts) {
      if (count.isBlocked && count.blockExpiresAt > now) continue;
      if (count.expiresAt > now) continue;
      dropLeft(count, now);
      if (hitsOf(count) === 0) this.counts.delete(id);
    }
    this.nextSweepAt = now + ttl;
  }
}

function hitsOf(count: Count): number {
  return count.hitsEndAt.length - count.head;
}

function dropLeft(count: Count, now: number): void {
  const hits = count.hitsEndAt;
  while (count.head < hits.length && (hits[count.head] as number) <= now) count.head += 1;
  if (count.head >= COMPACT_AT && count.head * 2 >= hits.length) {
    hits.splice(0, count.head);
    count.head = 0;
  }
}

function secondsUntil(at: number, now: number): number {
  return Math.ceil((at - now) / 1000);
}
