import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteAuditLog } from '@vj/audit/sqlite';
import { exited, runScript } from '../test/support/production';

// A real process on a shared 2-core machine: swc compiles the script at start.
jest.setTimeout(60_000);

/** `npm run audit:verify` on the embedded trail: OK and 0, or the first bad sequence and 1. */
describe('npm run audit:verify', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vj-audit-verify-'));
    const audit = new SqliteAuditLog(join(dataDir, 'audit.sqlite'));
    for (const n of [1, 2, 3]) {
      await audit.append({
        at: `2026-03-06T17:00:0${n}.000Z`,
        subject: 'police-west-yorkshire',
        role: 'police',
        action: 'read-journey',
        outcome: 'allowed',
        status: 200,
        victimId: '9d628f1b-307e-5dd5-8185-68840a9b7ec2',
        endpoint: 'GET /v1/victims/:victimId',
        reason: null,
        requestId: `request-${n}`,
      });
    }
    await audit.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const verify = async () => {
    const child = runScript('scripts/audit-verify.ts', [], {
      ...process.env,
      EVENT_STORE: 'sqlite',
      DATA_DIR: dataDir,
    });
    return { code: await exited(child), output: child.output() };
  };

  it('prints the count and OK, and exits 0, on an untouched trail', async () => {
    expect(await verify()).toEqual({
      code: 0,
      output: expect.stringMatching(
        /^audit trail: 3 entries, OK; last 3 [0-9a-f]{64}\n$/,
      ) as string,
    });
  });

  it('names the entry altered behind the dropped trigger, and exits 1', async () => {
    const db = new Database(join(dataDir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_entries_no_update');
    db.exec("UPDATE audit_entries SET subject = 'someone-else' WHERE sequence = 2");
    db.close();
    const { code, output } = await verify();
    expect(code).toBe(1);
    expect(output).toContain('BROKEN at sequence 2');
  });
});
