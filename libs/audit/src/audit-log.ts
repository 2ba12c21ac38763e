import type { AuditEntry, AuditPage, AuditQuery, RecordedAuditEntry } from './entry';
import type { Verification } from './chain';

/**
 * The audit trail's port: append-only, hash-chained. An append that fails must fail the request
 * it records (nothing is read unrecorded), so callers await it before answering.
 */
export interface AuditLog {
  /** Adds the entry at the end of the chain; appends are serialised, so the chain never forks. */
  append(entry: AuditEntry): Promise<RecordedAuditEntry>;
  /** Entries in sequence order, filtered, a page at a time. */
  list(query: AuditQuery): Promise<AuditPage>;
  /** Walks the whole chain as stored. */
  verify(): Promise<Verification>;
  close(): Promise<void>;
}
