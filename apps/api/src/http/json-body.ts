import express, { type NextFunction, type Request, type Response } from 'express';
import { problem, sendProblem } from './problem';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;.*)?$/i;

/**
 * Parses JSON bodies and answers the ways a body can be unusable itself, as problem details:
 * 415 for a body that is not JSON, 413 over the size limit, 400 for JSON that does not parse.
 */
export function jsonBody(maxBytes: number) {
  const parse = express.json({ limit: maxBytes, type: () => true, strict: false });
  return (req: Request, res: Response, next: NextFunction): void => {
    // Skipped when an earlier parser read the body (the development issuer's forms).
    if (!METHODS_WITH_BODY.has(req.method) || req.body !== undefined) return next();
    const contentType = req.headers['content-type'];
    if (!contentType || !JSON_TYPE.test(contentType)) {
      return sendProblem(
        res,
        problem(415, `the body must be application/json, not ${contentType ?? 'missing'}`, [
          { field: 'Content-Type', reason: 'must be application/json' },
        ]),
      );
    }
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const { type } = error as { type?: string };
      if (type === 'entity.too.large') {
        return sendProblem(res, problem(413, `the body is over the limit of ${maxBytes} bytes`));
      }
      if (type === 'entity.parse.failed') {
        return sendProblem(
          res,
          problem(400, 'the body is not valid JSON', [
            { field: '(body)', reason: 'is not valid JSON' },
          ]),
        );
      }
      return sendProblem(res, problem(400, 'the body could not be read'));
    });
  };
}
