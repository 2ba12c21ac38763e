import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@vj/clock';
import { MasterKeyService, PersonalDataVault } from '@vj/personal-data';
import { KyselyVictimDataKeyStore } from '@vj/personal-data/store';
import { runToEnd } from '../test/support/production';

const VICTIM = '9d628f1b-307e-5dd5-8185-68840a9b7ec2';
const crimeReport = {
  eventId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  type: 'crime-reported',
  schemaVersion: 1,
  data: { victimNumber: 1, victimDateOfBirth: '1988-07-14' },
};

describe('npm run rewrap-data-keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vj-rewrap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('moves every data key to the new master key, so the old one can be retired', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const clock = new FixedClock('2026-03-10T12:00:00Z');
    const file = join(dir, 'data-keys.sqlite');
    let store = await KyselyVictimDataKeyStore.openSqlite(file);
    const [sealed] = await new PersonalDataVault(new MasterKeyService(oldKey), store, clock).seal(
      VICTIM,
      [crimeReport],
    );
    await store.close();

    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATA_DIR: dir,
      MASTER_KEY: newKey.toString('base64'),
      MASTER_KEY_PREVIOUS: oldKey.toString('base64'),
    };
    expect(await runToEnd('scripts/rewrap-data-keys.ts', [], env)).toContain('re-wrapped 1 ');
    expect(await runToEnd('scripts/rewrap-data-keys.ts', [], env)).toContain('re-wrapped 0 ');

    store = await KyselyVictimDataKeyStore.openSqlite(file);
    try {
      const withNewKeyOnly = new PersonalDataVault(new MasterKeyService(newKey), store, clock);
      const [revealed] = await withNewKeyOnly.reveal(VICTIM, [
        { ...crimeReport, data: sealed!.data },
      ]);
      expect(revealed?.victimDateOfBirth).toBe('1988-07-14');
    } finally {
      await store.close();
    }
  });
});
