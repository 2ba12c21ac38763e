import { ConfigError, loadConfig } from './config';

describe('the body and request time limits', () => {
  it('default to 10 s for a body and 30 s for a request', () => {
    expect(loadConfig({})).toMatchObject({ bodyTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
  });

  it('are read from BODY_TIMEOUT_MS and REQUEST_TIMEOUT_MS', () => {
    expect(loadConfig({ BODY_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '5000' })).toMatchObject({
      bodyTimeoutMs: 2000,
      requestTimeoutMs: 5000,
    });
  });

  it.each([
    [
      { BODY_TIMEOUT_MS: 'soon' },
      "BODY_TIMEOUT_MS must be a whole number from 100 to 600000, not 'soon'",
    ],
    [
      { REQUEST_TIMEOUT_MS: '0' },
      "REQUEST_TIMEOUT_MS must be a whole number from 100 to 600000, not '0'",
    ],
    [
      { BODY_TIMEOUT_MS: '40000' },
      'BODY_TIMEOUT_MS (40000) must not be more than REQUEST_TIMEOUT_MS (30000)',
    ],
  ])('refuse %j at start', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});

describe('the rate limits', () => {
  it('default to 1200 a minute per credential and 60 without one', () => {
    expect(loadConfig({})).toMatchObject({
      rateLimitPerMinute: 1200,
      anonymousRateLimitPerMinute: 60,
    });
  });

  it('are read from RATE_LIMIT_PER_MINUTE and ANONYMOUS_RATE_LIMIT_PER_MINUTE', () => {
    expect(
      loadConfig({ RATE_LIMIT_PER_MINUTE: '30', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '5' }),
    ).toMatchObject({ rateLimitPerMinute: 30, anonymousRateLimitPerMinute: 5 });
  });

  it.each([
    [
      { RATE_LIMIT_PER_MINUTE: '0' },
      "RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, not '0'",
    ],
    [
      { RATE_LIMIT_PER_MINUTE: 'lots' },
      "RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, not 'lots'",
    ],
    [
      { ANONYMOUS_RATE_LIMIT_PER_MINUTE: '2.5' },
      "ANONYMOUS_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, not '2.5'",
    ],
  ])('refuse %j at start', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});

describe('the pseudonym key', () => {
  const production = {
    NODE_ENV: 'production',
    AGENCIES_FILE: '/etc/vj/agencies.json',
    MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    OIDC_ISSUER: 'https://login.example',
    PEOPLE_FILE: '/etc/vj/people.json',
    SESSION_SECRET: 's'.repeat(32),
  };

  it('must be set in production: the development key is public', () => {
    expect(() => loadConfig(production)).toThrow(
      new ConfigError('PSEUDONYM_KEY is required in production: the development key is public'),
    );
    expect(loadConfig({ ...production, PSEUDONYM_KEY: 'k'.repeat(32) }).pseudonymKey).toBe(
      'k'.repeat(32),
    );
  });

  it('has a development default elsewhere, and is refused when short', () => {
    expect(loadConfig({}).pseudonymKey.length).toBeGreaterThanOrEqual(32);
    expect(() => loadConfig({ PSEUDONYM_KEY: 'short' })).toThrow(
      'PSEUDONYM_KEY must be at least 32 characters',
    );
  });
});

describe('the web sessions', () => {
  const production = {
    NODE_ENV: 'production',
    AGENCIES_FILE: '/etc/vj/agencies.json',
    MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    OIDC_ISSUER: 'https://login.example',
    PEOPLE_FILE: '/etc/vj/people.json',
    PSEUDONYM_KEY: 'k'.repeat(32),
  };

  it('need SESSION_SECRET in production, and keep sessions in Redis behind secure cookies there', () => {
    // Not the development secret: none, which the API's pages refuse (the worker needs none).
    expect(loadConfig(production).session.secret).toBeUndefined();
    expect(loadConfig({ ...production, SESSION_SECRET: 's'.repeat(32) }).session).toEqual({
      secret: 's'.repeat(32),
      store: 'redis',
      idleMinutes: 30,
      secureCookie: true,
    });
  });

  it('keep sessions in memory in development, or in Redis when asked', () => {
    expect(loadConfig({}).session).toMatchObject({ store: 'memory', secureCookie: false });
    expect(loadConfig({ SESSION_STORE: 'redis' }).session.store).toBe('redis');
    expect(() => loadConfig({ SESSION_STORE: 'file' })).toThrow(
      "SESSION_STORE must be 'memory' or 'redis', not 'file'",
    );
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(
      'SESSION_SECRET must be at least 32 characters',
    );
  });
});
