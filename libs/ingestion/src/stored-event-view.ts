import type { StoredEventMetadata } from '@vj/event-schemas';
import type { RecordedEvent } from '@vj/event-store';

/** A stored event as the API shows it: the agency's envelope plus what we recorded. */
export interface StoredEventView {
  eventId: string;
  type: string;
  schemaVersion: number;
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
  data: Record<string, unknown>;
}

export function metadataOf(event: RecordedEvent): StoredEventMetadata {
  return event.metadata as unknown as StoredEventMetadata;
}

export function toStoredEventView(event: RecordedEvent): StoredEventView {
  const m = metadataOf(event);
  return {
    eventId: m.agencyEventId,
    type: event.type,
    schemaVersion: m.schemaVersion,
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
    data: event.data,
  };
}
