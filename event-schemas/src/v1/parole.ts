import { IsCalendarDate, IsFreeText } from '../decorators';
import { SuspectEventData } from './common';

export class ParoleHearingListedV1 extends SuspectEventData {
  @IsFreeText({ maxLength: 64 })
  paroleHearingId!: string;

  /** The hearing day (YYYY-MM-DD): the VPS is due 28 calendar days before it. */
  @IsCalendarDate()
  hearingDate!: string;
}

/**
 * The victim decided not to make a Personal Statement for this hearing: the statement is then
 * not owed, rather than breached when none arrives.
 */
export class VpsDeclinedV1 extends SuspectEventData {
  @IsFreeText({ maxLength: 64 })
  paroleHearingId!: string;
}

/** The victim's Personal Statement was sent to the Parole Board. */
export class VpsSubmittedV1 extends SuspectEventData {
  @IsFreeText({ maxLength: 64 })
  paroleHearingId!: string;
}
