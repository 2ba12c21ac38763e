import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import * as oidc from 'openid-client';
import type { PersonCaller } from '@vj/access-policy';
import { APP_CONFIG, IDENTITY, Public, ApiJsonResponse, ApiProblems } from '@vj/nest-edge';
import type { AppConfig, Identity } from '@vj/runtime';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';

/** A sign-in started and not yet finished: what the callback must check. */
interface PendingSignIn {
  codeVerifier: string;
  nonce: string;
  /** On the monotonic clock. */
  expiresAt: number;
}

const SIGN_IN_LIFETIME_MS = 10 * 60_000;
const MAX_PENDING_SIGN_INS = 10_000;

export interface SignedIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number | null;
  subject: string;
  role: PersonCaller['role'];
  agencyId: string | null;
  areas: readonly string[] | '*';
}

/**
 * People sign in with OpenID Connect (authorization code with PKCE, state and nonce) and get the
 * issuer's access token back as JSON, to send as `Authorization: Bearer`. Pending sign-ins are
 * kept in this process's memory for ten minutes, so a sign-in finishes on the instance it began
 * on (the web pages of a later issue will use a session cookie instead).
 */
@ApiTags('sign-in')
@Controller('auth')
export class SignInController {
  private readonly pending = new Map<string, PendingSignIn>();
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IDENTITY) private readonly identity: Identity,
  ) {}

  @Get('sign-in')
  @Public()
  @ApiOperation({
    summary: "Sign a person in: redirects to the issuer's sign-in page",
    security: [],
  })
  @ApiResponse({ status: 302, description: "To the issuer's authorization endpoint" })
  @ApiProblems(429, 503)
  async signIn(@Res() res: Response): Promise<void> {
    const configuration = await this.issuer().catch(() => {
      throw new ProblemException(problem(503, 'the sign-in service cannot be reached; try again'));
    });
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    this.remember(state, {
      codeVerifier,
      nonce,
      expiresAt: performance.now() + SIGN_IN_LIFETIME_MS,
    });
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: `${this.config.identity.publicUrl}/auth/callback`,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    res.redirect(302, url.href);
  }

  @Get('callback')
  @Public()
  @ApiOperation({
    summary: "The issuer's redirect back: exchanges the code and answers the access token and role",
    security: [],
  })
  @ApiQuery({ name: 'code', required: false, description: "The issuer's one-time code" })
  @ApiQuery({ name: 'state', required: true, description: 'The sign-in this answers' })
  @ApiQuery({ name: 'iss', required: false, description: 'The issuer (RFC 9207)' })
  @ApiQuery({ name: 'error', required: false, description: "The issuer's refusal, if any" })
  @ApiQuery({ name: 'error_description', required: false })
  @ApiJsonResponse(200, 'SignedIn', 'Signed in: send accessToken as Authorization: Bearer')
  @ApiProblems(400, 403)
  async callback(@Req() req: Request): Promise<SignedIn> {
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    const pending = state === undefined ? undefined : this.pending.get(state);
    if (state !== undefined) this.pending.delete(state); // one use only
    if (!state || !pending || pending.expiresAt < performance.now()) {
      throw new ProblemException(
        problem(400, 'this sign-in is unknown or has expired: start again at /auth/sign-in', [
          { field: 'state', reason: 'is not a sign-in in progress' },
        ]),
      );
    }
    let tokens: oidc.TokenEndpointResponse;
    try {
      tokens = await oidc.authorizationCodeGrant(
        await this.issuer(),
        new URL(req.originalUrl, this.config.identity.publicUrl),
        {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
      );
    } catch (error) {
      // The issuer's refusal (access denied, a bad code): say so without echoing what it sent.
      throw new ProblemException(
        problem(400, 'the issuer did not complete the sign-in', [
          { field: 'code', reason: error instanceof Error ? error.name : 'was refused' },
        ]),
      );
    }
    const caller = await this.identity.authenticator.authenticate(tokens.access_token);
    if (caller?.kind !== 'person') {
      throw new ProblemException(
        problem(403, 'you signed in, but you are not one of the people this service knows'),
      );
    }
    return {
      accessToken: tokens.access_token,
      tokenType: 'Bearer',
      expiresIn: tokens.expires_in ?? null,
      subject: caller.subject,
      role: caller.role,
      agencyId: caller.agencyId ?? null,
      areas: caller.areas,
    };
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

  /** Keeps a pending sign-in, dropping expired ones and never holding more than a bound. */
  private remember(state: string, pending: PendingSignIn): void {
    const now = performance.now();
    for (const [key, value] of this.pending) if (value.expiresAt < now) this.pending.delete(key);
    if (this.pending.size >= MAX_PENDING_SIGN_INS) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(state, pending);
  }
}
