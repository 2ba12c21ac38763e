import type { ExpectedRevision } from './event-store';

/** Whether a stream whose last revision is `actual` (null: no stream) satisfies `expected`. */
export function expectedRevisionMatches(
  expected: ExpectedRevision,
  actual: number | null,
): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === null;
  return actual === expected;
}
