import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicyHeader,
  type ContentSecurityPolicy,
} from '@vj/nest-edge';

/** The inline code of a page, which a CSP without 'unsafe-inline' allows only by hash. */
export interface InlineCode {
  scripts: string[];
  styles: string[];
  /** `style="…"` attribute values. */
  styleAttributes: string[];
}

export function inlineCodeOf(html: string): InlineCode {
  const contents = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1] ?? '');
  return {
    // Only scripts without a src: one with a src is loaded from 'self'.
    scripts: contents(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi),
    styles: contents(/<style[^>]*>([\s\S]*?)<\/style>/gi),
    styleAttributes: contents(/\sstyle="([^"]*)"/gi),
  };
}

/** A CSP hash source: the base64 SHA-256 of exactly the text between the tags. */
export const cspHash = (code: string) =>
  `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;

/**
 * Swagger UI's policy: its scripts, styles and images from this origin (its CSS inlines some
 * icons as data: URLs), its own inline <style> blocks and style attributes by hash rather than
 * 'unsafe-inline', "Try it out" calls to this origin, and still no framing.
 */
export function docsContentSecurityPolicy(html: string): ContentSecurityPolicy {
  const inline = inlineCodeOf(html);
  const hashes = (codes: string[]) => [...new Set(codes)].map(cspHash);
  return {
    ...API_CONTENT_SECURITY_POLICY,
    'script-src': ["'self'", ...hashes(inline.scripts)],
    'style-src': [
      "'self'",
      ...hashes(inline.styles),
      // 'unsafe-hashes' lets the listed hashes match style attributes too, and nothing else.
      ...(inline.styleAttributes.length > 0
        ? ["'unsafe-hashes'", ...hashes(inline.styleAttributes)]
        : []),
    ],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'form-action': ["'self'"],
  };
}

/**
 * Gives each HTML page under /docs the policy its own inline code needs, hashed from the page
 * SwaggerModule sends (so a new Swagger UI version cannot be broken by stale hashes). Everything
 * else under /docs (scripts, styles, the JSON document) keeps the shared API policy.
 */
export function docsSecurityHeaders(): RequestHandler {
  const headerOf = new Map<string, string>(); // one entry per page (/docs, /docs/)
  return (_req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const type = res.getHeader('Content-Type');
      if (typeof body === 'string' && typeof type === 'string' && type.startsWith('text/html')) {
        let header = headerOf.get(body);
        if (header === undefined) {
          header = contentSecurityPolicyHeader(docsContentSecurityPolicy(body));
          headerOf.set(body, header);
        }
        res.setHeader('Content-Security-Policy', header);
      }
      return send(body);
    };
    next();
  };
}
