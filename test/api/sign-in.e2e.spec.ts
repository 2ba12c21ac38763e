import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FixedClock } from '@vj/clock';
import { loadConfig } from '@vj/runtime';
import { createApp } from '../../apps/api/src/app';
import { freePort } from '../support/api-process';
import { crimeReported } from '../support/journey-events';
import { KEYS } from '../support/test-api';

/**
 * A person signs in against the built-in development issuer, as a browser would (following the
 * redirects, posting the sign-in form), and the API answers them by their role.
 */
describe('signing in with the development issuer', () => {
  let app: NestExpressApplication;
  let base: string;
  let dataDir: string;
  let victimId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vj-sign-in-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      DATA_DIR: dataDir,
      DEADLINE_CHECK_INTERVAL_MS: '0',
      PORT: String(port),
    });
    app = await createApp(config, { clock: new FixedClock('2026-03-10T12:00:00Z'), logger: false });
    await app.listen(port, '127.0.0.1');
    const opened = await fetch(`${base}/v1/victims`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(crimeReported()),
    });
    expect(opened.status).toBe(201);
    victimId = ((await opened.json()) as { victimId: string }).victimId;
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Follows /auth/sign-in to the issuer's form, and posts it: the issuer's answer. */
  async function postSignInForm(username: string, password: string): Promise<Response> {
    const started = await fetch(`${base}/auth/sign-in`, { redirect: 'manual' });
    expect(started.status).toBe(302);
    const authorize = started.headers.get('location') as string;
    expect(authorize.startsWith(`${base}/dev-issuer/authorize?`)).toBe(true);
    const page = await fetch(authorize);
    expect(page.status).toBe(200);
    const form = new URLSearchParams();
    for (const [, name, value] of (await page.text()).matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
    ))
      form.set(name as string, value as string);
    form.set('username', username);
    form.set('password', password);
    return fetch(`${base}/dev-issuer/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
  }

  async function signIn(subject: string) {
    const signedIn = await postSignInForm(subject, `dev-${subject}`);
    expect(signedIn.status).toBe(302);
    const callback = await fetch(signedIn.headers.get('location') as string);
    expect(callback.status).toBe(200);
    return (await callback.json()) as { accessToken: string; role: string; areas: unknown };
  }

  const get = (path: string, token: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });

  it('signs a victim liaison officer in, and the API answers them as one', async () => {
    const vlo = await signIn('vlo-west-yorkshire');
    expect(vlo).toMatchObject({ role: 'victim-liaison-officer', areas: ['west-yorkshire'] });
    expect((await get(`/v1/victims/${victimId}`, vlo.accessToken)).status).toBe(200);
    expect((await get(`/v1/victims/${victimId}/vcs`, vlo.accessToken)).status).toBe(200);
    // Officers read the journey view, not the raw stream, and post nothing.
    expect((await get(`/v1/victims/${victimId}/events`, vlo.accessToken)).status).toBe(403);
    const caseload = await get('/v1/caseload', vlo.accessToken);
    expect(caseload.status).toBe(200);
    expect(await caseload.json()).toMatchObject({ owedBy: 'probation' });
  });

  it('answers a PCC analyst with reports only, and an administrator with a reason', async () => {
    const analyst = await signIn('analyst-west-yorkshire');
    expect((await get('/v1/breaches', analyst.accessToken)).status).toBe(200);
    expect((await get(`/v1/victims/${victimId}`, analyst.accessToken)).status).toBe(403);
    const administrator = await signIn('administrator');
    const withoutReason = await get(`/v1/victims/${victimId}`, administrator.accessToken);
    expect(withoutReason.status).toBe(403);
    expect(await withoutReason.json()).toMatchObject({
      errors: [{ field: 'X-Access-Reason' }],
    });
    const withReason = await get(`/v1/victims/${victimId}`, administrator.accessToken, {
      'X-Access-Reason': 'investigating parked event for ticket OPS-42',
    });
    expect(withReason.status).toBe(200);
  });

  it('refuses a wrong password at the issuer, and a sign-in it did not start', async () => {
    const refused = await postSignInForm('vlo-west-yorkshire', 'not-the-password');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('location')).toBeNull();
    const forged = await fetch(`${base}/auth/callback?code=made-up&state=made-up`);
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ errors: [{ field: 'state' }] });
  });

  it('issues agencies client-credentials tokens that the API takes as their API key', async () => {
    const token = await fetch(`${base}/dev-issuer/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'police-west-yorkshire',
        client_secret: 'dev-secret-police-west-yorkshire',
      }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    expect((await get(`/v1/victims/${victimId}/events`, access_token)).status).toBe(200);
    const wrongSecret = await fetch(`${base}/dev-issuer/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'police-west-yorkshire',
        client_secret: 'dev-secret-police-greater-manchester',
      }),
    });
    expect(wrongSecret.status).toBe(401);
  });
});
