import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { FieldError } from '@vj/event-schemas';
import { IngestionRefused, type RefusalKind } from '@vj/ingestion';
import { AuditTrail, UnauthenticatedException, UnknownQueryParameters } from '@vj/nest-edge';
import { problem, sendProblem, type Problem } from './problem';

const STATUS_OF: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  'victim-not-found': 404,
  conflict: 409,
  'too-large': 413,
};

/**
 * Every error leaves as problem details. Unexpected ones log only their name and stack, never the
 * request. Every refusal (401, 403, 404) is recorded in the audit trail before it is answered; if
 * it cannot be, the answer is 503.
 */
@Catch()
@Injectable()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(private readonly audit: AuditTrail) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const body = this.toProblem(error);
    this.audit.refused(http.getRequest<Request>(), body.status).then(
      () => sendProblem(res, body),
      (failure: unknown) => sendProblem(res, this.toProblem(failure)),
    );
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof IngestionRefused) {
      return problem(STATUS_OF[error.kind], error.message, error.errors, error.extra);
    }
    if (error instanceof ProblemException) return error.problem;
    if (error instanceof UnauthenticatedException) return problem(401, error.detail, error.errors);
    if (error instanceof UnknownQueryParameters) {
      return problem(error.getStatus(), error.detail, error.errors);
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String(response.message)
          : error.message;
      const errors =
        typeof response === 'object' && response !== null && 'errors' in response
          ? (response.errors as FieldError[])
          : undefined;
      return problem(status, message, errors);
    }
    const storageFault = storageFaultCode(error);
    if (storageFault) {
      this.logger.error(`the store refused a write: ${storageFault}`);
      return problem(
        503,
        'the events could not be stored just now; nothing new is acknowledged: post them again later, with the same event ids',
      );
    }
    const unreachable = unreachableCode(error);
    if (unreachable) {
      this.logger.error(`a dependency did not answer: ${unreachable}`);
      return problem(
        503,
        'the service cannot reach its database just now: try again after the seconds in Retry-After; a post answered this may not have been stored: send it again with the same event ids (one already stored is answered 200)',
      );
    }
    this.logger.error(
      `unexpected ${error instanceof Error ? error.name : typeof error}`,
      error instanceof Error ? error.stack : undefined,
    );
    return problem(500, 'the request could not be completed; it has been logged');
  }
}

/**
 * The errors of a store that cannot write (a full disk, a read-only or vanished data directory):
 * SQLite's result codes and the system's. The service is unavailable until someone makes room;
 * the request itself was not at fault.
 */
const STORAGE_FAULT =
  /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|NOMEM)|ENOSPC|EDQUOT|EFBIG|EROFS|EIO)/;

function storageFaultCode(error: unknown): string | undefined {
  return codeWithin(error, (e) =>
    typeof e.code === 'string' && STORAGE_FAULT.test(e.code) ? e.code : undefined,
  );
}

/**
 * The errors of a database that is down, restarting or hung (PostgreSQL stopped, failing over,
 * frozen, or its connections cut): refused or dropped connections, PostgreSQL's shutdown and
 * connection-exception codes, and the pg client's own messages for a connection that ended under
 * it or an answer or a connection that did not come in time (libs/postgres-pool's timeouts).
 */
const UNREACHABLE_CODE =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|57P0[123]|08\w{3}|53300)$/;
const UNREACHABLE_MESSAGE =
  /^Connection terminated|is not queryable|^Connection timeout|^Query read timeout|^timeout exceeded when trying to connect/;

function unreachableCode(error: unknown): string | undefined {
  return codeWithin(error, (e) => {
    if (typeof e.code === 'string' && UNREACHABLE_CODE.test(e.code)) return e.code;
    return typeof e.message === 'string' && UNREACHABLE_MESSAGE.test(e.message)
      ? 'connection ended'
      : undefined;
  });
}

/**
 * The first code `codeOf` finds in an error or what lies under it: its causes and, for a
 * connection to a host with several addresses, the error of each attempt. Bounded in depth.
 */
function codeWithin(
  error: unknown,
  codeOf: (e: { code?: unknown; message?: unknown }) => string | undefined,
): string | undefined {
  const seen: unknown[] = [error];
  for (let i = 0; i < seen.length && i < 10; i++) {
    const e = seen[i] as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (!e || typeof e !== 'object') continue;
    const code = codeOf(e);
    if (code) return code;
    if (e.cause) seen.push(e.cause);
    if (Array.isArray(e.errors)) seen.push(...(e.errors as unknown[]));
  }
  return undefined;
}

/** An HTTP error that already knows its problem body (a bad query parameter, say). */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem.detail, problem.status);
  }
}
