import { IsInt, Max, Min } from 'class-validator';
import { IsInstant } from '../decorators';

/** The suspect (later defendant, offender) within the case, numbered by the police from 1. */
export class SuspectEventData {
  /** Which suspect of the case this is about, numbered from 1. */
  @IsInt()
  @Min(1)
  @Max(999)
  suspectNumber!: number;
}

export class HearingData {
  /** When the hearing is listed to start (RFC 3339 with `Z` or an offset). */
  @IsInstant()
  hearingAt!: string;
}
