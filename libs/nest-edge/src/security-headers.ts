import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** A Content-Security-Policy as directives and their sources, e.g. `{ 'default-src': ["'none'"] }`. */
export type ContentSecurityPolicy = Readonly<Record<string, readonly string[]>>;

/**
 * The policy of every answer both apps give: JSON and Prometheus text, which a browser should
 * never run, style, frame or submit anywhere. Pages that need more (Swagger UI at /docs) set
 * their own policy built on this one.
 */
export const API_CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function contentSecurityPolicyHeader(policy: ContentSecurityPolicy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => [directive, ...sources].join(' '))
    .join('; ');
}

/** Two years, as the HSTS preload list asks; browsers ignore it over plain HTTP (local development). */
const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/**
 * The security headers of every answer of both apps, errors and the not-found fallback included,
 * so it is mounted before any route. `Cache-Control: no-store` on every answer: /v1 answers carry
 * victims' data and no shared or browser cache may keep them; health and metrics go stale at once.
 * (Swagger UI's static files under /docs replace it with their own `public, max-age=0`.)
 */
export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(API_CONTENT_SECURITY_POLICY).map(([d, s]) => [d, [...s]]),
      ),
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    headers(req, res, next);
  };
}
