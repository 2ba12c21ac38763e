import {
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
} from 'class-validator';

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

  /** When it happened, with a time zone: ISO 8601 such as 2026-03-02T10:15:00Z. */
  @IsISO8601({ strict: true })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'occurredAt must be a date and time with a time zone, e.g. 2026-03-02T10:15:00Z',
  })
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
  @IsString()
  @Length(1, 128)
  correlationId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  causationId?: string;

  @IsObject()
  data!: Record<string, unknown>;
}

/** The metadata stored with each event: the agency's envelope and what we set. `contentHash` covers what the agency sent. */
export interface StoredEventMetadata {
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
}
