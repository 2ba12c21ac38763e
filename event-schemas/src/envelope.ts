import { IsInt, IsObject, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { IsFreeText, IsInstant } from './decorators';
import type { PublishedEvent } from './registry';

/**
 * What an agency posts for each event. The rest of the stored envelope (recordedAt, the posting
 * agency, the police area) is set by us, never taken from the body.
 */
export class IncomingEventEnvelope {
  /** The agency's idempotency key: a retry with the same id and content stores nothing new. */
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, {
    message: 'eventId must be 1 to 128 letters, digits, dots, colons, underscores or hyphens',
  })
  eventId!: string;

  @IsString()
  @Length(1, 80)
  type!: string;

  @IsInt()
  @Min(1)
  schemaVersion!: number;

  /** When it happened, with a time zone: RFC 3339 such as 2026-03-02T10:15:00Z. */
  @IsInstant()
  occurredAt!: string;

  /** The police crime reference of the case this event belongs to. */
  @Matches(/^[A-Za-z0-9/-]{3,40}$/, {
    message: 'crimeReference must be 3 to 40 letters, digits, slashes or hyphens',
  })
  crimeReference!: string;

  @IsOptional()
  @Matches(/^[A-Z0-9]{6,20}$/, { message: 'caseUrn must be 6 to 20 capital letters or digits' })
  caseUrn?: string;

  @IsOptional()
  @IsFreeText({ maxLength: 128 })
  correlationId?: string;

  @IsOptional()
  @IsFreeText({ maxLength: 128 })
  causationId?: string;

  @IsObject()
  data!: Record<string, unknown>;
}

/**
 * A posted event that passed validation, as the agency sent it: the envelope around one
 * published event. The one envelope type from validation to the store; projections read it back
 * as `JourneyEvent` (projections/journey-event.ts), at the latest schema version.
 */
export type PostedEvent = {
  eventId: string;
  occurredAt: string;
  crimeReference: string;
  caseUrn?: string;
  correlationId?: string;
  causationId?: string;
} & PublishedEvent;

/**
 * The metadata stored with each event: the agency's envelope and what we set. `contentHash`
 * covers what the agency sent (personal fields by a keyed digest: libs/personal-data). A type, not an interface, so it is a JSON object as it stands.
 */
export type StoredEventMetadata = {
  agencyEventId: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  agencyId: string;
  agencyKind: string;
  policeArea: string;
  crimeReference: string;
  caseUrn: string | null;
  correlationId: string | null;
  causationId: string | null;
  contentHash: string;
  /**
   * A crime report with a date of birth: the victim's age band at the offence, derived at
   * ingestion so the Code's under-18 rule reads the same after the date of birth is erased.
   */
  victimAgeBand?: string;
  /** An event an officer recorded on the web pages: their subject at the issuer (the agency is agencyId). */
  recordedBy?: string;
};

const REQUIRED_TEXT = [
  'agencyEventId',
  'occurredAt',
  'recordedAt',
  'agencyId',
  'agencyKind',
  'policeArea',
  'crimeReference',
  'contentHash',
] as const;
const OPTIONAL_TEXT = ['caseUrn', 'correlationId', 'causationId'] as const;

/**
 * Reads stored metadata back, checking its shape: the store gives JSON, and what it gives must
 * be what ingestion wrote before anything downstream relies on it. Checks only, no copy: it runs
 * for every event projected.
 */
export function storedEventMetadataOf(
  stored: Readonly<Record<string, unknown>>,
): StoredEventMetadata {
  for (const field of REQUIRED_TEXT)
    if (typeof stored[field] !== 'string')
      throw new Error(`stored event metadata: ${field} is not text`);
  for (const field of OPTIONAL_TEXT)
    if (stored[field] !== null && typeof stored[field] !== 'string')
      throw new Error(`stored event metadata: ${field} is not text or null`);
  if (stored.victimAgeBand !== undefined && typeof stored.victimAgeBand !== 'string')
    throw new Error('stored event metadata: victimAgeBand is not text');
  if (stored.recordedBy !== undefined && typeof stored.recordedBy !== 'string')
    throw new Error('stored event metadata: recordedBy is not text');
  if (typeof stored.schemaVersion !== 'number')
    throw new Error('stored event metadata: schemaVersion is not a number');
  return stored as StoredEventMetadata;
}
