import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { IngestionRefused, type RefusalKind } from '@vj/ingestion';
import { UnauthenticatedException } from '@vj/nest-edge';
import { problem, sendProblem, type Problem } from './problem';

const STATUS_OF: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  'victim-not-found': 404,
  conflict: 409,
  'too-large': 413,
};

/** Every error leaves as problem details. Unexpected ones log only their name and stack, never the request. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    sendProblem(res, this.toProblem(error));
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof IngestionRefused) {
      return problem(STATUS_OF[error.kind], error.message, error.errors, error.extra);
    }
    if (error instanceof ProblemException) return error.problem;
    if (error instanceof UnauthenticatedException) return problem(401, error.detail, error.errors);
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String(response.message)
          : error.message;
      return problem(status, message);
    }
    this.logger.error(
      `unexpected ${error instanceof Error ? error.name : typeof error}`,
      error instanceof Error ? error.stack : undefined,
    );
    return problem(500, 'the request could not be completed; it has been logged');
  }
}

/** An HTTP error that already knows its problem body (a bad query parameter, say). */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem.detail, problem.status);
  }
}
