import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { IngestionRefused } from '@vj/ingestion';
import { UnknownQueryParameters } from '@vj/nest-edge';
import { BadPageQuery } from './page-query';
import { renderPage } from './render';
import { SignInRequired } from './session-caller';

/** A page the access policy refuses: 403 (never allowed) or 404 (no such victim for you). */
export class PageRefused extends Error {
  constructor(
    readonly status: 403 | 404,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'PageRefused';
  }
}

/**
 * The pages' errors as GOV.UK pages, in place of the API's problem details: sign in when the
 * session has no one, 403 and 404 pages for refusals, 400 for a query the page does not take, and
 * "Sorry, there is a problem with the service" for anything unexpected (its name logged, nothing
 * of the request).
 */
@Catch()
export class PageErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('web');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof SignInRequired) return res.redirect(303, '/sign-in');
    const { status, view, detail } = this.pageOf(error);
    res.status(status);
    renderPage(res, view, { detail });
  }

  private pageOf(error: unknown): { status: number; view: string; detail?: string } {
    if (error instanceof PageRefused) {
      return {
        status: error.status,
        view: error.status === 404 ? 'errors/not-found.njk' : 'errors/forbidden.njk',
        detail: error.detail,
      };
    }
    if (error instanceof IngestionRefused) {
      if (error.kind === 'victim-not-found') return { status: 404, view: 'errors/not-found.njk' };
      if (error.kind === 'forbidden')
        return { status: 403, view: 'errors/forbidden.njk', detail: error.message };
    }
    if (error instanceof BadPageQuery)
      return { status: 400, view: 'errors/bad-request.njk', detail: error.message };
    if (error instanceof UnknownQueryParameters)
      return { status: 400, view: 'errors/bad-request.njk', detail: error.detail };
    if (error instanceof HttpException && error.getStatus() < 500) {
      const status = error.getStatus();
      if (status === 404) return { status, view: 'errors/not-found.njk' };
      if (status === 403) return { status, view: 'errors/forbidden.njk' };
      if (status === 429) return { status, view: 'errors/too-many.njk' };
      return { status, view: 'errors/bad-request.njk' };
    }
    this.logger.error(
      `a page failed: ${error instanceof Error ? error.name : typeof error}`,
      error instanceof Error ? error.stack : undefined,
    );
    return { status: 500, view: 'errors/problem.njk' };
  }
}
