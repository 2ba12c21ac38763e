import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { PersonCaller } from '@vj/access-policy';
import { Public, ApiJsonResponse, ApiProblems } from '@vj/nest-edge';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { OidcSignIn, SignInFailed, type PendingSignIn } from './oidc-sign-in';

/** A sign-in started and not yet finished: what the callback must check. */
interface PendingUntil extends PendingSignIn {
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
 * on (the web pages keep theirs in the session: see apps/api/src/web/sign-in).
 */
@ApiTags('sign-in')
@Controller('auth')
export class SignInController {
  private readonly pending = new Map<string, PendingUntil>();

  constructor(@Inject(OidcSignIn) private readonly oidc: OidcSignIn) {}

  @Get('sign-in')
  @Public()
  @ApiOperation({
    summary: "Sign a person in: redirects to the issuer's sign-in page",
    security: [],
  })
  @ApiResponse({ status: 302, description: "To the issuer's authorization endpoint" })
  @ApiProblems(429, 503)
  async signIn(@Res() res: Response): Promise<void> {
    const { url, pending } = await this.oidc.start('/auth/callback').catch((error: unknown) => {
      throw error instanceof SignInFailed
        ? new ProblemException(problem(503, error.detail))
        : error;
    });
    this.remember(pending.state, {
      ...pending,
      expiresAt: performance.now() + SIGN_IN_LIFETIME_MS,
    });
    res.redirect(302, url);
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
    let signedIn;
    try {
      signedIn = await this.oidc.finish(req.originalUrl, pending);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      if (error.why === 'unknown-person') throw new ProblemException(problem(403, error.detail));
      throw new ProblemException(
        problem(400, 'the issuer did not complete the sign-in', [
          { field: 'code', reason: error.detail },
        ]),
      );
    }
    const { caller } = signedIn;
    return {
      accessToken: signedIn.accessToken,
      tokenType: 'Bearer',
      expiresIn: signedIn.expiresIn,
      subject: caller.subject,
      role: caller.role,
      agencyId: caller.agencyId ?? null,
      areas: caller.areas,
    };
  }

  /** Keeps a pending sign-in, dropping expired ones and never holding more than a bound. */
  private remember(state: string, pending: PendingUntil): void {
    const now = performance.now();
    for (const [key, value] of this.pending) if (value.expiresAt < now) this.pending.delete(key);
    if (this.pending.size >= MAX_PENDING_SIGN_INS) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(state, pending);
  }
}
