import type { NewEvent } from './event-store';

/** Event ids are UUIDs; stores may give them back in another letter case. */
export function normaliseEventId(id: string): string {
  return id.toLowerCase();
}

/** What every adapter refuses before touching its store: an empty batch, or one repeating an id. */
export function assertAppendable(streamId: string, events: readonly NewEvent[]): void {
  if (events.length === 0) throw new Error('an append needs at least one event');
  if (new Set(events.map((e) => normaliseEventId(e.eventId))).size !== events.length) {
    throw new Error(`stream ${streamId}: an append repeats an event id`);
  }
}
