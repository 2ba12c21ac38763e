import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { PersonCaller } from '@vj/access-policy';
import { APP_CONFIG, IDENTITY } from '@vj/nest-edge';
import type { AppConfig, Identity } from '@vj/runtime';

/** What the callback must check: kept by whoever started the sign-in (memory, a session). */
export interface PendingSignIn {
  state: string;
  codeVerifier: string;
  nonce: string;
}

/** Why a sign-in did not finish: the issuer cannot be reached, refused, or named nobody we know. */
export class SignInFailed extends Error {
  constructor(
    readonly why: 'unreachable' | 'refused' | 'unknown-person',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'SignInFailed';
  }
}

export interface SignedInPerson {
  caller: PersonCaller;
  accessToken: string;
  /** Seconds the access token lives, as the issuer said; null when it did not say. */
  expiresIn: number | null;
}

/**
 * The OpenID Connect relying party people sign in through (authorization code with PKCE, state
 * and nonce): the API's JSON sign-in (/auth) and the web pages' (/sign-in) both use it, each with
 * its own redirect URI and its own place to keep a sign-in in progress.
 */
@Injectable()
export class OidcSignIn {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY) private readonly identity: Identity,
  ) {}

  /** Where to send the browser, and what to keep until it comes back to `redirectPath`. */
  async start(redirectPath: string): Promise<{ url: string; pending: PendingSignIn }> {
    const configuration = await this.issuer().catch(() => {
      throw new SignInFailed('unreachable', 'the sign-in service cannot be reached; try again');
    });
    const pending = {
      state: oidc.randomState(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      nonce: oidc.randomNonce(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: `${this.config.identity.publicUrl}${redirectPath}`,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Exchanges the code the browser came back with (`originalUrl`) for the person signed in. */
  async finish(originalUrl: string, pending: PendingSignIn): Promise<SignedInPerson> {
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(
        await this.issuer(),
        new URL(originalUrl, this.config.identity.publicUrl),
        {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
      );
    } catch (error) {
      // The issuer's refusal (access denied, a bad code): say so without echoing what it sent.
      throw new SignInFailed('refused', error instanceof Error ? error.name : 'was refused');
    }
    const caller = await this.identity.authenticator.authenticate(tokens.access_token);
    if (caller?.kind !== 'person') {
      throw new SignInFailed(
        'unknown-person',
        'you signed in, but you are not one of the people this service knows',
      );
    }
    return { caller, accessToken: tokens.access_token, expiresIn: tokens.expires_in ?? null };
  }

  /** The issuer's metadata, discovered once; discovered again after a failure. */
  private issuer(): Promise<oidc.Configuration> {
    const { oidcClientId, oidcClientSecret } = this.config.identity;
    const issuer = new URL(this.identity.issuer);
    this.configuration ??= oidc
      .discovery(
        issuer,
        oidcClientId,
        undefined,
        oidcClientSecret ? oidc.ClientSecretPost(oidcClientSecret) : oidc.None(),
        // Plain http only for a local issuer (the development one); production configures https.
        issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
