import { IsOptional, Matches } from 'class-validator';
import { SuspectEventData } from './common';

export class CpsDecisionData extends SuspectEventData {
  @IsOptional()
  @Matches(/^[A-Z0-9]{6,20}$/, { message: 'caseUrn must be 6 to 20 capital letters or digits' })
  caseUrn?: string;
}

export class CpsDecidedNotToChargeV1 extends CpsDecisionData {}
export class CpsDiscontinuedV1 extends CpsDecisionData {}
export class CpsChargeSubstantiallyAlteredV1 extends CpsDecisionData {}
