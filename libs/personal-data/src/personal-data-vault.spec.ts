import { randomBytes } from 'node:crypto';
import { FixedClock } from '@vj/clock';
import { ERASED } from '@vj/event-schemas';
import { InMemoryVictimDataKeyStore } from './data-key-store';
import { isFieldEnvelope, openField, sealField, type FieldEnvelope } from './field-envelope';
import { MasterKeyService } from './master-key-service';
import { PersonalDataVault } from './personal-data-vault';

const VICTIM = '9d628f1b-307e-5dd5-8185-68840a9b7ec2';
const EVENT = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
const binding = { victimId: VICTIM, eventId: EVENT, field: 'victimDateOfBirth' };

const crimeReported = (dateOfBirth: string) => ({
  eventId: EVENT,
  type: 'crime-reported',
  schemaVersion: 1,
  data: { victimNumber: 1, offenceCategory: 'burglary', victimDateOfBirth: dateOfBirth },
});

describe('a personal field envelope', () => {
  const key = randomBytes(32);

  it('opens to the value sealed in it', () => {
    const envelope = sealField(key, 'kid-1', binding, '1988-07-14');
    expect(envelope).toMatchObject({ enc: 'v1', kid: 'kid-1' });
    expect(JSON.stringify(envelope)).not.toContain('1988');
    expect(openField(key, binding, envelope)).toBe('1988-07-14');
  });

  it.each([
    ['another victim', { ...binding, victimId: 'f0f0f0f0-307e-5dd5-8185-68840a9b7ec2' }],
    ['another event', { ...binding, eventId: 'a-different-event' }],
    ['another field', { ...binding, field: 'reason' }],
  ])('does not open when moved to %s', (_where, elsewhere) => {
    const envelope = sealField(key, 'kid-1', binding, '1988-07-14');
    expect(() => openField(key, elsewhere, envelope)).toThrow();
  });

  it('does not open when a byte of the ciphertext or tag is changed, or the tag cut short', () => {
    const envelope = sealField(key, 'kid-1', binding, '1988-07-14');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] as number) ^ 1;
      return bytes.toString('base64');
    };
    const tampered: FieldEnvelope[] = [
      { ...envelope, ct: flip(envelope.ct) },
      { ...envelope, tag: flip(envelope.tag) },
      { ...envelope, tag: Buffer.from(envelope.tag, 'base64').subarray(0, 4).toString('base64') },
    ];
    for (const t of tampered) expect(() => openField(key, binding, t)).toThrow();
  });

  it('does not open under another key', () => {
    const envelope = sealField(key, 'kid-1', binding, '1988-07-14');
    expect(() => openField(randomBytes(32), binding, envelope)).toThrow();
  });
});

describe('the master key service', () => {
  it('unwraps what it wrapped, and refuses a key wrapped by a master key it does not hold', async () => {
    const dataKey = randomBytes(32);
    const service = new MasterKeyService(randomBytes(32));
    const wrapped = await service.wrap(dataKey);
    expect(wrapped.masterKeyId).toBe(service.currentKeyId);
    expect(await service.unwrap(wrapped)).toEqual(dataKey);
    await expect(new MasterKeyService(randomBytes(32)).unwrap(wrapped)).rejects.toThrow(
      /not configured/,
    );
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new MasterKeyService(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('the personal data vault', () => {
  const clock = new FixedClock('2026-03-10T12:00:00Z');
  let store: InMemoryVictimDataKeyStore;
  let vault: PersonalDataVault;
  const master = randomBytes(32);

  beforeEach(() => {
    store = new InMemoryVictimDataKeyStore();
    vault = new PersonalDataVault(new MasterKeyService(master), store, clock);
  });

  it("seals each personal field under the victim's key, made on the first one, and reveals it", async () => {
    const [sealed] = await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    expect(isFieldEnvelope(sealed?.data.victimDateOfBirth)).toBe(true);
    expect(sealed?.data.offenceCategory).toBe('burglary');
    expect(JSON.stringify(sealed)).not.toContain('1988-07-14');
    expect((await store.find(VICTIM))?.wrapped).not.toBeNull();
    const [revealed] = await vault.reveal(VICTIM, [{ ...crimeReported(''), data: sealed!.data }]);
    expect(revealed?.victimDateOfBirth).toBe('1988-07-14');
  });

  it('makes no key for events without personal fields', async () => {
    const [sealed] = await vault.seal(VICTIM, [
      { eventId: EVENT, type: 'suspect-arrested', schemaVersion: 1, data: { suspectNumber: 1 } },
    ]);
    expect(sealed).toEqual({ data: { suspectNumber: 1 }, personalDigests: {} });
    expect(await store.find(VICTIM)).toBeUndefined();
  });

  it('gives the same digest to the same value (a retry) and another to another value', async () => {
    const [a] = await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    const [b] = await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    const [c] = await vault.seal(VICTIM, [crimeReported('1988-07-15')]);
    expect(a?.personalDigests).toEqual(b?.personalDigests);
    expect(a?.personalDigests).not.toEqual(c?.personalDigests);
    expect(a?.data.victimDateOfBirth).not.toEqual(b?.data.victimDateOfBirth);
  });

  it('reads every personal field as erased once the key is destroyed, and keeps none posted later', async () => {
    const [sealed] = await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    const erasure = await vault.erase(VICTIM, 'operator-service-desk', 'the victim asked');
    expect(erasure).toEqual({
      victimId: VICTIM,
      erasedAt: '2026-03-10T12:00:00.000Z',
      erasedBy: 'operator-service-desk',
      reason: 'the victim asked',
    });
    const [revealed] = await vault.reveal(VICTIM, [{ ...crimeReported(''), data: sealed!.data }]);
    expect(revealed?.victimDateOfBirth).toBe(ERASED);
    const [later] = await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    expect(later?.data.victimDateOfBirth).toBe(ERASED);
  });

  it('keeps the first erasure when asked again', async () => {
    await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    const first = await vault.erase(VICTIM, 'operator-a', 'first');
    clock.set('2026-03-11T12:00:00Z');
    expect(await vault.erase(VICTIM, 'operator-b', 'second')).toEqual(first);
  });

  it('erases a victim who has no key yet, so nothing personal is kept later', async () => {
    await vault.erase(VICTIM, 'operator-a', 'asked before any personal field was posted');
    const [later] = await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    expect(later?.data.victimDateOfBirth).toBe(ERASED);
  });

  it('rotation: a new master key re-wraps the old keys, and the data still opens with the new key alone', async () => {
    const [sealed] = await vault.seal(VICTIM, [crimeReported('1988-07-14')]);
    const next = randomBytes(32);
    const rotating = new PersonalDataVault(new MasterKeyService(next, [master]), store, clock);
    expect(await rotating.rewrapAll()).toBe(1);
    expect(await rotating.rewrapAll()).toBe(0);
    const afterwards = new PersonalDataVault(new MasterKeyService(next), store, clock);
    const [revealed] = await afterwards.reveal(VICTIM, [
      { ...crimeReported(''), data: sealed!.data },
    ]);
    expect(revealed?.victimDateOfBirth).toBe('1988-07-14');
  });
});
