import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { POSTGRES_URL } from '../../../../test/support/server-urls';
import type { VictimDataKey, VictimDataKeyStore } from '../data-key-store';
import { KyselyVictimDataKeyStore } from './kysely-data-key-store';

const key = (victimId: string, masterKeyId = 'mk-old'): VictimDataKey => ({
  victimId,
  dataKeyId: `kid-${victimId}`,
  wrapped: { masterKeyId, wrapped: `wrapped-${victimId}-${masterKeyId}` },
  createdAt: '2026-03-10T12:00:00.000Z',
  erasedAt: null,
  erasedBy: null,
  erasureReason: null,
});

const schema = `vj_keys_test_${Math.random().toString(36).slice(2, 10)}`;
const dir = mkdtempSync(join(tmpdir(), 'vj-keys-'));

describe.each([
  ['SQLite', () => KyselyVictimDataKeyStore.openSqlite(join(dir, 'data-keys.sqlite'))],
  ['PostgreSQL', () => KyselyVictimDataKeyStore.openPostgres(POSTGRES_URL, schema)],
])('the victim data key store on %s', (_name, open) => {
  let store: VictimDataKeyStore;

  beforeAll(async () => {
    store = await open();
  });

  afterAll(async () => {
    await store.close();
  });

  it('keeps the first key stored for a victim', async () => {
    expect(await store.create(key('v1'))).toEqual(key('v1'));
    expect(await store.create({ ...key('v1'), dataKeyId: 'another' })).toEqual(key('v1'));
  });

  it('destroys the wrapped key on erasure and keeps a tombstone; a second erasure changes nothing', async () => {
    await store.create(key('v2'));
    const request = {
      at: '2026-03-11T09:00:00.000Z',
      by: 'operator-service-desk',
      reason: 'asked',
    };
    const erased = await store.erase('v2', request);
    expect(erased).toEqual({
      ...key('v2'),
      wrapped: null,
      erasedAt: '2026-03-11T09:00:00.000Z',
      erasedBy: 'operator-service-desk',
      erasureReason: 'asked',
    });
    expect(
      await store.erase('v2', { ...request, at: '2026-03-12T09:00:00.000Z', reason: 'again' }),
    ).toEqual(erased);
    expect(await store.erase('nobody', request)).toBeUndefined();
  });

  it('lists live keys wrapped by another master key, and re-wraps each only from what it read', async () => {
    await store.create(key('v3', 'mk-new'));
    const stale = await store.wrappedByOtherThan('mk-new', 10);
    expect(stale.map((k) => k.victimId)).toEqual(['v1']);
    const to = { masterKeyId: 'mk-new', wrapped: 'rewrapped' };
    expect(await store.rewrap('v1', { masterKeyId: 'mk-old', wrapped: 'stale' }, to)).toBe(false);
    expect(await store.rewrap('v1', key('v1').wrapped!, to)).toBe(true);
    expect((await store.find('v1'))?.wrapped).toEqual(to);
    expect(await store.wrappedByOtherThan('mk-new', 10)).toEqual([]);
  });
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const pool = new Pool({ connectionString: POSTGRES_URL });
  await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await pool.end();
});
