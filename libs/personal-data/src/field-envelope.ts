import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A personal field's value at rest: AES-256-GCM under the victim's data key (`kid`), bound by
 * its additional data to the victim, the stored event and the field, so a ciphertext copied to
 * another victim, event or field does not open.
 */
export interface FieldEnvelope {
  enc: 'v1';
  /** The victim's data key id. */
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

/** Where a personal value belongs: what the envelope's additional data binds it to. */
export interface FieldBinding {
  victimId: string;
  /** The stored event id (a UUID derived from the agency's own id, known before the append). */
  eventId: string;
  /** The field's path in the event's data. */
  field: string;
}

export function isFieldEnvelope(value: unknown): value is FieldEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.enc === 'v1' &&
    typeof v.kid === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.ct === 'string' &&
    typeof v.tag === 'string'
  );
}

function aadOf(b: FieldBinding): Buffer {
  return Buffer.from(JSON.stringify(['vj-field-v1', b.victimId, b.eventId, b.field]));
}

/** Encrypts one value (any JSON) under the data key. */
export function sealField(
  dataKey: Buffer,
  kid: string,
  binding: FieldBinding,
  value: unknown,
): FieldEnvelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(aadOf(binding));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    enc: 'v1',
    kid,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The value sealed in the envelope; throws if the key, the binding or any byte is wrong. */
export function openField(
  dataKey: Buffer,
  binding: FieldBinding,
  envelope: FieldEnvelope,
): unknown {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(envelope.iv, 'base64'), {
    authTagLength: 16,
  });
  decipher.setAAD(aadOf(binding));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([
    decipher.update(Buffer.from(envelope.ct, 'base64')),
    decipher.final(),
  ]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}
