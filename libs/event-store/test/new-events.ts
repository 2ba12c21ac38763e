import { randomUUID } from 'node:crypto';
import { type NewEvent, VICTIM_STREAM_PREFIX } from '../src';

/** A victim stream no test has used. */
export const newStream = (): string => `${VICTIM_STREAM_PREFIX}${randomUUID()}`;

/** An event with a fresh id, its data noting its type (and any fields given). */
export const newEvent = (type = 'suspect-arrested', data: NewEvent['data'] = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data: { note: type, ...data },
  metadata: { schemaVersion: 1 },
});
