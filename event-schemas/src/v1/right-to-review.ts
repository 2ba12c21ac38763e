import { IsIn } from 'class-validator';
import { IsFreeText } from '../decorators';

/** Victims' Right to Review: the victim asks for a decision not to charge or prosecute to be looked at again. */
export class ReviewRequestedV1 {
  @IsFreeText({ maxLength: 64 })
  reviewId!: string;
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
