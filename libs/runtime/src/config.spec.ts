import { ConfigError, loadConfig } from './config';

describe('the pseudonym key', () => {
  const production = { NODE_ENV: 'production', AGENCIES_FILE: '/etc/vj/agencies.json' };

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
