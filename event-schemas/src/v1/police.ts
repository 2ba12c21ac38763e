import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsFreeText, NotInFuture, PersonalData } from '../decorators';
import { OFFENCE_CATEGORIES, type OffenceCategory } from '../offence-categories';
import { SuspectEventData } from './common';

export const AGE_BANDS = [
  'under-18',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65-plus',
] as const;

/** The police's assessment of the groups that give a victim enhanced rights (Code, Part 1). */
export class EnhancedRightsAssessment {
  /** Evidence likely to be affected by mental disorder, impaired intelligence or social functioning, or physical disability. */
  @IsBoolean()
  vulnerable!: boolean;

  /** Fear or distress about testifying. */
  @IsBoolean()
  intimidated!: boolean;

  @IsBoolean()
  persistentlyTargeted!: boolean;

  /** The police judge the crime among the most serious, whatever its category. */
  @IsBoolean()
  mostSeriousCrime!: boolean;

  /** The victim is a close relative bereaved by the crime. */
  @IsBoolean()
  bereaved!: boolean;
}

export class CrimeReportedV1 {
  /** The victim's number within the crime, from 1: one crime can have several victims. */
  @IsInt()
  @Min(1)
  @Max(999)
  victimNumber!: number;

  @IsIn(OFFENCE_CATEGORIES)
  offenceCategory!: OffenceCategory;

  /**
   * When the offence was committed (YYYY-MM-DD). The under-18 rule judges age on it; without it,
   * age is judged on the report date and the journey says so (ageJudgedOn: report-date).
   */
  @IsOptional()
  @IsCalendarDate()
  @NotInFuture()
  offenceDate?: string;

  /** Either the date of birth or an age band is required: under 18 gives enhanced rights. */
  @ValidateIf((o: CrimeReportedV1) => o.victimAgeBand === undefined)
  @IsCalendarDate()
  @NotInFuture()
  @PersonalData()
  victimDateOfBirth?: string;

  /** The victim's age band at the offence, when the police record the age rather than a date of birth. */
  @ValidateIf((o: CrimeReportedV1) => o.victimDateOfBirth === undefined)
  @IsIn(AGE_BANDS)
  victimAgeBand?: (typeof AGE_BANDS)[number];

  @ValidateNested()
  @Type(() => EnhancedRightsAssessment)
  enhancedRights!: EnhancedRightsAssessment;
}

export class EnhancedRightsReassessedV1 {
  @ValidateNested()
  @Type(() => EnhancedRightsAssessment)
  enhancedRights!: EnhancedRightsAssessment;
}

export const NEEDS = [
  'interpreter',
  'communication-aid',
  'special-measures',
  'mobility',
  'mental-health',
  'safeguarding',
  'none',
] as const;

export class NeedsAssessedV1 {
  @IsArray()
  @ArrayMaxSize(NEEDS.length)
  @IsIn(NEEDS, { each: true })
  needs!: (typeof NEEDS)[number][];
}

export const SUPPORT_SERVICES = [
  'victim-support',
  'domestic-abuse-service',
  'sexual-violence-service',
  'homicide-service',
  'child-service',
  'other',
] as const;

export class ReferredToSupportV1 {
  @IsIn(SUPPORT_SERVICES)
  service!: (typeof SUPPORT_SERVICES)[number];
}

export class SupportReferralDeclinedV1 {}

export class SuspectArrestedV1 extends SuspectEventData {}
export class SuspectInterviewedUnderCautionV1 extends SuspectEventData {}
export class SuspectReleasedNoFurtherActionV1 extends SuspectEventData {}
export class SuspectReleasedUnderInvestigationV1 extends SuspectEventData {}

export class SuspectReleasedOnBailV1 extends SuspectEventData {
  @IsBoolean()
  conditionsProtectVictim!: boolean;

  @IsOptional()
  @IsCalendarDate()
  answerBailOn?: string;
}

export const BAIL_CHANGES = ['conditions-varied', 'extended', 'cancelled'] as const;

export class SuspectBailVariedV1 extends SuspectEventData {
  @IsIn(BAIL_CHANGES)
  change!: (typeof BAIL_CHANGES)[number];
}

export class DecidedNotToInvestigateV1 {
  /** Free text: may describe the victim. */
  @IsFreeText({ maxLength: 500 })
  @PersonalData()
  reason!: string;
}

export class SuspectChargedV1 extends SuspectEventData {
  /** The case URN the CPS and courts use from now on. */
  @Matches(/^[A-Z0-9]{6,20}$/, { message: 'caseUrn must be 6 to 20 capital letters or digits' })
  caseUrn!: string;
}

export const OUT_OF_COURT_DISPOSALS = [
  'simple-caution',
  'conditional-caution',
  'community-resolution',
  'penalty-notice',
] as const;

export class OutOfCourtDisposalGivenV1 extends SuspectEventData {
  @IsIn(OUT_OF_COURT_DISPOSALS)
  disposal!: (typeof OUT_OF_COURT_DISPOSALS)[number];
}

export class DecidedNotToProsecuteV1 extends SuspectEventData {
  /** Free text: may describe the victim. */
  @IsFreeText({ maxLength: 500 })
  @PersonalData()
  reason!: string;
}

/** Investigation updates at the frequency agreed with the victim: no fixed Code deadline. */
export class UpdateFrequencyAgreedV1 {
  @IsInt()
  @Min(1)
  @Max(365)
  everyDays!: number;
}

/** Right 7: the victim was offered the chance to make a Victim Personal Statement. */
export class VpsOfferedV1 {
  @IsBoolean()
  accepted!: boolean;
}
