import type { ExpectedRevision } from './event-store';

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or null when it does not exist. */
    readonly actual: number | null,
  ) {
    super(
      `stream ${streamId}: expected revision ${String(expected)}, actual ${actual === null ? 'no stream' : actual}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Some, not all, of an append's event ids are already in the stream: neither a retry nor new. */
export class EventIdConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(`stream ${streamId}: event ids already stored: ${eventIds.join(', ')}`);
    this.name = 'EventIdConflictError';
  }
}
