import { IsIn, IsOptional } from 'class-validator';
import { IsFreeText } from '../decorators';

/** The Victims' Right to Review schemes: the police's, for police decisions, and the CPS's. */
export const REVIEW_SCHEMES = ['police-vrr', 'cps-vrr'] as const;
export type ReviewScheme = (typeof REVIEW_SCHEMES)[number];

/** Victims' Right to Review: the victim asks for a decision not to charge or prosecute to be looked at again. */
export class ReviewRequestedV1 {
  @IsFreeText({ maxLength: 64 })
  reviewId!: string;

  /**
   * The scheme the request is under, which decides its timescales and who owes them. Optional, so
   * requests posted before it existed stay valid: without it, the scheme of the agency that posted
   * the request is taken.
   */
  @IsOptional()
  @IsIn(REVIEW_SCHEMES)
  scheme?: ReviewScheme;
}

export class ReviewAcknowledgedV1 {
  @IsFreeText({ maxLength: 64 })
  reviewId!: string;
}

export const REVIEW_OUTCOMES = ['decision-upheld', 'decision-overturned'] as const;

export class ReviewDecidedV1 {
  @IsFreeText({ maxLength: 64 })
  reviewId!: string;

  @IsIn(REVIEW_OUTCOMES)
  outcome!: (typeof REVIEW_OUTCOMES)[number];
}
