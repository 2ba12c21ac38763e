import { AgencyDirectory } from '@vj/agencies';
import { readAgenciesFile, readJsonFile } from '@vj/runtime';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
} from 'jose';
import { CallerAuthenticator } from './caller-authenticator';
import { PeopleDirectory } from './people-directory';

const ISSUER = 'https://issuer.example';
const AUDIENCE = 'victim-journey-api';

describe('finding the caller from a bearer credential', () => {
  const agencies = AgencyDirectory.fromConfig(readAgenciesFile('config/agencies.dev.json'));
  const people = PeopleDirectory.fromConfig(
    readJsonFile('PEOPLE_FILE', 'config/people.dev.json'),
    agencies,
  );
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let authenticator: CallerAuthenticator;

  beforeAll(async () => {
    ({ privateKey: key } = await generateKeyPair('ES256', { extractable: true }));
    ({ privateKey: otherKey } = await generateKeyPair('ES256'));
    const { d: _, ...publicJwk } = await exportJWK(key);
    authenticator = new CallerAuthenticator(agencies, people, {
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: createLocalJWKSet({ keys: [{ ...publicJwk, alg: 'ES256' }] }),
    });
  });

  const token = (
    subject: string,
    claims: Record<string, unknown> = {},
    options: { issuer?: string; audience?: string; expires?: string; signWith?: CryptoKey } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '5m')
      .sign(options.signWith ?? key);

  it('takes an API key as before', async () => {
    expect(await authenticator.authenticate('dev-police-west-yorkshire')).toMatchObject({
      kind: 'agency',
      agency: { id: 'police-west-yorkshire' },
    });
    expect(await authenticator.authenticate('not-a-key')).toBeUndefined();
  });

  it("takes an agency's client-credentials token as that agency", async () => {
    const credential = await token('cps-north-west', { client_id: 'cps-north-west' });
    expect(await authenticator.authenticate(credential)).toMatchObject({
      kind: 'agency',
      agency: { id: 'cps-north-west', kind: 'cps' },
    });
  });

  it("takes a person's token as the person the people directory knows", async () => {
    const credential = await token('wco-west-yorkshire', { client_id: 'victim-journey' });
    expect(await authenticator.authenticate(credential)).toEqual({
      kind: 'person',
      subject: 'wco-west-yorkshire',
      role: 'witness-care-officer',
      agencyId: 'wcu-west-yorkshire',
      areas: ['west-yorkshire'],
    });
  });

  it.each([
    ['expired', () => token('wco-west-yorkshire', {}, { expires: '-1m' })],
    [
      'from another issuer',
      () => token('wco-west-yorkshire', {}, { issuer: 'https://evil.example' }),
    ],
    ['for another audience', () => token('wco-west-yorkshire', {}, { audience: 'another-api' })],
    ['signed with another key', () => token('wco-west-yorkshire', {}, { signWith: otherKey })],
    [
      'unsigned (alg none)',
      () =>
        Promise.resolve(
          new UnsecuredJWT({})
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setSubject('administrator')
            .setExpirationTime('5m')
            .encode() + 'x',
        ),
    ],
    [
      'signed with a shared secret (HS256)',
      () =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setSubject('administrator')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('a-secret-anyone-could-guess-0123456789')),
    ],
    ['of a person nobody configured', () => token('someone-else', { client_id: 'victim-journey' })],
    ['of an unknown agency client', () => token('no-such-agency', { client_id: 'no-such-agency' })],
  ])('refuses a token %s', async (_, make) => {
    expect(await authenticator.authenticate(await make())).toBeUndefined();
  });
});
