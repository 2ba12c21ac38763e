import type { AuditEntry, RecordedAuditEntry } from './entry';

/** A hash function over text, hex out: SHA-256 at the edge (`@vj/audit/node`), anything in tests. */
export type HashText = (text: string) => string;

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a chain ends: the last sequence number and its hash (0 and the genesis hash when empty). */
export interface ChainHead {
  sequence: number;
  hash: string;
}

export const EMPTY_CHAIN: ChainHead = { sequence: 0, hash: GENESIS_HASH };

/**
 * The one text an entry is hashed as: its sequence and fields in a fixed order, as a JSON array,
 * so neither key order nor a missing field can change the hash of the same entry.
 */
export function canonical(sequence: number, entry: AuditEntry): string {
  return JSON.stringify([
    sequence,
    entry.at,
    entry.subject,
    entry.role,
    entry.action,
    entry.outcome,
    entry.status,
    entry.victimId,
    entry.endpoint,
    entry.reason,
    entry.requestId,
  ]);
}

/** The next entry of a chain: it names the hash of the one before, and is hashed with it. */
export function chainEntry(hash: HashText, head: ChainHead, entry: AuditEntry): RecordedAuditEntry {
  const sequence = head.sequence + 1;
  return {
    ...fieldsOf(entry),
    sequence,
    prevHash: head.hash,
    hash: hash(head.hash + canonical(sequence, entry)),
  };
}

export type Verification =
  | { ok: true; count: number; head: ChainHead }
  | {
      ok: false;
      /** The first sequence number at which the chain does not hold. */
      sequence: number;
      reason: string;
    };

/**
 * Walks entries in the order stored, from `head` (the end of the entries already walked), and
 * says where the chain first breaks: an entry out of sequence (one removed, or moved), one that
 * does not name the hash before it, or one whose hash is not that of its content (altered).
 * Callers walking a long trail page by page pass the head the previous page ended at.
 */
export function verifyChain(
  hash: HashText,
  entries: Iterable<RecordedAuditEntry>,
  head: ChainHead = EMPTY_CHAIN,
  counted = 0,
): Verification {
  let current = head;
  let count = counted;
  for (const entry of entries) {
    const expected = current.sequence + 1;
    if (entry.sequence !== expected) {
      return {
        ok: false,
        sequence: expected,
        reason: `entry ${expected} is missing or out of place (found ${entry.sequence})`,
      };
    }
    if (entry.prevHash !== current.hash) {
      return {
        ok: false,
        sequence: expected,
        reason: 'does not name the hash of the entry before it',
      };
    }
    if (entry.hash !== hash(entry.prevHash + canonical(entry.sequence, entry))) {
      return { ok: false, sequence: expected, reason: 'its content does not match its hash' };
    }
    current = { sequence: entry.sequence, hash: entry.hash };
    count += 1;
  }
  return { ok: true, count, head: current };
}

/** Only the entry's own fields, whatever else the object carries. */
function fieldsOf(entry: AuditEntry): AuditEntry {
  return {
    at: entry.at,
    subject: entry.subject,
    role: entry.role,
    action: entry.action,
    outcome: entry.outcome,
    status: entry.status,
    victimId: entry.victimId,
    endpoint: entry.endpoint,
    reason: entry.reason,
    requestId: entry.requestId,
  };
}
