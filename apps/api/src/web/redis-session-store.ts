import session from 'express-session';
import type { Redis } from 'ioredis';

/**
 * express-session's store on ioredis (connect-redis wants the `redis` client): each session one
 * key, `<prefix><id>`, holding its JSON and expiring with the session's cookie (or `ttlSeconds`),
 * so an idle session is gone from Redis when it ends.
 */
export class RedisSessionStore extends session.Store {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    super();
  }

  override get(
    sid: string,
    callback: (err: unknown, session?: session.SessionData | null) => void,
  ): void {
    this.redis.get(this.key(sid)).then(
      (json) => callback(null, json ? (JSON.parse(json) as session.SessionData) : null),
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.redis.set(this.key(sid), JSON.stringify(data), 'EX', this.ttlOf(data)).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.redis.del(this.key(sid)).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }

  /** A session used again lives another idle period (rolling sessions). */
  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.redis.expire(this.key(sid), this.ttlOf(data)).then(
      () => callback?.(),
      () => callback?.(),
    );
  }

  private key(sid: string): string {
    return `${this.prefix}${sid}`;
  }

  /** What is left of the session's cookie (express-session counts it down), else the idle limit. */
  private ttlOf(data: session.SessionData): number {
    const ms = data.cookie?.maxAge;
    return Math.max(1, Math.ceil((typeof ms === 'number' ? ms : this.ttlSeconds * 1000) / 1000));
  }
}
