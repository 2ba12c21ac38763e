import { IsInt, IsISO8601, Max, Min } from 'class-validator';

export const DATE_ONLY = { strict: true, strictSeparator: true } as const;

/** The suspect (later defendant, offender) within the case, numbered by the police from 1. */
export class SuspectEventData {
  /** Which suspect of the case this is about, numbered from 1. */
  @IsInt()
  @Min(1)
  @Max(999)
  suspectNumber!: number;
}

export class HearingData {
  /** When the hearing is listed to start (ISO 8601 with offset). */
  @IsISO8601(DATE_ONLY)
  hearingAt!: string;
}
