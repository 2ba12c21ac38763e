import { createHash } from 'node:crypto';
import {
  canonical,
  chainEntry,
  EMPTY_CHAIN,
  GENESIS_HASH,
  verifyChain,
  type ChainHead,
} from './chain';
import type { AuditEntry, RecordedAuditEntry } from './entry';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const read = (n: number): AuditEntry => ({
  at: `2026-03-10T12:00:0${n}.000Z`,
  subject: 'police-west-yorkshire',
  role: 'police',
  action: 'read-stream',
  outcome: 'allowed',
  status: 200,
  victimId: `victim-${n}`,
  endpoint: 'GET /v1/victims/:victimId/events',
  reason: null,
  requestId: `request-${n}`,
});

/** Given n reads appended one after another. */
function chainOf(n: number): RecordedAuditEntry[] {
  const entries: RecordedAuditEntry[] = [];
  let head: ChainHead = EMPTY_CHAIN;
  for (let i = 1; i <= n; i += 1) {
    const entry = chainEntry(sha256, head, read(i));
    entries.push(entry);
    head = entry;
  }
  return entries;
}

describe('the canonical form', () => {
  it('is the same whatever order the fields were written in', () => {
    const entry = read(1);
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as unknown as AuditEntry;
    expect(canonical(1, reordered)).toBe(canonical(1, entry));
  });

  it('differs when any field, or the sequence, differs', () => {
    const entry = read(1);
    const variants = [
      canonical(2, entry),
      canonical(1, { ...entry, victimId: null }),
      canonical(1, { ...entry, outcome: 'refused' }),
      canonical(1, { ...entry, status: 404 }),
      canonical(1, { ...entry, reason: 'safeguarding review' }),
    ];
    expect(new Set([canonical(1, entry), ...variants]).size).toBe(variants.length + 1);
  });

  it('tells a missing reason from the text "null"', () => {
    expect(canonical(1, { ...read(1), reason: null })).not.toBe(
      canonical(1, { ...read(1), reason: 'null' }),
    );
  });
});

describe('the chain', () => {
  it('starts from the genesis hash and links each entry to the one before', () => {
    const [first, second] = chainOf(2) as [RecordedAuditEntry, RecordedAuditEntry];
    expect(first.sequence).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(sha256(GENESIS_HASH + canonical(1, read(1))));
    expect(second.sequence).toBe(2);
    expect(second.prevHash).toBe(first.hash);
  });

  it('verifies an untouched chain, and an empty one', () => {
    const entries = chainOf(5);
    expect(verifyChain(sha256, entries)).toEqual({
      ok: true,
      count: 5,
      head: { sequence: 5, hash: entries[4]?.hash },
    });
    expect(verifyChain(sha256, [])).toEqual({ ok: true, count: 0, head: EMPTY_CHAIN });
  });

  it('verifies page by page from where the last page ended', () => {
    const entries = chainOf(5);
    const first = verifyChain(sha256, entries.slice(0, 2));
    if (!first.ok) throw new Error('the first page should verify');
    expect(verifyChain(sha256, entries.slice(2), first.head, first.count)).toMatchObject({
      ok: true,
      count: 5,
    });
  });

  it('fails at the first altered entry', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2]!, victimId: 'someone-else' };
    expect(verifyChain(sha256, entries)).toEqual({
      ok: false,
      sequence: 3,
      reason: 'its content does not match its hash',
    });
  });

  it('fails at the entry after an altered one whose hash was recomputed', () => {
    const entries = chainOf(5);
    const altered = { ...entries[2]!, outcome: 'refused' as const };
    entries[2] = { ...altered, hash: sha256(altered.prevHash + canonical(3, altered)) };
    expect(verifyChain(sha256, entries)).toMatchObject({ ok: false, sequence: 4 });
  });

  it('fails where an entry was removed', () => {
    const entries = chainOf(5);
    entries.splice(1, 1);
    expect(verifyChain(sha256, entries)).toMatchObject({
      ok: false,
      sequence: 2,
      reason: 'entry 2 is missing or out of place (found 3)',
    });
  });

  it('fails where entries were reordered', () => {
    const entries = chainOf(5);
    [entries[3], entries[1]] = [entries[1]!, entries[3]!];
    expect(verifyChain(sha256, entries)).toMatchObject({ ok: false, sequence: 2 });
  });

  it('fails where an entry was renumbered into the gap of a removed one', () => {
    const entries = chainOf(5);
    entries.splice(1, 1);
    entries[1] = { ...entries[1]!, sequence: 2 };
    expect(verifyChain(sha256, entries)).toMatchObject({
      ok: false,
      sequence: 2,
      reason: 'does not name the hash of the entry before it',
    });
  });
});
