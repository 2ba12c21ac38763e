import type { WrappedDataKey } from './key-service';

/** One victim's data key: wrapped while it lives; after erasure, a tombstone saying when and why. */
export interface VictimDataKey {
  victimId: string;
  /** Names the key in each field envelope (`kid`). */
  dataKeyId: string;
  /** Absent once erased: the key is destroyed and what it sealed cannot be read again. */
  wrapped: WrappedDataKey | null;
  createdAt: string;
  erasedAt: string | null;
  /** Who asked for the erasure (the caller's id). */
  erasedBy: string | null;
  erasureReason: string | null;
}

export interface ErasureRequest {
  at: string;
  by: string;
  reason: string;
}

/** Where victims' wrapped data keys are kept: one row per victim (SQLite embedded, PostgreSQL in production). */
export interface VictimDataKeyStore {
  find(victimId: string): Promise<VictimDataKey | undefined>;
  /** Stores the key unless the victim has one already (a concurrent first post); returns the one that stands. */
  create(key: VictimDataKey): Promise<VictimDataKey>;
  /**
   * Destroys the victim's wrapped key, keeping a tombstone with when and why. A key already
   * erased is left as it is (the first erasure's time and reason stand); undefined if none.
   */
  erase(victimId: string, erasure: ErasureRequest): Promise<VictimDataKey | undefined>;
  /** Live keys not wrapped by this master key, a page at a time: what rotation re-wraps. */
  wrappedByOtherThan(masterKeyId: string, limit: number): Promise<VictimDataKey[]>;
  /** Replaces a live key's wrapping if it is still `from`; false if it moved (or was erased) meanwhile. */
  rewrap(victimId: string, from: WrappedDataKey, to: WrappedDataKey): Promise<boolean>;
  close(): Promise<void>;
}

/** The store in memory: unit tests and the benchmark. */
export class InMemoryVictimDataKeyStore implements VictimDataKeyStore {
  private readonly keys = new Map<string, VictimDataKey>();

  find(victimId: string): Promise<VictimDataKey | undefined> {
    const key = this.keys.get(victimId);
    return Promise.resolve(key && { ...key });
  }

  create(key: VictimDataKey): Promise<VictimDataKey> {
    if (!this.keys.has(key.victimId)) this.keys.set(key.victimId, { ...key });
    return this.find(key.victimId) as Promise<VictimDataKey>;
  }

  erase(victimId: string, { at, by, reason }: ErasureRequest): Promise<VictimDataKey | undefined> {
    const key = this.keys.get(victimId);
    if (key && key.erasedAt === null) {
      this.keys.set(victimId, {
        ...key,
        wrapped: null,
        erasedAt: at,
        erasedBy: by,
        erasureReason: reason,
      });
    }
    return this.find(victimId);
  }

  wrappedByOtherThan(masterKeyId: string, limit: number): Promise<VictimDataKey[]> {
    const keys = [...this.keys.values()]
      .filter((k) => k.wrapped && k.wrapped.masterKeyId !== masterKeyId)
      .slice(0, limit);
    return Promise.resolve(keys.map((k) => ({ ...k })));
  }

  rewrap(victimId: string, from: WrappedDataKey, to: WrappedDataKey): Promise<boolean> {
    const key = this.keys.get(victimId);
    if (!key?.wrapped || key.wrapped.wrapped !== from.wrapped) return Promise.resolve(false);
    this.keys.set(victimId, { ...key, wrapped: to });
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
