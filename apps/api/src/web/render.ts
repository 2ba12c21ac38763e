import type { Response } from 'express';
import type { Environment } from 'nunjucks';
import { nunjucksEnvironment } from './nunjucks-setup';

const OFFICERS = ['victim-liaison-officer', 'witness-care-officer', 'police-victim-care-officer'];

/** The service navigation a person sees: their pages, then signing out. */
function navigationOf(role: string | undefined, path: string) {
  if (!role) return [];
  const here = (...prefixes: string[]) => prefixes.some((p) => path.startsWith(p));
  return [
    ...(OFFICERS.includes(role)
      ? [{ href: '/caseload', text: 'Caseload', active: here('/caseload', '/victims') }]
      : []),
    ...(role === 'pcc-analyst' || role === 'national-analyst'
      ? [{ href: '/dashboard', text: 'Dashboard', active: here('/dashboard') }]
      : []),
    ...(role === 'administrator'
      ? [{ href: '/admin', text: 'Administration', active: here('/admin', '/victims') }]
      : []),
    { href: '/sign-out', text: 'Sign out', attributes: { 'data-qa': 'sign-out' } },
  ];
}

let environment: Environment | undefined;

/** The one Nunjucks environment, made on first use. */
export function views(): Environment {
  environment ??= nunjucksEnvironment();
  return environment;
}

/**
 * Renders a page with what every page needs: the CSP nonce, the session's CSRF token and person,
 * and a one-time success message (read once, then gone).
 */
export function renderPage(res: Response, view: string, context: Record<string, unknown>): void {
  const req = res.req;
  const flash = req.session?.flash;
  if (flash) delete req.session.flash;
  const html = views().render(view, {
    cspNonce: res.locals.cspNonce as string | undefined,
    csrfToken: req.session?.csrfToken,
    person: req.session?.person,
    currentPath: req.path,
    navigation: navigationOf(req.session?.person?.role, req.path),
    flash,
    ...context,
  });
  res.type('html').send(html);
}
