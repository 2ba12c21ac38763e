import { IsBoolean, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { IsFreeText, PersonalData } from '../decorators';
import { OFFENCE_CATEGORIES, type OffenceCategory } from '../offence-categories';
import { HearingData, SuspectEventData } from './common';

export class HearingListedV1 extends HearingData {
  @IsFreeText({ maxLength: 64 })
  hearingId!: string;

  /** Free text: the court's name, as the agency wrote it. */
  @IsFreeText({ maxLength: 120 })
  @PersonalData()
  court!: string;
}

export const PLEAS = ['guilty', 'not-guilty', 'mixed'] as const;

export class PleaEnteredV1 extends SuspectEventData {
  @IsIn(PLEAS)
  plea!: (typeof PLEAS)[number];
}

export const VERDICTS = ['guilty', 'not-guilty', 'mixed'] as const;

export class VerdictGivenV1 extends SuspectEventData {
  @IsIn(VERDICTS)
  verdict!: (typeof VERDICTS)[number];
}

export class SentencedV1 extends SuspectEventData {
  @IsIn(OFFENCE_CATEGORIES)
  offenceCategory!: OffenceCategory;

  /** Whether the offence is a specified violent or sexual offence (or terrorism): the VCS test. */
  @IsBoolean()
  specifiedOffence!: boolean;

  /** Length of custody in months; 0 for a sentence without custody. */
  @IsInt()
  @Min(0)
  @Max(1200)
  custodyMonths!: number;
}

export class HospitalOrderMadeV1 extends SuspectEventData {
  /** A restriction order under section 41 of the Mental Health Act 1983. */
  @IsBoolean()
  restricted!: boolean;
}

/** What the court passes to the Witness Care Unit: a listing, or a hearing's outcome. */
export const COURT_RESULTS = ['hearing-details', 'verdict', 'sentence'] as const;
export type CourtResult = (typeof COURT_RESULTS)[number];

/**
 * The court sent a listing or a result to the Witness Care Unit: the court's own step, so a delay
 * in it is charged to the court and not to the unit. A verdict or sentence names its defendant;
 * hearing details name the hearing.
 */
export class ResultSentToWitnessCareV1 {
  @IsIn(COURT_RESULTS)
  result!: CourtResult;

  @ValidateIf((o: ResultSentToWitnessCareV1) => o.result !== 'hearing-details')
  @IsInt()
  @Min(1)
  @Max(999)
  suspectNumber?: number;

  @ValidateIf((o: ResultSentToWitnessCareV1) => o.result === 'hearing-details')
  @IsFreeText({ maxLength: 64 })
  hearingId?: string;
}
