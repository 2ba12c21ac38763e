import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsFreeText } from '../decorators';
import { AGENCY_KINDS, type AgencyKind } from '../agency-kind';
import { CONTACT_METHODS, type ContactMethod } from './victim-contact-scheme';

/**
 * The fulfilment event: the victim was told what an entitlement owes them, or asked not to be.
 * `occurredAt` is when the victim was told; it decides whether the deadline was met.
 */
export class VictimInformedV1 {
  /** The entitlement answered, by its rule id in the Victims' Code table. */
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'entitlement must be a rule id in kebab-case' })
  @Length(1, 80)
  entitlement!: string;

  /** The event (the agency's event id) whose entitlement this answers, when there are several. */
  @IsOptional()
  @IsFreeText({ maxLength: 128 })
  triggerEventId?: string;

  @IsIn(CONTACT_METHODS)
  method!: ContactMethod;

  /** The victim asked not to be told: the entitlement is waived, not breached. */
  @IsOptional()
  @IsBoolean()
  waived?: boolean;
}

export class ComplaintReceivedV1 {
  @IsFreeText({ maxLength: 64 })
  complaintId!: string;

  /** The kind of agency complained of. */
  @IsIn(AGENCY_KINDS)
  about!: AgencyKind;
}

export class ComplaintAnsweredV1 {
  @IsFreeText({ maxLength: 64 })
  complaintId!: string;
}

export const WITHDRAWAL_SCOPES = ['all-contact', 'victim-contact-scheme'] as const;

/** The victim no longer wants contact: open entitlements become not applicable. */
export class VictimWithdrewV1 {
  @IsIn(WITHDRAWAL_SCOPES)
  scope!: (typeof WITHDRAWAL_SCOPES)[number];
}

/**
 * A victim who withdrew from all contact wants it again: what is triggered from now on is owed,
 * and what was still open comes back with its clock restarted. (Back into the Victim Contact
 * Scheme is `vcs-opted-in`, for each offender.)
 */
export class VictimReEngagedV1 {}

/** How satisfied the victim was overall: the five-point scale of the victim satisfaction surveys. */
export const FEEDBACK_OVERALL_ANSWERS = [
  'very-satisfied',
  'fairly-satisfied',
  'neither',
  'fairly-dissatisfied',
  'very-dissatisfied',
] as const;

/** Whether the victim felt a Right was met, where the survey asked. */
export const FEEDBACK_RIGHT_ANSWERS = ['yes', 'partly', 'no', 'not-sure'] as const;

export class RightFeedback {
  /** The Right of the 2020 Victims' Code asked about, 1 to 12. */
  @IsInt()
  @Min(1)
  @Max(12)
  right!: number;

  @IsIn(FEEDBACK_RIGHT_ANSWERS)
  answer!: (typeof FEEDBACK_RIGHT_ANSWERS)[number];
}

/**
 * The victim answered a feedback survey (the 2024 Act makes victims' feedback part of the review
 * of compliance). Answers from fixed lists only: no free text, so nothing personal is taken.
 * `occurredAt` is when the victim answered.
 */
export class VictimFeedbackGivenV1 {
  /** The agency's own id for the survey (not the victim's). */
  @IsOptional()
  @IsFreeText({ maxLength: 64 })
  surveyId?: string;

  @IsIn(FEEDBACK_OVERALL_ANSWERS)
  overall!: (typeof FEEDBACK_OVERALL_ANSWERS)[number];

  /** Per Right, where the survey asked; one answer per Right. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => RightFeedback)
  rights?: RightFeedback[];
}
