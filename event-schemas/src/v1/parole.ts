import { IsISO8601, IsString, Length } from 'class-validator';
import { DATE_ONLY, SuspectEventData } from './common';

export class ParoleHearingListedV1 extends SuspectEventData {
  @IsString()
  @Length(1, 64)
  paroleHearingId!: string;

  /** The hearing day (YYYY-MM-DD): the VPS is due 28 calendar days before it. */
  @IsISO8601(DATE_ONLY)
  hearingDate!: string;
}

/** The victim's Personal Statement was sent to the Parole Board. */
export class VpsSubmittedV1 extends SuspectEventData {
  @IsString()
  @Length(1, 64)
  paroleHearingId!: string;
}
