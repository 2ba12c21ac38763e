/**
 * A posted body as it goes over the wire: what an agency's system sends, valid or (in the tests
 * of refusals) not. The service's own type for a validated event is `PostedEvent` in event-schemas.
 */
export interface PostedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  crimeReference: string;
  caseUrn?: string;
  correlationId?: string;
  causationId?: string;
  data: Record<string, unknown>;
}

export const CRIME_REFERENCE = '13/123456/26';

export const NO_ENHANCED_RIGHTS = {
  vulnerable: false,
  intimidated: false,
  persistentlyTargeted: false,
  mostSeriousCrime: false,
  bereaved: false,
};

export function crimeReported(
  overrides: Partial<PostedEvent> = {},
  data: Record<string, unknown> = {},
): PostedEvent {
  return {
    eventId: 'crime-report-1',
    type: 'crime-reported',
    schemaVersion: 1,
    occurredAt: '2026-03-02T10:15:00Z',
    crimeReference: CRIME_REFERENCE,
    ...overrides,
    data: {
      victimNumber: 1,
      offenceCategory: 'burglary',
      victimDateOfBirth: '1988-07-14',
      enhancedRights: NO_ENHANCED_RIGHTS,
      ...data,
    },
  };
}

export function journeyEvent(
  type: string,
  eventId: string,
  occurredAt: string,
  data: Record<string, unknown> = {},
  overrides: Partial<PostedEvent> = {},
): PostedEvent {
  return {
    eventId,
    type,
    schemaVersion: 1,
    occurredAt,
    crimeReference: CRIME_REFERENCE,
    data,
    ...overrides,
  };
}
