import {
  asPublishedEvent,
  storedEventMetadataOf,
  upcast,
  type EventType,
  type LatestEvent,
} from '@vj/event-schemas';
import { VICTIM_STREAM_PREFIX, type RecordedEvent } from '@vj/event-store';
import { type AgeBand, instantMsOf } from '@vj/victims-code';

/** Where and when an event of a victim's journey happened, and who posted it. */
export interface JourneyEnvelope {
  /** The stored event id (a UUID): unique in the victim's stream. */
  eventId: string;
  /** The posting agency's own id for the event: what `victim-informed` refers to. */
  agencyEventId: string;
  victimId: string;
  revision: number;
  occurredAt: string;
  recordedAt: string;
  agencyId: string;
  agencyKind: string;
  policeArea: string;
  crimeReference: string;
  caseUrn: string | null;
}

/**
 * An event of a victim's journey as the projections see it: the stored envelope flattened, the
 * event lifted to the latest schema version (see event-schemas/src/upcasters.ts). Narrowing on
 * `type` types `data`.
 */
export type JourneyEvent = JourneyEnvelope & LatestEvent;

/** One type of journey event, its data typed. */
export type JourneyEventOf<T extends EventType> = JourneyEnvelope &
  Extract<LatestEvent, { type: T }>;

/** The events in the journey's own order (when they happened, then when stored), each time parsed once. */
export function inOccurrenceOrder(events: readonly JourneyEvent[]): JourneyEvent[] {
  return events
    .map((event) => ({ event, at: instantMsOf(event.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.event.revision - b.event.revision)
    .map(({ event }) => event);
}

/** Orders events by when they happened, then by when they were stored: the journey's own order. */
export function byOccurrence(a: JourneyEvent, b: JourneyEvent): number {
  if (a.occurredAt !== b.occurredAt) return instantMsOf(a.occurredAt) - instantMsOf(b.occurredAt);
  return a.revision - b.revision;
}

/** A data field by name, for rules that name the field to compare (a complaint id, a hearing date). */
export function dataFieldOf(event: LatestEvent, field: string): unknown {
  return Object.prototype.hasOwnProperty.call(event.data, field)
    ? (event.data as Readonly<Record<string, unknown>>)[field]
    : undefined;
}

/** A stored event as the projections read it: data lifted to the latest schema version. */
export function toJourneyEvent(recorded: RecordedEvent): JourneyEvent {
  const m = storedEventMetadataOf(recorded.metadata);
  const latest = upcast(asPublishedEvent(recorded.type, m.schemaVersion, recorded.data));
  // Personal fields stay sealed here: the projections read only what ingestion derived from
  // them in the clear (the age band), so nothing they count changes when a victim is erased.
  if (latest.type === 'crime-reported' && m.victimAgeBand && !latest.data.victimAgeBand) {
    latest.data = { ...latest.data, victimAgeBand: m.victimAgeBand as AgeBand };
  }
  return {
    eventId: recorded.eventId,
    agencyEventId: m.agencyEventId,
    victimId: recorded.streamId.slice(VICTIM_STREAM_PREFIX.length),
    revision: recorded.revision,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    agencyId: m.agencyId,
    agencyKind: m.agencyKind,
    policeArea: m.policeArea,
    crimeReference: m.crimeReference,
    caseUrn: m.caseUrn,
    ...latest,
  };
}
