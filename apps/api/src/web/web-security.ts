import { randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import { Redis } from 'ioredis';
import type { PersonCaller } from '@vj/access-policy';
import { contentSecurityPolicyHeader } from '@vj/nest-edge';
import type { Clock } from '@vj/clock';
import { ConfigError, type AppConfig } from '@vj/runtime';
import { renderPage } from './render';
import { RedisSessionStore } from './redis-session-store';
import { personCallerOf } from './session-caller';
import { GOVUK_FRONTEND_DIST } from './web-paths';

/** The pages' paths: everything else (the API, /docs, /dev-issuer, /health) keeps its own handling. */
const PAGE_PREFIXES = ['/sign-in', '/sign-out', '/caseload', '/victims', '/admin', '/dashboard'];

export function isPagePath(path: string): boolean {
  return path === '/' || PAGE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

export const SESSION_COOKIE = 'vj.sid';
export const CSRF_FIELD = '_csrf';

/** A fresh synchronizer token: set at sign-in, with the new session id. */
export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

/**
 * The pages' own policy (the API's forbids everything): scripts only from here and with this
 * answer's nonce (GOV.UK Frontend's init), styles, fonts and images only from here, forms only
 * back here, never framed.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  return contentSecurityPolicyHeader({
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`],
    'style-src': ["'self'"],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

/** Runs `handler` on page paths only. */
const onPages =
  (handler: express.RequestHandler): express.RequestHandler =>
  (req, res, next) =>
    isPagePath(req.path) ? handler(req, res, next) : next();

export interface WebSecurity {
  /** Closes the session store's connection, if it has one. */
  close: () => Promise<void>;
}

/**
 * What every page request goes through before its route, mounted before the app's routes:
 * GOV.UK Frontend's assets at /assets; on page paths a CSP nonce, the session (memory, or Redis in
 * production), the urlencoded form body, the CSRF check of every POST, and the signed-in person
 * as the request's caller. API routes see none of it.
 */
/** The secret that signs session cookies: production gives its own, or the API does not start. */
export function sessionSecretOf(config: AppConfig): string {
  if (!config.session.secret)
    throw new ConfigError(
      'SESSION_SECRET is required in production: the development one is public',
    );
  return config.session.secret;
}

export function useWebSecurity(
  app: NestExpressApplication,
  config: AppConfig,
  clock: Clock,
): WebSecurity {
  const secret = sessionSecretOf(config);
  const govuk = join(GOVUK_FRONTEND_DIST, 'govuk');
  // Fonts, images and the manifest; then the precompiled CSS and JS (no Sass build).
  app.use('/assets', express.static(join(govuk, 'assets'), { index: false }));
  const frontend = express.static(govuk, { index: false });
  app.use('/assets', (req: Request, res: Response, next: NextFunction) =>
    /^\/govuk-frontend\.min\.(css|js)$/.test(req.path) ? void frontend(req, res, next) : next(),
  );

  app.use(
    onPages((_req, res, next) => {
      const nonce = randomBytes(16).toString('base64');
      res.locals.cspNonce = nonce;
      res.setHeader('Content-Security-Policy', pageContentSecurityPolicy(nonce));
      next();
    }),
  );

  const idleMs = config.session.idleMinutes * 60_000;
  let redis: Redis | undefined;
  let store: session.Store | undefined;
  if (config.session.store === 'redis') {
    redis = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    store = new RedisSessionStore(redis, `${config.queuePrefix}:session:`, idleMs / 1000);
  }
  app.use(
    onPages(
      session({
        name: SESSION_COOKIE,
        secret,
        ...(store ? { store } : {}),
        resave: false,
        saveUninitialized: false,
        // Each page used keeps the session another idle period.
        rolling: true,
        cookie: {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.session.secureCookie,
          maxAge: idleMs,
          path: '/',
        },
      }),
    ),
  );
  if (config.session.secureCookie) app.set('trust proxy', 1);

  const forms = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 });
  app.use(
    onPages((req, res, next) => {
      forms(req, res, (error?: unknown) => {
        if (error) return next(error);
        // A page post is never JSON: nothing for the API's JSON body reader to read.
        if (req.method === 'POST') req.body ??= {};
        next();
      });
    }),
  );

  app.use(onPages(csrfCheck));
  app.use(onPages(sessionPerson(clock)));
  return { close: async () => void (await redis?.quit().catch(() => undefined)) };
}

/** Every POST carries the session's synchronizer token, or is refused (403) before its route. */
function csrfCheck(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST') return next();
  const expected = req.session?.csrfToken;
  const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (
    typeof expected === 'string' &&
    typeof sent === 'string' &&
    sent.length === expected.length &&
    timingSafeEqual(Buffer.from(sent), Buffer.from(expected))
  ) {
    return next();
  }
  res.status(403);
  renderPage(res, 'errors/csrf.njk', {});
}

/** The signed-in person as the request's caller, while the access token lasts. */
const sessionPerson = (clock: Clock) => (req: Request, _res: Response, next: NextFunction) => {
  const person = req.session?.person;
  if (person) {
    if (person.expiresAt > clock.now().getTime()) {
      (req as Request & { caller?: PersonCaller }).caller = personCallerOf(person);
    } else {
      delete req.session.person;
      delete req.session.csrfToken;
    }
  }
  next();
};
