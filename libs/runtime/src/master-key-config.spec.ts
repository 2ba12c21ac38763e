import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './config';

const production = {
  NODE_ENV: 'production',
  AGENCIES_FILE: '/etc/vj/agencies.json',
  OIDC_ISSUER: 'https://login.example',
  PEOPLE_FILE: '/etc/vj/people.json',
  PSEUDONYM_KEY: 'p'.repeat(32),
  SESSION_SECRET: 's'.repeat(32),
};

describe('the master key in configuration', () => {
  it('refuses to start in production without MASTER_KEY: the development key is public', () => {
    expect(() => loadConfig(production)).toThrow(
      new ConfigError('MASTER_KEY is required in production: the development key is public'),
    );
  });

  it('takes MASTER_KEY and the previous keys, each 32 bytes in base64', () => {
    const [current, old] = [randomBytes(32), randomBytes(32)];
    const config = loadConfig({
      ...production,
      MASTER_KEY: current.toString('base64'),
      MASTER_KEY_PREVIOUS: ` ${old.toString('base64')} ,`,
    });
    expect(config.masterKey).toEqual({ current, previous: [old] });
  });

  it.each([
    ['MASTER_KEY', { MASTER_KEY: randomBytes(16).toString('base64') }],
    ['MASTER_KEY', { MASTER_KEY: 'not base64 at all!' }],
    ['MASTER_KEY_PREVIOUS', { MASTER_KEY_PREVIOUS: randomBytes(31).toString('base64') }],
  ])('refuses a %s that is not 32 bytes in base64, without echoing it', (name, env) => {
    const value = Object.values(env)[0] as string;
    expect(() => loadConfig(env)).toThrow(
      new ConfigError(`${name} must be 32 bytes in base64 (openssl rand -base64 32)`),
    );
    expect(() => loadConfig(env)).not.toThrow(value);
  });

  it('uses the development key outside production when none is given', () => {
    expect(loadConfig({}).masterKey.current).toHaveLength(32);
  });
});
