import { agencyCaller, type Caller } from '@vj/access-policy';
import type { AgencyDirectory } from '@vj/agencies';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { PeopleDirectory } from './people-directory';

/** Asymmetric algorithms only: a token signed with `none` or a shared secret is never accepted. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** Whom bearer tokens are trusted from: the issuer, the audience they must name, and its keys. */
export interface TokenIssuer {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Whether a bearer credential is a token (a JWT) rather than an API key. */
export const isJwt = (credential: string): boolean => JWT.test(credential);

/**
 * Finds who is calling from the `Authorization: Bearer` credential: a JWT is an access token of
 * the configured issuer (an agency's client-credentials token, or a person's); anything else is
 * an agency API key, looked up by digest as before.
 */
export class CallerAuthenticator {
  constructor(
    private readonly agencies: AgencyDirectory,
    private readonly people: PeopleDirectory,
    private readonly tokens: TokenIssuer,
  ) {}

  async authenticate(credential: string): Promise<Caller | undefined> {
    if (!isJwt(credential)) {
      const agency = this.agencies.authenticate(credential);
      return agency ? agencyCaller(agency) : undefined;
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(credential, this.tokens.keys, {
        issuer: this.tokens.issuer,
        audience: this.tokens.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      // Expired, forged, for another audience, or the issuer's keys out of reach: not signed in.
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
    return this.callerOf(payload);
  }

  /**
   * A client-credentials token names the client as its subject (RFC 9068): the client id is the
   * agency id. Any other subject is a person, known only if the people directory has them.
   */
  private callerOf(payload: JWTPayload): Caller | undefined {
    const subject = payload.sub as string;
    if (payload.client_id === subject) {
      const agency = this.agencies.byId(subject);
      return agency ? agencyCaller(agency) : undefined;
    }
    return this.people.person(subject);
  }
}

/**
 * The keys of a configured issuer, from the `jwks_uri` its discovery document names: discovered
 * on first use (so the API starts while the issuer is away), then cached and refreshed by jose.
 */
export function issuerKeySet(issuer: string): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    });
    const metadata = (await response.json()) as { jwks_uri?: unknown };
    if (!response.ok || typeof metadata.jwks_uri !== 'string')
      throw new Error(`the issuer's discovery document names no jwks_uri`);
    return createRemoteJWKSet(new URL(metadata.jwks_uri));
  };
  return async (header, token) => {
    keys ??= discover();
    try {
      return await (
        await keys
      )(header, token);
    } catch (error) {
      if (error instanceof errors.JOSEError) throw error;
      keys = undefined; // discovery failed: try again on the next token
      throw new errors.JOSEError(
        `the issuer's keys are out of reach (${(error as Error).message})`,
      );
    }
  };
}
