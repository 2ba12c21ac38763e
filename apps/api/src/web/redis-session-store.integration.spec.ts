import type session from 'express-session';
import { Redis } from 'ioredis';
import { REDIS_URL } from '../../../../test/support/server-urls';
import { RedisSessionStore } from './redis-session-store';

/** This suite's own keys, removed after it. */
const PREFIX = `vj-web-helper-test:${process.pid}:session:`;

const sessionData = (maxAge: number) =>
  ({
    cookie: { maxAge, originalMaxAge: maxAge, httpOnly: true, path: '/' },
    person: {
      subject: 'vlo-west-yorkshire',
      role: 'victim-liaison-officer',
      agencyId: 'probation-yorkshire',
      areas: ['west-yorkshire'],
      expiresAt: 0,
    },
    csrfToken: 'token',
  }) as unknown as session.SessionData;

const call = <T>(run: (done: (error?: unknown, value?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) =>
    run((error, value) =>
      error
        ? reject(error instanceof Error ? error : new Error('the store failed'))
        : resolve(value),
    ),
  );

/** Web sessions in Redis (production): each a key with its cookie's lifetime, gone when ended. */
describe('RedisSessionStore', () => {
  let redis: Redis;
  let store: RedisSessionStore;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
    store = new RedisSessionStore(redis, PREFIX, 1800);
  });

  afterAll(async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('keeps a session under its prefix for as long as its cookie, and reads it back', async () => {
    await call((done) => store.set('sid-1', sessionData(30 * 60_000), done));
    const read = await call<session.SessionData | null>((done) => store.get('sid-1', done));
    expect(read).toMatchObject({ person: { subject: 'vlo-west-yorkshire' }, csrfToken: 'token' });
    const ttl = await redis.ttl(`${PREFIX}sid-1`);
    expect(ttl).toBeGreaterThan(29 * 60);
    expect(ttl).toBeLessThanOrEqual(30 * 60);
  });

  it('renews the lifetime when the session is used, and forgets it when destroyed', async () => {
    await call((done) => store.set('sid-2', sessionData(60_000), done));
    expect(await redis.ttl(`${PREFIX}sid-2`)).toBeLessThanOrEqual(60);
    await call((done) => store.touch('sid-2', sessionData(30 * 60_000), () => done()));
    expect(await redis.ttl(`${PREFIX}sid-2`)).toBeGreaterThan(60);
    await call((done) => store.destroy('sid-2', done));
    expect(await call((done) => store.get('sid-2', done))).toBeNull();
    expect(await redis.exists(`${PREFIX}sid-2`)).toBe(0);
  });

  it('answers an unknown session as none', async () => {
    expect(await call((done) => store.get('never-made', done))).toBeNull();
  });
});
