import { ConfigError, loadConfig } from './config';

/** The built-in development issuer and its public people never run in production. */
describe('identity configuration', () => {
  const production = {
    NODE_ENV: 'production',
    AGENCIES_FILE: 'config/agencies.dev.json',
    PEOPLE_FILE: 'config/people.dev.json',
    MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    PSEUDONYM_KEY: 'p'.repeat(32),
    SESSION_SECRET: 's'.repeat(32),
  };

  it('refuses to start in production with the development issuer', () => {
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/OIDC_ISSUER is required in production/);
  });

  it('refuses production without its own people file', () => {
    const { PEOPLE_FILE: _, ...withoutPeople } = production;
    expect(() => loadConfig({ ...withoutPeople, OIDC_ISSUER: 'https://login.example' })).toThrow(
      /PEOPLE_FILE is required in production/,
    );
  });

  it('takes a configured issuer in production', () => {
    const config = loadConfig({ ...production, OIDC_ISSUER: 'https://login.example/' });
    expect(config.identity).toMatchObject({
      oidcIssuer: 'https://login.example/',
      oidcAudience: 'victim-journey-api',
    });
  });

  it('uses the development issuer elsewhere, identified by the public URL', () => {
    expect(loadConfig({ PORT: '4000' }).identity).toMatchObject({
      oidcIssuer: undefined,
      publicUrl: 'http://127.0.0.1:4000',
    });
    expect(() => loadConfig({ OIDC_ISSUER: 'login.example' })).toThrow(/OIDC_ISSUER must be/);
  });
});
