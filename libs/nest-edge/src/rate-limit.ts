import { createHash } from 'node:crypto';
import type { ExecutionContext, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import type { Caller } from '@vj/access-policy';
import type { AppConfig } from '@vj/runtime';
import { RedisRateLimitStorage } from './redis-rate-limit-storage';

/** A request after authentication: the caller its credential names, if it sent a good one. */
export interface CallerRequest {
  caller?: Caller;
}

/**
 * What a caller's requests are counted under: its credential. A new kind of caller (a person
 * signed in) is counted once it has a case here, and does not compile until it has.
 */
export function callerKey(caller: Caller): string {
  switch (caller.kind) {
    case 'agency':
      return `agency:${caller.agency.id}`;
    default: {
      const unknown: never = caller.kind;
      throw new Error(`no rate-limit key for callers of kind ${String(unknown)}`);
    }
  }
}

/**
 * Requests without a credential are counted by client address, hashed so that no address is
 * kept in Redis or written to a log. IPv6 addresses count by /64, as one host holds a whole one.
 */
export function anonymousKey(ip: string | undefined): string {
  const digest = createHash('sha256')
    .update(normalizeIp(ip ?? ''))
    .digest('hex');
  return `anonymous:${digest.slice(0, 32)}`;
}

/** The credential or the hashed address a request is counted under. */
export function rateLimitKeyOf(req: CallerRequest & { ip?: string }): string {
  return req.caller ? callerKey(req.caller) : anonymousKey(req.ip);
}

const ONE_MINUTE_MS = 60_000;

const callerOf = (context: ExecutionContext) =>
  context.switchToHttp().getRequest<CallerRequest>().caller;

/**
 * One fixed budget a minute per credential (or per anonymous address) across every route: the
 * count is about who is asking, not which endpoint. Answers over the budget are 429 with
 * `Retry-After` in seconds; the apps' error handling turns it into their error body.
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        ttl: ONE_MINUTE_MS,
        limit: (context) =>
          callerOf(context) ? config.rateLimitPerMinute : config.anonymousRateLimitPerMinute,
      },
    ],
    getTracker: (req) => rateLimitKeyOf(req as CallerRequest),
    generateKey: (_context, tracker) => tracker,
    errorMessage: (context, { limit }) =>
      `too many requests: ${callerOf(context) ? 'your credential' : 'a caller without a credential'} may make ${limit} a minute; retry after the seconds in Retry-After`,
  };
}

/**
 * The rate limit's guard and where it counts: in memory in embedded mode (one process), in Redis
 * in production so that every API process shares each caller's count. Register it after the
 * authentication guard: Nest runs global guards in the order they are provided, and the limit
 * needs the authenticated caller to count by its credential.
 */
export function rateLimitProviders(config: AppConfig): Provider[] {
  return [
    { provide: getOptionsToken(), useValue: rateLimitOptions(config) },
    {
      provide: getStorageToken(),
      useFactory: () =>
        config.mode === 'production'
          ? RedisRateLimitStorage.connect(config.redisUrl, `${config.queuePrefix}:rate-limit:`)
          : new ThrottlerStorageService(),
    },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ];
}
