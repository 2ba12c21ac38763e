import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** A component schema of the API's OpenAPI document (apps/api/src/openapi), by name. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const WHEN: Record<number, string> = {
  400: 'A bad body or query parameter: every bad field named',
  401: 'No API key, or one not known',
  403: 'Not allowed for your agency',
  404: 'Not found, or not in your areas',
  408: 'The body did not all arrive in time (BODY_TIMEOUT_MS); the connection is closed',
  409: 'A conflict: the stream moved on, or an event id already stored with other content',
  413: 'The body, or the batch, is over the limit',
  415: 'The body is not application/json, or its charset is not utf-8',
  429: 'Over the rate limit of your credential (or, without one, of your address): retry after Retry-After seconds',
  431: "Request headers over the HTTP server's limit (16 KiB), answered before the service, with no body",
  503: 'A dependency did not answer (the database restarting, say), or the store could not take the write (a full disk, say): try again after Retry-After seconds; a post with the same event ids (one already stored is answered 200)',
};

/** Error responses: application/problem+json (RFC 9457) with `errors: [{ field, reason }]`. */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: WHEN[status] ?? 'Problem details',
        // Node's own 431 has no body to describe.
        ...(status === 431
          ? {}
          : { content: { 'application/problem+json': { schema: ref('Problem') } } }),
        ...((status === 429 || status === 503) && {
          headers: {
            'Retry-After': {
              description:
                status === 429
                  ? 'Seconds until the rate limit lets this caller in again'
                  : 'Seconds to wait before trying again',
              schema: { type: 'integer', minimum: 1 },
            },
          },
        }),
      }),
    ),
  );

/** A JSON response whose body is the named component schema. */
export const ApiJsonResponse = (
  status: number,
  schema: string,
  description: string,
  headers?: Record<string, string>,
) =>
  ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: ref(schema) } },
    ...(headers && {
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, about]) => [
          name,
          { description: about, schema: { type: 'string' } },
        ]),
      ),
    }),
  });
