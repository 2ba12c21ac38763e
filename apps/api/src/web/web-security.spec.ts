import { loadConfig } from '@vj/runtime';
import { isPagePath, pageContentSecurityPolicy, sessionSecretOf } from './web-security';

describe('the pages’ security settings', () => {
  it('refuses to serve pages in production without SESSION_SECRET', () => {
    const production = {
      ...loadConfig({}),
      session: { secret: undefined, store: 'redis', idleMinutes: 30, secureCookie: true },
    } as const;
    expect(() => sessionSecretOf(production)).toThrow('SESSION_SECRET is required in production');
    expect(sessionSecretOf(loadConfig({ SESSION_SECRET: 'x'.repeat(32) }))).toBe('x'.repeat(32));
  });

  it('lets scripts run only from here and with the answer’s nonce, and forms go only back here', () => {
    const policy = pageContentSecurityPolicy('abc123');
    expect(policy).toContain("script-src 'self' 'nonce-abc123'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
  });

  it.each([
    ['/', true],
    ['/caseload', true],
    ['/victims/9d628f1b-307e-5dd5-8185-68840a9b7ec2', true],
    ['/admin/erasure', true],
    ['/dashboard', true],
    ['/v1/victims', false],
    ['/victimsx', false],
    ['/dev-issuer/authorize', false],
    ['/health', false],
  ])('treats %s as a page: %s', (path, page) => {
    expect(isPagePath(path)).toBe(page);
  });
});
