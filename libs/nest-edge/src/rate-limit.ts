import { createHash } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Optional,
  type Provider,
  type Type,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import { isObservable, lastValueFrom } from 'rxjs';
import { subjectOf, type Caller } from '@vj/access-policy';
import type { AppConfig } from '@vj/runtime';
import { MemoryRateLimitStorage } from './memory-rate-limit-storage';
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
  return `${caller.kind}:${subjectOf(caller)}`;
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
 * One budget a minute per credential (or per anonymous address) across every route: the
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

/** The app's authentication guard: it sets `req.caller` or refuses (401). */
const AUTHENTICATION = Symbol('AUTHENTICATION');

/**
 * Authentication first, so that an authenticated caller is counted by its credential; then the
 * limit. A request authentication refuses is counted too, as anonymous, so that trying keys
 * from one address meets the anonymous limit (429) rather than an endless run of 401s.
 */
@Injectable()
export class AuthenticateThenLimit implements CanActivate {
  constructor(
    private readonly limit: ThrottlerGuard,
    @Optional() @Inject(AUTHENTICATION) private readonly authentication?: CanActivate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.authentication) return this.limit.canActivate(context);
    let authenticated: boolean;
    try {
      const answer = await this.authentication.canActivate(context);
      authenticated = isObservable(answer) ? await lastValueFrom(answer) : answer;
    } catch (refusal) {
      await this.limit.canActivate(context);
      throw refusal;
    }
    return authenticated && this.limit.canActivate(context);
  }
}

/**
 * The app's global guard: its authentication (if it has one as a guard) and the rate limit,
 * counted in memory in embedded mode (one process) and in Redis in production, so that every
 * API process shares each caller's count.
 */
export function rateLimitProviders(
  config: AppConfig,
  authentication?: Type<CanActivate>,
): Provider[] {
  return [
    { provide: getOptionsToken(), useValue: rateLimitOptions(config) },
    {
      provide: getStorageToken(),
      useFactory: () =>
        config.mode === 'production'
          ? RedisRateLimitStorage.connect(config.redisUrl, `${config.queuePrefix}:rate-limit:`)
          : new MemoryRateLimitStorage(),
    },
    ThrottlerGuard,
    ...(authentication ? [{ provide: AUTHENTICATION, useClass: authentication }] : []),
    { provide: APP_GUARD, useClass: AuthenticateThenLimit },
  ];
}
