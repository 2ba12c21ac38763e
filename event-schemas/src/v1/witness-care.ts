import { IsBoolean, IsIn } from 'class-validator';
import { IsFreeText, PersonalData } from '../decorators';
import { HearingData, SuspectEventData } from './common';

/** The outcomes whose receipt the Witness Care Unit records: its clock to tell the victim starts there. */
export const RECEIVED_COURT_RESULTS = ['verdict', 'sentence'] as const;

/** The Witness Care Unit received the date, time and place of a hearing from the court. */
export class HearingDetailsReceivedV1 extends HearingData {
  @IsFreeText({ maxLength: 64 })
  hearingId!: string;

  /** Free text: the court's name, as the agency wrote it. */
  @IsFreeText({ maxLength: 120 })
  @PersonalData()
  court!: string;
}

export const BAIL_HEARING_OUTCOMES = [
  'bail-granted',
  'bail-refused',
  'warrant-issued',
  'hearing-after-re-arrest',
] as const;

export class BailHearingOutcomeReceivedV1 extends SuspectEventData {
  @IsIn(BAIL_HEARING_OUTCOMES)
  outcome!: (typeof BAIL_HEARING_OUTCOMES)[number];
}

/** The Witness Care Unit heard from the CPS whether the victim must give evidence. */
export class WitnessRequirementReceivedV1 {
  @IsBoolean()
  required!: boolean;
}

export const APPEAL_STAGES = ['permission', 'bail', 'hearing-date', 'outcome'] as const;

export class AppealInformationReceivedV1 extends SuspectEventData {
  @IsIn(APPEAL_STAGES)
  stage!: (typeof APPEAL_STAGES)[number];
}

export class VcsReferralMadeV1 extends SuspectEventData {}

/** A victim who must give evidence was offered referral to the Witness Service (accepted or not). */
export class WitnessServiceReferralOfferedV1 {
  @IsBoolean()
  accepted!: boolean;
}

/** The Witness Care Unit received a verdict or sentence from the court (Right 9: its 1 working day runs from here). */
export class CourtResultReceivedV1 extends SuspectEventData {
  @IsIn(RECEIVED_COURT_RESULTS)
  result!: (typeof RECEIVED_COURT_RESULTS)[number];
}
