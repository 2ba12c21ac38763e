import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
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
