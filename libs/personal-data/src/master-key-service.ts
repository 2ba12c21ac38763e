import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { KeyService, WrappedDataKey } from './key-service';

const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds a wrapped blob to its purpose: it cannot be passed off as a field envelope.
const WRAP_AAD = Buffer.from('victim-journey data key');

/** A master key's id: a fingerprint of the key, so configuration names each key once only. */
export function masterKeyIdOf(masterKey: Buffer): string {
  return `mk-${createHash('sha256').update(masterKey).digest('hex').slice(0, 16)}`;
}

/**
 * Wraps data keys with AES-256-GCM under a master key from configuration (MASTER_KEY). Keys
 * wrapped by a previous master key (MASTER_KEY_PREVIOUS) still unwrap, until the rewrap command
 * has moved them all to the current one.
 */
export class MasterKeyService implements KeyService {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('a master key is 32 bytes');
      this.keys.set(masterKeyIdOf(key), key);
    }
    this.currentKeyId = masterKeyIdOf(current);
  }

  wrap(dataKey: Buffer): Promise<WrappedDataKey> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId) as Buffer, iv);
    cipher.setAAD(WRAP_AAD);
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const wrapped = Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64');
    return Promise.resolve({ masterKeyId: this.currentKeyId, wrapped });
  }

  unwrap({ masterKeyId, wrapped }: WrappedDataKey): Promise<Buffer> {
    const key = this.keys.get(masterKeyId);
    if (!key) {
      return Promise.reject(
        new Error(
          `a data key is wrapped by master key ${masterKeyId}, which is not configured (MASTER_KEY_PREVIOUS)`,
        ),
      );
    }
    const blob = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(WRAP_AAD);
    decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
    try {
      const ct = blob.subarray(IV_BYTES, blob.length - TAG_BYTES);
      return Promise.resolve(Buffer.concat([decipher.update(ct), decipher.final()]));
    } catch {
      return Promise.reject(new Error(`a data key wrapped by ${masterKeyId} does not unwrap`));
    }
  }
}
