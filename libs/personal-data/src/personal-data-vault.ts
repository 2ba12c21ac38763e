import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '@vj/clock';
import { ERASED, personalFieldsOf } from '@vj/event-schemas';
import type { VictimDataKey, VictimDataKeyStore } from './data-key-store';
import { isFieldEnvelope, openField, sealField } from './field-envelope';
import type { KeyService } from './key-service';

/** One event's data as posted or stored, with the ids its personal fields are bound to. */
export interface EventData {
  /** The stored event id. */
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Readonly<Record<string, unknown>>;
}

export interface SealedEventData {
  /** The data to store: each personal field an envelope (or the erased marker). */
  data: Record<string, unknown>;
  /**
   * Each personal field's value as the content hash takes it: a keyed digest of the plaintext,
   * stable across retries, that says nothing of the value without the victim's key.
   */
  personalDigests: Record<string, string>;
}

/** What an erasure did: when and why, the first erasure's, however often it is asked again. */
export interface Erasure {
  victimId: string;
  erasedAt: string;
  erasedBy: string;
  reason: string;
}

type LiveKey = { kid: string; dataKey: Buffer };

/**
 * Personal data at rest: seals each personal field of an event under the victim's data key (made
 * on the victim's first personal field), opens them for a reader, and erases a victim by
 * destroying the key. The one place personal fields are encrypted and decrypted.
 */
export class PersonalDataVault {
  constructor(
    private readonly keys: KeyService,
    private readonly store: VictimDataKeyStore,
    private readonly clock: Clock,
  ) {}

  async seal(victimId: string, events: readonly EventData[]): Promise<SealedEventData[]> {
    const personal = events.map((e) =>
      personalFieldsOf(e.type, e.schemaVersion).filter((f) => e.data[f] !== undefined),
    );
    const key = personal.some((fields) => fields.length > 0)
      ? await this.keyToSealFor(victimId)
      : undefined;
    return events.map((event, i) => {
      const data: Record<string, unknown> = { ...event.data };
      const personalDigests: Record<string, string> = {};
      for (const field of personal[i] ?? []) {
        const value = event.data[field];
        if (key === 'erased') {
          // Erased on request: nothing personal is kept for this victim from now on.
          data[field] = ERASED;
          personalDigests[field] = ERASED;
        } else if (key) {
          data[field] = sealField(
            key.dataKey,
            key.kid,
            { victimId, eventId: event.eventId, field },
            value,
          );
          personalDigests[field] = digestOf(key.dataKey, field, value);
        }
      }
      return { data, personalDigests };
    });
  }

  /** The events' data with each personal field opened, or the erased marker once the key is gone. */
  async reveal(victimId: string, events: readonly EventData[]): Promise<Record<string, unknown>[]> {
    let key: LiveKey | 'erased' | undefined;
    const keyOf = async () => (key ??= await this.keyToOpenFor(victimId));
    const revealed: Record<string, unknown>[] = [];
    for (const event of events) {
      const data: Record<string, unknown> = { ...event.data };
      for (const field of personalFieldsOf(event.type, event.schemaVersion)) {
        const value = data[field];
        if (!isFieldEnvelope(value)) continue;
        const live = await keyOf();
        data[field] =
          live === 'erased'
            ? ERASED
            : openField(live.dataKey, { victimId, eventId: event.eventId, field }, value);
      }
      revealed.push(data);
    }
    return revealed;
  }

  /** Destroys the victim's data key, keeping a tombstone: idempotent, the first erasure stands. */
  async erase(victimId: string, by: string, reason: string): Promise<Erasure> {
    const at = this.clock.now().toISOString();
    const erased =
      (await this.store.erase(victimId, { at, by, reason })) ??
      // No personal field was ever posted: the tombstone keeps any from being stored later.
      (await this.store.create({
        victimId,
        dataKeyId: randomUUID(),
        wrapped: null,
        createdAt: at,
        erasedAt: at,
        erasedBy: by,
        erasureReason: reason,
      }));
    return {
      victimId,
      erasedAt: erased.erasedAt as string,
      erasedBy: erased.erasedBy as string,
      reason: erased.erasureReason as string,
    };
  }

  /**
   * Key rotation: re-wraps every live data key not wrapped by the current master key. The data
   * itself is never re-encrypted: only the small wrapped keys change. Returns how many moved.
   */
  async rewrapAll(batchSize = 500): Promise<number> {
    let moved = 0;
    for (;;) {
      const stale = await this.store.wrappedByOtherThan(this.keys.currentKeyId, batchSize);
      if (stale.length === 0) return moved;
      for (const key of stale) {
        const from = key.wrapped;
        if (!from) continue;
        const to = await this.keys.wrap(await this.keys.unwrap(from));
        if (await this.store.rewrap(key.victimId, from, to)) moved += 1;
      }
    }
  }

  private async keyToSealFor(victimId: string): Promise<LiveKey | 'erased'> {
    const existing = await this.store.find(victimId);
    if (existing) return this.liveKeyOf(existing);
    const dataKey = randomBytes(32);
    const stored = await this.store.create({
      victimId,
      dataKeyId: randomUUID(),
      wrapped: await this.keys.wrap(dataKey),
      createdAt: this.clock.now().toISOString(),
      erasedAt: null,
      erasedBy: null,
      erasureReason: null,
    });
    // A concurrent first post may have stored its key first: theirs stands.
    return this.liveKeyOf(stored);
  }

  private async keyToOpenFor(victimId: string): Promise<LiveKey | 'erased'> {
    const key = await this.store.find(victimId);
    if (!key) throw new Error(`victim ${victimId} has sealed personal data but no data key`);
    return this.liveKeyOf(key);
  }

  private async liveKeyOf(key: VictimDataKey): Promise<LiveKey | 'erased'> {
    if (!key.wrapped) return 'erased';
    return { kid: key.dataKeyId, dataKey: await this.keys.unwrap(key.wrapped) };
  }
}

/** A keyed digest of a personal value: the content hash's stand-in for the plaintext. */
function digestOf(dataKey: Buffer, field: string, value: unknown): string {
  const hashKey = Buffer.from(hkdfSync('sha256', dataKey, '', 'vj-content-hash-v1', 32));
  return createHmac('sha256', hashKey)
    .update(JSON.stringify([field, value]))
    .digest('hex');
}
