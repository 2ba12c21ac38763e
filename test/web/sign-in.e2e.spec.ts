import { startWebApp, textOf, WebSession, type WebApp } from '../support/web-session';

/** People sign in to the pages through the development issuer's GOV.UK form, and out again. */
describe('signing in to the web pages', () => {
  let web: WebApp;

  beforeAll(async () => {
    web = await startWebApp('2026-03-10T12:00:00Z');
  });
  afterAll(() => web.close());

  it('sends someone not signed in from / to /sign-in, and /sign-in to the issuer', async () => {
    const browser = new WebSession(web.base);
    expect(await browser.get('/')).toMatchObject({ status: 303, location: '/sign-in' });
    expect(await browser.get('/caseload')).toMatchObject({ status: 303, location: '/sign-in' });
    const started = await browser.get('/sign-in');
    expect(started.status).toBe(303);
    expect(started.location).toMatch(/^\/dev-issuer\/authorize\?/);
    const form = await browser.get(started.location as string);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('Sign in');
    expect(form.html).toContain('<label class="govuk-label" for="username">');
    expect(form.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
  });

  it('shows a wrong password the GOV.UK way, and signs no one in', async () => {
    const browser = new WebSession(web.base);
    const refused = await browser.signIn('vlo-west-yorkshire', 'not-the-password');
    expect(refused.status).toBe(401);
    expect(refused.html).toContain(
      '<title>Error: Sign in (development issuer) - Victim Journey</title>',
    );
    expect(refused.html).toContain('govuk-error-summary');
    expect(textOf(refused.html)).toContain('Error: Unknown user or wrong password');
    expect(await browser.get('/caseload')).toMatchObject({ status: 303, location: '/sign-in' });
  });

  it('signs a VLO in to their caseload with a new, httpOnly session cookie, and out again', async () => {
    const browser = new WebSession(web.base);
    await browser.get('/sign-in');
    const before = browser.cookie('vj.sid');
    const caseload = await browser.signIn('vlo-west-yorkshire');
    expect(caseload.status).toBe(200);
    expect(caseload.html).toContain('<title>Caseload - Victim Journey</title>');
    expect(textOf(caseload.html)).toContain('Signed in as vlo-west-yorkshire');
    expect(browser.cookie('vj.sid')).not.toBe(before);
    const cookie = browser.setCookies.filter((c) => c.startsWith('vj.sid=')).at(-1) ?? '';
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    // Plain HTTP in tests: Secure only in production (docs/web.md).
    expect(cookie).not.toMatch(/; Secure/i);
    const signedOut = await browser.get('/sign-out');
    expect(textOf(signedOut.html)).toContain('You have signed out');
    expect(await browser.get('/caseload')).toMatchObject({ status: 303, location: '/sign-in' });
  });

  it('starts each role on its own page', async () => {
    const admin = new WebSession(web.base);
    await admin.signIn('administrator');
    expect(await admin.get('/')).toMatchObject({ status: 303, location: '/admin' });
    const analyst = new WebSession(web.base);
    await analyst.signIn('analyst-west-yorkshire');
    expect(await analyst.get('/')).toMatchObject({ status: 303, location: '/dashboard' });
  });

  it('refuses a form posted without the session token (403), saving nothing', async () => {
    const browser = new WebSession(web.base);
    await browser.signIn('administrator');
    const refused = await browser.post('/admin/erasure', { victimId: 'x', reason: 'y' });
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain('Your form could not be sent');
  });
});
