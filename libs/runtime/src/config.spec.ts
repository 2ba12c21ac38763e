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
