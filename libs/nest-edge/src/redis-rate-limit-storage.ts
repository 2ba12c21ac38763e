import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * ARGV[2] requests counted in a fixed window, atomically, as that many INCRs in a row would
 * count them: the first hit starts the window's expiry. Returns the hits so far and the
 * milliseconds left in the window. A key without an expiry (never left by this script, but
 * possible by hand) is given one rather than counting forever.
 */
const COUNT_HITS = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return { hits, left }
`;

interface Waiting {
  resolve: (count: [hits: number, leftMs: number]) => void;
  reject: (error: unknown) => void;
}

/** How often, at most, a Redis outage is logged: once would hide a long one, every request would flood. */
const WARN_EVERY_MS = 60_000;

/**
 * The rate limit's counts in Redis, shared by every process of a deployment. A fixed window of
 * `ttl` per key: over `limit` the caller is refused until the window ends.
 *
 * When Redis does not answer, requests are let through uncounted (and the outage logged): the
 * API serves from PostgreSQL and needs Redis for nothing else, so a Redis outage should not stop
 * agencies recording what happened to victims.
 */
export class RedisRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('rate-limit');
  private lastWarnedAt = -Infinity;

  private readonly redis: Redis & {
    countHits(key: string, ttlMs: number, hits: number): Promise<[hits: number, leftMs: number]>;
  };

  /** The requests of this turn of the event loop waiting for their count, by key. */
  private waiting = new Map<string, { ttl: number; requests: Waiting[] }>();

  constructor(
    redis: Redis,
    private readonly keyPrefix: string,
  ) {
    // Sent once and then called by its SHA (EVALSHA), not the script's text on every request.
    redis.defineCommand('countHits', { numberOfKeys: 1, lua: COUNT_HITS });
    this.redis = redis as typeof this.redis;
  }

  /** A connection of its own that fails fast: a request never waits for Redis to come back. */
  static async connect(url: string, keyPrefix: string): Promise<RedisRateLimitStorage> {
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // Concurrent requests' counts go to Redis in one write: a round trip per tick, not per request.
      enableAutoPipelining: true,
    });
    const storage = new RedisRateLimitStorage(redis, keyPrefix);
    // The listener keeps ioredis from reporting each failed reconnection as an unhandled error.
    redis.on('error', (error: Error) => storage.warn(error));
    await redis.connect().catch((error: Error) => storage.warn(error));
    return storage;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, leftMs] = await this.count(`${this.keyPrefix}${throttlerName}:${key}`, ttl);
      const secondsLeft = Math.max(1, Math.ceil(leftMs / 1000));
      const isBlocked = hits > limit;
      return {
        totalHits: hits,
        timeToExpire: secondsLeft,
        isBlocked,
        timeToBlockExpire: isBlocked ? secondsLeft : 0,
      };
    } catch (error) {
      this.warn(error as Error);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  /**
   * This request's count: the requests that arrive in the same turn of the event loop (a burst
   * read from many connections at once) are counted together, one command for each key, in
   * their order of arrival, so that each is answered as if counted alone, one after another.
   */
  private count(key: string, ttl: number): Promise<[hits: number, leftMs: number]> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => this.countWaiting());
      let forKey = this.waiting.get(key);
      if (!forKey) {
        forKey = { ttl, requests: [] };
        this.waiting.set(key, forKey);
      }
      forKey.requests.push({ resolve, reject });
    });
  }

  private countWaiting(): void {
    const waiting = this.waiting;
    this.waiting = new Map();
    for (const [key, { ttl, requests }] of waiting) {
      this.redis.countHits(key, ttl, requests.length).then(
        ([hits, leftMs]) =>
          requests.forEach((request, i) =>
            request.resolve([hits - requests.length + 1 + i, leftMs]),
          ),
        (error: unknown) => requests.forEach((request) => request.reject(error)),
      );
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  // The error's name and message only: they name Redis, never a caller.
  private warn(error: Error): void {
    const now = performance.now();
    if (now - this.lastWarnedAt < WARN_EVERY_MS) return;
    this.lastWarnedAt = now;
    this.logger.warn(`Redis did not answer, requests are not being counted: ${error.message}`);
  }
}
