import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  type INestApplication,
  Module,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import request from 'supertest';
import { agencyCaller } from '@vj/access-policy';
import { loadConfig, type AppConfig } from '@vj/runtime';
import { REDIS_URL } from '../../../test/support/server-urls';
import { type CallerRequest, rateLimitProviders } from './rate-limit';
import { RedisRateLimitStorage } from './redis-rate-limit-storage';

// Stands in for an app's authentication: the caller is the agency the header names.
class HeaderAuthentication implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context
      .switchToHttp()
      .getRequest<CallerRequest & { headers: Record<string, string> }>();
    const id = req.headers['x-agency'];
    if (id) req.caller = agencyCaller({ id, name: id, kind: 'police', homeArea: 'x', areas: [] });
    return true;
  }
}

@Controller()
class AnswerController {
  @Get('answer')
  answer() {
    return { ok: true };
  }
}

/** A production-mode process of an app, with the limit counted in Redis under `prefix`. */
async function processSharing(config: AppConfig): Promise<INestApplication> {
  @Module({
    controllers: [AnswerController],
    providers: rateLimitProviders(config, HeaderAuthentication),
  })
  class OneProcess {}
  const app = await NestFactory.create(OneProcess, { logger: false });
  return app.init();
}

describe('rate limits counted in Redis', () => {
  const prefix = `vj-rate-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    EVENT_STORE: 'postgres',
    POSTGRES_URL: 'postgres://unused',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    RATE_LIMIT_PER_MINUTE: '3',
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: '2',
  });
  const redis = new Redis(REDIS_URL);
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    [first, second] = [await processSharing(config), await processSharing(config)];
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const ask = (app: INestApplication, agency?: string) => {
    const req = request(app.getHttpServer() as Parameters<typeof request>[0]).get('/answer');
    return agency ? req.set('X-Agency', agency) : req;
  };

  it("is shared by every process: a credential's minute is used up wherever it was spent", async () => {
    expect((await ask(first, 'police-a')).status).toBe(200);
    expect((await ask(second, 'police-a')).status).toBe(200);
    expect((await ask(first, 'police-a')).status).toBe(200);

    const refused = await ask(second, 'police-a');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await ask(first, 'police-a')).status).toBe(429);

    // Another credential has its own count.
    expect((await ask(second, 'police-b')).status).toBe(200);
  });

  it('counts callers without a credential by a hash of their address, never the address', async () => {
    expect((await ask(first)).status).toBe(200);
    expect((await ask(second)).status).toBe(200);
    expect((await ask(first)).status).toBe(429);

    const keys = await redis.keys(`${prefix}:rate-limit:*`);
    expect(keys).toContain(`${prefix}:rate-limit:default:agency:police-a`);
    const anonymous = keys.filter((key) => key.includes(':anonymous:'));
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]).toMatch(/:anonymous:[0-9a-f]{32}$/);
    for (const key of keys) expect(key).not.toMatch(/127\.0\.0\.1|::1|ffff/);
    // Every count ends with its window.
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('counts requests arriving together one each, in their order, as if one after another', async () => {
    const storage = new RedisRateLimitStorage(new Redis(REDIS_URL), `${prefix}:together:`);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => storage.increment('agency:police-c', 60_000, 3, 60_000, 'default')),
    );
    expect(answers.map((a) => [a.totalHits, a.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [5, true],
    ]);
    const next = await storage.increment('agency:police-c', 60_000, 3, 60_000, 'default');
    expect(next.totalHits).toBe(6);
    expect(await redis.get(`${prefix}:together:default:agency:police-c`)).toBe('6');
    expect(await redis.pttl(`${prefix}:together:default:agency:police-c`)).toBeGreaterThan(0);
    storage.onApplicationShutdown();
  });

  it('lets requests through uncounted when Redis does not answer', async () => {
    // Nothing listens on port 1; without an offline queue the command fails at once.
    const unreachable = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
    });
    const storage = new RedisRateLimitStorage(unreachable, `${prefix}:`);
    const answer = await storage.increment('agency:police-a', 60_000, 1, 60_000, 'default');
    expect(answer.isBlocked).toBe(false);
    storage.onApplicationShutdown();
  });
});
