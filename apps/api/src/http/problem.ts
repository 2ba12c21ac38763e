import type { Request, Response } from 'express';
import type { FieldError } from '@vj/event-schemas';

/** An RFC 9457 problem details body; `errors` names the bad fields and why (the first 20). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  /** How many bad fields there were beyond those in `errors`. */
  moreErrors?: number;
  [extension: string]: unknown;
}

const TITLES: Record<number, [string, string]> = {
  400: ['invalid-request', 'Invalid request'],
  401: ['unauthenticated', 'Missing or unknown credential'],
  403: ['forbidden', 'Not allowed for your agency'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  413: ['too-large', 'Request too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal-error', 'Internal error'],
  503: ['unavailable', 'Service unavailable'],
};

/** Enough for an agency to fix a post; a hostile body's thousands of faults do not make a huge answer. */
export const MAX_FIELD_ERRORS = 20;

export function problem(
  status: number,
  detail: string,
  errors?: FieldError[],
  extensions: Record<string, unknown> = {},
): Problem {
  const [slug, title] = TITLES[status] ?? ['error', 'Error'];
  return {
    type: `urn:victim-journey:problem:${slug}`,
    title,
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors: errors.slice(0, MAX_FIELD_ERRORS) } : {}),
    ...(errors && errors.length > MAX_FIELD_ERRORS
      ? { moreErrors: errors.length - MAX_FIELD_ERRORS }
      : {}),
    ...extensions,
  };
}

/** When a caller may try again after a 503 (a store that cannot write, a database restarting). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function sendProblem(res: Response, body: Problem): void {
  // Refused before its body arrived: close the connection rather than read the rest of it.
  if (!res.req.complete && declaresBody(res.req)) res.setHeader('Connection', 'close');
  if (body.status === 503 && !res.hasHeader('Retry-After')) {
    res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  }
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

function declaresBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
