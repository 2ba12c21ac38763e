import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { refusalOfJsonShape } from './json-shape';
import { problem, type Problem } from './problem';
import { ProblemException } from './problem-details.filter';

export interface BodyLimits {
  maxBytes: number;
  /** From the moment the request is let through (authenticated) to its last byte. */
  timeoutMs: number;
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]*\+)?json$/i;
const CHARSET = /^charset\s*=\s*"?([^"]*)"?$/i;

/**
 * Reads JSON bodies after the guards, so an unauthenticated caller is answered before a byte of
 * its body is read. Only then is the body read, under the size and time limits, and parsed.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(private readonly limits: BodyLimits) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    // A body an earlier parser read (the development issuer's forms) is not read again.
    if (!METHODS_WITH_BODY.has(req.method) || req.body !== undefined) return next.handle();
    return from(readJsonBody(req, this.limits)).pipe(
      mergeMap((body) => {
        req.body = body;
        return next.handle();
      }),
    );
  }
}

/**
 * The body as JSON, or a problem: 415 for another media type or a charset other than UTF-8,
 * 413 over the size limit (at once when Content-Length says so, else when the stream passes it),
 * 408 when it does not arrive in time, 400 for bytes that are not UTF-8, text that is not JSON,
 * and JSON whose shape no event has (see refusalOfJsonShape).
 */
export async function readJsonBody(req: Request, limits: BodyLimits): Promise<unknown> {
  const refused = contentTypeRefusal(req.headers['content-type']);
  if (refused) throw new ProblemException(refused);
  const declared = Number(req.headers['content-length']);
  if (declared > limits.maxBytes) throw new ProblemException(tooLarge(limits.maxBytes));
  const bytes = await receive(req, limits);
  return parseJson(bytes);
}

function contentTypeRefusal(contentType: string | undefined): Problem | undefined {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((p) => p.trim());
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    return problem(415, `the body must be application/json, not ${contentType ?? 'missing'}`, [
      { field: 'Content-Type', reason: 'must be application/json' },
    ]);
  }
  for (const parameter of parameters) {
    const charset = CHARSET.exec(parameter)?.[1];
    // Only UTF-8 (RFC 8259): other charsets (UTF-7 among them) could smuggle what we check for.
    if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
      return problem(415, `the body must be UTF-8, not ${charset}`, [
        { field: 'Content-Type', reason: 'charset must be utf-8' },
      ]);
    }
  }
  return undefined;
}

function tooLarge(maxBytes: number): Problem {
  return problem(413, `the body is over the limit of ${maxBytes} bytes`);
}

/** The body's bytes; stops reading at the limit or the deadline, whichever comes first. */
function receive(req: Request, limits: BodyLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const refuse = (refusal: Problem) => {
      stop();
      // What is left unread stays unread: the answer closes the connection (sendProblem).
      req.pause();
      reject(new ProblemException(refusal));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) return refuse(tooLarge(limits.maxBytes));
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, received));
    };
    const onError = () => refuse(problem(400, 'the body could not be read'));
    const onClose = () => refuse(problem(400, 'the body was not sent in full'));
    const timer = setTimeout(
      () =>
        refuse(
          problem(408, `the body did not arrive within ${limits.timeoutMs} ms`, [
            { field: '(body)', reason: 'was not sent in time' },
          ]),
        ),
      limits.timeoutMs,
    );
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new ProblemException(
      problem(400, 'the body is not valid UTF-8', [{ field: '(body)', reason: 'is not UTF-8' }]),
    );
  }
  if (text.trim() === '') {
    throw new ProblemException(
      problem(400, 'the body is empty', [{ field: '(body)', reason: 'must be a JSON object' }]),
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProblemException(
      problem(400, 'the body is not valid JSON', [
        { field: '(body)', reason: 'is not valid JSON' },
      ]),
    );
  }
  const shape = refusalOfJsonShape(body);
  if (shape) throw new ProblemException(problem(400, shape.detail, shape.errors));
  return body;
}
