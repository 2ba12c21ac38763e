import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { AgencyClients } from './agency-clients';
import type { PeopleDirectory } from './people-directory';

const ALG = 'ES256';
const TOKEN_LIFETIME_SECONDS = 15 * 60;
const CODE_LIFETIME_MS = 60_000;

/** Where the API serves the built-in development issuer. */
export const DEV_ISSUER_PATH = '/dev-issuer';

export interface DevIssuerKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The development issuer's signing key, kept in DATA_DIR so the API and workers on one machine
 * trust the same tokens and tokens outlive a restart. Created on first start (readable by its
 * owner only); two processes starting together keep whichever was written first.
 */
export async function devIssuerKey(dataDir: string): Promise<DevIssuerKey> {
  const path = join(dataDir, 'dev-issuer-key.json');
  let privateJwk: JWK;
  mkdirSync(dataDir, { recursive: true });
  try {
    privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } catch {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const fresh = { ...(await exportJWK(privateKey)), alg: ALG };
    fresh.kid = createHash('sha256').update(JSON.stringify(fresh)).digest('base64url').slice(0, 16);
    try {
      writeFileSync(path, JSON.stringify(fresh), { flag: 'wx', mode: 0o600 });
    } catch {
      // Another process wrote it first: use theirs.
    }
    privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  }
  const { d: _private, ...publicJwk } = privateJwk;
  return { privateKey: (await importJWK(privateJwk, ALG)) as CryptoKey, publicJwk };
}

export const localKeySet = (key: DevIssuerKey): JWTVerifyGetKey =>
  createLocalJWKSet({ keys: [key.publicJwk] });

export interface DevIssuerOptions {
  /** The issuer identifier: the API's public URL followed by DEV_ISSUER_PATH. */
  issuer: string;
  /** The audience of the access tokens it issues: the API. */
  audience: string;
  /** The people's sign-in client and its redirect URIs (the API's /auth routes, the web pages'). */
  signInClientId: string;
  redirectUris: readonly string[];
  people: PeopleDirectory;
  agencyClients: AgencyClients;
  key: DevIssuerKey;
}

/** What /authorize was asked, once checked. */
export interface AuthorizationRequest {
  client_id: string;
  redirect_uri: string;
  state: string;
  nonce: string;
  code_challenge: string;
  scope: string;
}

interface IssuedCode {
  subject: string;
  request: AuthorizationRequest;
  /** On the monotonic clock: a code lives a minute, whatever the wall clock says. */
  expiresAt: number;
}

/** An OAuth2 error answer (RFC 6749 §5.2), with its HTTP status. */
export interface TokenError {
  status: 400 | 401;
  body: { error: string; error_description: string };
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  id_token?: string;
  scope?: string;
}

const tokenError = (status: 400 | 401, error: string, error_description: string): TokenError => ({
  status,
  body: { error, error_description },
});

/**
 * A minimal OpenID Connect provider for local use and tests: client credentials for agencies,
 * authorization code with PKCE (S256) for the seeded people. Never started in production.
 */
export class DevIssuer {
  private readonly codes = new Map<string, IssuedCode>();

  constructor(private readonly options: DevIssuerOptions) {}

  get issuer(): string {
    return this.options.issuer;
  }

  metadata() {
    const { issuer } = this.options;
    return {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [ALG],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid'],
    };
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.options.key.publicJwk] };
  }

  /** Checks an authorization request; a string says what is wrong with it. */
  authorizationRequest(query: Record<string, unknown>): AuthorizationRequest | string {
    const text = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
    if (text('response_type') !== 'code') return 'response_type must be code';
    if (text('client_id') !== this.options.signInClientId) return 'client_id is not known';
    const redirectUri = text('redirect_uri');
    if (!redirectUri || !this.options.redirectUris.includes(redirectUri))
      return 'redirect_uri is not registered';
    if (text('code_challenge_method') !== 'S256') return 'code_challenge_method must be S256';
    const challenge = text('code_challenge');
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) return 'code_challenge is required';
    const state = text('state');
    const nonce = text('nonce');
    if (!state || state.length > 256) return 'state is required';
    if (!nonce || nonce.length > 256) return 'nonce is required';
    const scope = text('scope') ?? '';
    if (!scope.split(' ').includes('openid')) return 'scope must include openid';
    return {
      client_id: this.options.signInClientId,
      redirect_uri: redirectUri,
      state,
      nonce,
      code_challenge: challenge,
      scope,
    };
  }

  /** A person signs in: the redirect back with a one-time code, or undefined for wrong details. */
  signIn(request: AuthorizationRequest, subject: string, password: string): string | undefined {
    const person = this.options.people.signIn(subject, password);
    if (!person) return undefined;
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      subject: person.subject,
      request,
      expiresAt: performance.now() + CODE_LIFETIME_MS,
    });
    const back = new URL(request.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', request.state);
    back.searchParams.set('iss', this.options.issuer);
    return back.toString();
  }

  /** The token endpoint: `form` is the posted form, `basic` the Basic credentials if any. */
  async token(
    form: Record<string, unknown>,
    basic?: { clientId: string; secret: string },
  ): Promise<TokenAnswer | TokenError> {
    const text = (name: string) => (typeof form[name] === 'string' ? form[name] : undefined);
    const clientId = basic?.clientId ?? text('client_id');
    const secret = basic?.secret ?? text('client_secret');
    switch (text('grant_type')) {
      case 'client_credentials': {
        if (!clientId || !secret || !this.options.agencyClients.verify(clientId, secret))
          return tokenError(401, 'invalid_client', 'unknown client or wrong secret');
        return {
          access_token: await this.accessToken(clientId, clientId),
          token_type: 'Bearer',
          expires_in: TOKEN_LIFETIME_SECONDS,
        };
      }
      case 'authorization_code': {
        const code = text('code');
        const issued = code ? this.codes.get(code) : undefined;
        if (code) this.codes.delete(code); // one use only, whatever happens next
        if (!issued || issued.expiresAt < performance.now())
          return tokenError(400, 'invalid_grant', 'the code is unknown, used or expired');
        if (clientId !== issued.request.client_id)
          return tokenError(401, 'invalid_client', 'the code was issued to another client');
        if (text('redirect_uri') !== issued.request.redirect_uri)
          return tokenError(400, 'invalid_grant', 'redirect_uri does not match');
        const verifier = text('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (challenge !== issued.request.code_challenge)
          return tokenError(400, 'invalid_grant', 'code_verifier does not match');
        return {
          access_token: await this.accessToken(issued.subject, clientId),
          token_type: 'Bearer',
          expires_in: TOKEN_LIFETIME_SECONDS,
          id_token: await this.sign({ nonce: issued.request.nonce }, issued.subject, clientId),
          scope: issued.request.scope,
        };
      }
      default:
        return tokenError(
          400,
          'unsupported_grant_type',
          'use client_credentials or authorization_code',
        );
    }
  }

  /** An RFC 9068 access token for the API. */
  private accessToken(subject: string, clientId: string): Promise<string> {
    return this.sign({ client_id: clientId }, subject, this.options.audience, 'at+jwt');
  }

  private sign(
    claims: Record<string, string>,
    subject: string,
    audience: string,
    typ?: string,
  ): Promise<string> {
    const { key } = this.options;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: key.publicJwk.kid, ...(typ ? { typ } : {}) })
      .setIssuer(this.options.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .setJti(randomBytes(16).toString('base64url'))
      .sign(key.privateKey);
  }
}
