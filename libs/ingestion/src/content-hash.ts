import { createHash } from 'node:crypto';
import type { PostedEvent } from '@vj/event-schemas';

/**
 * A digest of what the agency sent, independent of key order, so a retry can be told from a
 * different event reusing the same id. Each personal field counts by its keyed digest (from the
 * victim's data key), never its plaintext: a plain hash of a date of birth among known fields
 * could be reversed by trying every date, after the victim's data is erased.
 */
export function contentHashOf(
  event: PostedEvent,
  personalDigests: Readonly<Record<string, string>>,
): string {
  const { eventId: _ignored, ...content } = event;
  const hashed = { ...content, data: { ...content.data, ...personalDigests } };
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
