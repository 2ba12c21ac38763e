import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Clock } from '@vj/clock';
import { CLOCK, Public } from '@vj/nest-edge';
import { OidcSignIn, SignInFailed } from '../../auth/oidc-sign-in';
import { PageErrorsFilter } from '../page-errors.filter';
import { renderPage } from '../render';
import { newCsrfToken } from '../web-security';
import type { SessionPerson } from '../session-caller';

const SIGN_IN_LIFETIME_MS = 10 * 60_000;
/** When the issuer does not say how long its token lives: the session's idle limit still applies. */
const DEFAULT_TOKEN_SECONDS = 60 * 60;

/** Where each role starts: officers their caseload, PCC analysts the dashboard, administrators /admin. */
export function homeOf(role: SessionPerson['role']): string {
  switch (role) {
    case 'victim-liaison-officer':
    case 'witness-care-officer':
    case 'police-victim-care-officer':
      return '/caseload';
    case 'pcc-analyst':
    case 'national-analyst':
      return '/dashboard';
    case 'administrator':
      return '/admin';
    default: {
      const unhandled: never = role;
      return unhandled;
    }
  }
}

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) =>
    req.session.regenerate((error?: Error) => (error ? reject(error) : resolve())),
  );
const save = (req: Request) =>
  new Promise<void>((resolve, reject) =>
    req.session.save((error?: Error) => (error ? reject(error) : resolve())),
  );

/**
 * People sign in to the pages with OpenID Connect: `/sign-in` sends the browser to the issuer
 * (the development issuer locally) with the sign-in in progress kept in the session; the callback
 * checks it, starts a new session (a new id) holding the person and a CSRF token; `/sign-out`
 * ends it.
 */
@ApiExcludeController()
@UseFilters(PageErrorsFilter)
@Controller()
export class SignInPagesController {
  constructor(
    @Inject(OidcSignIn) private readonly oidc: OidcSignIn,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private now(): number {
    return this.clock.now().getTime();
  }

  @Get()
  @Public()
  home(@Req() req: Request, @Res() res: Response): void {
    const person = req.session.person;
    res.redirect(303, person && person.expiresAt > this.now() ? homeOf(person.role) : '/sign-in');
  }

  @Get('sign-in')
  @Public()
  async signIn(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const { url, pending } = await this.oidc.start('/sign-in/callback');
      req.session.signIn = { ...pending, startedAt: this.now() };
      await save(req);
      res.redirect(303, url);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      res.status(503);
      renderPage(res, 'sign-in/problem.njk', { detail: error.detail });
    }
  }

  @Get('sign-in/callback')
  @Public()
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'iss', required: false })
  @ApiQuery({ name: 'error', required: false })
  @ApiQuery({ name: 'error_description', required: false })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const pending = req.session.signIn;
    delete req.session.signIn; // one use only
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    if (
      !pending ||
      !state ||
      state !== pending.state ||
      pending.startedAt + SIGN_IN_LIFETIME_MS < this.now()
    ) {
      res.status(400);
      return renderPage(res, 'sign-in/problem.njk', {
        detail: 'This sign-in has expired or was not started here. Sign in again.',
      });
    }
    try {
      const { caller, expiresIn } = await this.oidc.finish(req.originalUrl, pending);
      // A new session id at sign-in: an id planted before it (session fixation) is worth nothing.
      await regenerate(req);
      req.session.person = {
        subject: caller.subject,
        role: caller.role,
        agencyId: caller.agencyId ?? null,
        areas: caller.areas,
        expiresAt: this.now() + (expiresIn ?? DEFAULT_TOKEN_SECONDS) * 1000,
      };
      req.session.csrfToken = newCsrfToken();
      await save(req);
      res.redirect(303, homeOf(caller.role));
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      res.status(error.why === 'unknown-person' ? 403 : 400);
      renderPage(res, 'sign-in/problem.njk', {
        detail:
          error.why === 'unknown-person'
            ? 'You signed in, but you are not one of the people this service knows.'
            : 'The sign-in service did not complete your sign-in. Sign in again.',
      });
    }
  }

  @Get('sign-out')
  @Public()
  signOut(@Req() req: Request, @Res() res: Response): void {
    req.session.destroy(() => {
      res.clearCookie('vj.sid', { path: '/' });
      res.status(200);
      renderPage(res, 'sign-in/signed-out.njk', { person: undefined, csrfToken: undefined });
    });
  }
}
