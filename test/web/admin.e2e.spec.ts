import { join } from 'node:path';
import Database from 'better-sqlite3';
import { crimeReported } from '../support/journey-events';
import { KEYS } from '../support/test-api';
import { startWebApp, textOf, WebSession, type WebApp } from '../support/web-session';

/** The administrator's pages: the audit chain verified, a victim's personal data erased. */
describe('the administrator pages', () => {
  let web: WebApp;
  let victimId: string;

  beforeAll(async () => {
    web = await startWebApp('2026-03-10T12:00:00Z');
    const res = await fetch(`${web.base}/v1/victims`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(crimeReported()),
    });
    victimId = ((await res.json()) as { victimId: string }).victimId;
  });
  afterAll(() => web.close());

  it('verifies the audit chain', async () => {
    const admin = new WebSession(web.base);
    await admin.signIn('administrator');
    const page = await admin.get('/admin/audit');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toMatch(/Result Chain intact Entries \d+/);
  });

  it('asks an administrator why before showing a victim, and keeps the reason in the trail', async () => {
    const admin = new WebSession(web.base);
    await admin.signIn('administrator');
    const asked = await admin.get(`/victims/${victimId}`);
    expect(textOf(asked.html)).toContain("Why are you reading this victim's record?");
    const blank = await admin.post(`/victims/${victimId}/reason`, {
      _csrf: WebSession.csrfOf(asked),
      reason: ' ',
    });
    expect(blank.status).toBe(400);
    expect(textOf(blank.html)).toContain('Error: Enter why you are reading this record');
    const given = await admin.post(`/victims/${victimId}/reason`, {
      _csrf: WebSession.csrfOf(asked),
      reason: 'ticket OPS-42',
    });
    expect(given).toMatchObject({ status: 303, location: `/victims/${victimId}` });
    expect((await admin.get(`/victims/${victimId}`)).status).toBe(200);
    const trail = await fetch(`${web.base}/v1/audit?victimId=${victimId}`, {
      headers: { Authorization: `Bearer ${KEYS.operator}` },
    });
    const entries = ((await trail.json()) as { entries: { reason: string; subject: string }[] })
      .entries;
    expect(entries).toContainEqual(
      expect.objectContaining({ subject: 'administrator', reason: 'ticket OPS-42' }),
    );
  });

  it('checks the erasure form, asks to confirm, then erases: the victim page says so', async () => {
    const admin = new WebSession(web.base);
    await admin.signIn('administrator');
    const form = await admin.get('/admin/erasure');
    const csrf = WebSession.csrfOf(form);
    const bad = await admin.post('/admin/erasure', { _csrf: csrf, victimId: 'nobody', reason: '' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.html)).toContain("The victim's id must be the id the service gave them");
    expect(textOf(bad.html)).toContain('Enter why the data is erased');
    const confirm = await admin.post('/admin/erasure', {
      _csrf: csrf,
      victimId,
      reason: 'the victim asked, ticket DP-1',
    });
    expect(textOf(confirm.html)).toContain('Are you sure you want to erase this data?');
    // Nothing is erased before the confirmation.
    const vlo = new WebSession(web.base);
    await vlo.signIn('vlo-west-yorkshire');
    expect(textOf((await vlo.get(`/victims/${victimId}`)).html)).toContain('14 July 1988');
    const erased = await admin.post('/admin/erasure/confirm', {
      _csrf: csrf,
      victimId,
      reason: 'the victim asked, ticket DP-1',
    });
    expect(erased).toMatchObject({ status: 303, location: '/admin/erasure' });
    expect(textOf((await admin.get('/admin/erasure')).html)).toContain(
      "The victim's personal data is erased",
    );
    const page = textOf((await vlo.get(`/victims/${victimId}`)).html);
    expect(page).toContain("This victim's personal data has been erased");
    expect(page).toContain('Date of birth (13/123456/26) [erased]');
  });

  it('names the first broken entry once someone has altered the trail', async () => {
    const admin = new WebSession(web.base);
    await admin.signIn('administrator');
    await admin.get('/admin/audit');
    await admin.get('/admin/audit');
    const db = new Database(join(web.dataDir, 'audit.sqlite'));
    try {
      db.exec('DROP TRIGGER IF EXISTS audit_entries_no_update');
      db.prepare("UPDATE audit_entries SET subject = 'someone-else' WHERE sequence = 2").run();
    } finally {
      db.close();
    }
    const page = await admin.get('/admin/audit');
    expect(textOf(page.html)).toContain(
      'The audit trail has been altered: the chain breaks at entry 2.',
    );
    expect(textOf(page.html)).toContain('Why its content does not match its hash');
  });

  it('refuses officers the administrator pages', async () => {
    const vlo = new WebSession(web.base);
    await vlo.signIn('vlo-west-yorkshire');
    expect((await vlo.get('/admin/audit')).status).toBe(403);
    expect((await vlo.get('/admin/erasure')).status).toBe(403);
  });
});
