import type { Response } from 'express';
import type { FieldError } from '@vj/event-schemas';

/** An RFC 9457 problem details body; `errors` names every bad field and why. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, [string, string]> = {
  400: ['invalid-request', 'Invalid request'],
  401: ['unauthenticated', 'Missing or unknown credential'],
  403: ['forbidden', 'Not allowed for your agency'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['too-large', 'Request too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  500: ['internal-error', 'Internal error'],
  503: ['unavailable', 'Service unavailable'],
};

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
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extensions,
  };
}

export function sendProblem(res: Response, body: Problem): void {
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
