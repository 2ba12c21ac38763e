import {
  asPublishedEvent,
  storedEventMetadataOf,
  type PublishedEvent,
  type StoredEventMetadata,
} from '@vj/event-schemas';
import type { RecordedEvent } from '@vj/event-store';

/**
 * A stored event as the API shows it: the agency's envelope plus what we recorded, the event at
 * the version it was posted in.
 */
export type StoredEventView = {
  eventId: string;
  revision: number;
  /** Decimal string: positions can exceed what JSON numbers hold exactly. */
  globalPosition: string;
  occurredAt: string;
  recordedAt: string;
  agency: { id: string; kind: string };
  policeArea: string;
  crimeReference: string;
  caseUrn: string | null;
  correlationId: string | null;
  causationId: string | null;
} & PublishedEvent;

export function metadataOf(event: RecordedEvent): StoredEventMetadata {
  return storedEventMetadataOf(event.metadata);
}

/** A stored event at the version it was posted in (personal fields as stored: sealed). */
export function publishedEventOf(event: RecordedEvent): PublishedEvent {
  return asPublishedEvent(event.type, metadataOf(event).schemaVersion, event.data);
}

/** The view of a stored event, with its data as revealed (personal fields opened or erased). */
export function toStoredEventView(
  event: RecordedEvent,
  data: Readonly<Record<string, unknown>>,
): StoredEventView {
  const m = metadataOf(event);
  return {
    eventId: m.agencyEventId,
    ...asPublishedEvent(event.type, m.schemaVersion, data),
    revision: event.revision,
    globalPosition: event.globalPosition.toString(),
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    agency: { id: m.agencyId, kind: m.agencyKind },
    policeArea: m.policeArea,
    crimeReference: m.crimeReference,
    caseUrn: m.caseUrn,
    correlationId: m.correlationId,
    causationId: m.causationId,
  };
}
