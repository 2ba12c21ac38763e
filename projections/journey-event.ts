import { upcast, type StoredEventMetadata } from '@vj/event-schemas';
import { VICTIM_STREAM_PREFIX, type RecordedEvent } from '@vj/event-store';

/**
 * An event of a victim's journey as the projections see it: the stored envelope flattened, the
 * data lifted to the latest schema version (see event-schemas/src/upcasters.ts).
 */
export interface JourneyEvent {
  /** The stored event id (a UUID): unique in the victim's stream. */
  eventId: string;
  /** The posting agency's own id for the event: what `victim-informed` refers to. */
  agencyEventId: string;
  victimId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  agencyId: string;
  agencyKind: string;
  policeArea: string;
  crimeReference: string;
  caseUrn: string | null;
  data: Record<string, unknown>;
}

/** The events in the journey's own order (when they happened, then when stored), each time parsed once. */
export function inOccurrenceOrder(events: readonly JourneyEvent[]): JourneyEvent[] {
  return events
    .map((event) => ({ event, at: Date.parse(event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.event.revision - b.event.revision)
    .map(({ event }) => event);
}

/** Orders events by when they happened, then by when they were stored: the journey's own order. */
export function byOccurrence(a: JourneyEvent, b: JourneyEvent): number {
  if (a.occurredAt !== b.occurredAt) return Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  return a.revision - b.revision;
}

/** A stored event as the projections read it: data lifted to the latest schema version. */
export function toJourneyEvent(recorded: RecordedEvent): JourneyEvent {
  const m = recorded.metadata as unknown as StoredEventMetadata;
  const latest = upcast({
    type: recorded.type,
    schemaVersion: m.schemaVersion,
    data: recorded.data,
  });
  return {
    eventId: recorded.eventId,
    agencyEventId: m.agencyEventId,
    victimId: recorded.streamId.slice(VICTIM_STREAM_PREFIX.length),
    revision: recorded.revision,
    type: recorded.type,
    schemaVersion: latest.schemaVersion,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    agencyId: m.agencyId,
    agencyKind: m.agencyKind,
    policeArea: m.policeArea,
    crimeReference: m.crimeReference,
    caseUrn: m.caseUrn,
    data: latest.data,
  };
}
