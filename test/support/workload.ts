import type { StoredEventView } from '@vj/ingestion';

/** A stored event as the generator wrote it: its agency, its posted body and its area. */
export function asGenerated(e: StoredEventView) {
  return {
    agencyId: e.agency.id,
    event: {
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      occurredAt: e.occurredAt,
      crimeReference: e.crimeReference,
      ...(e.caseUrn === null ? {} : { caseUrn: e.caseUrn }),
      data: e.data,
    },
    area: e.policeArea,
  };
}
