import { IsBoolean } from 'class-validator';
import { SuspectEventData } from './common';

export class OffenderMovedToOpenConditionsV1 extends SuspectEventData {}
export class OffenderTemporarilyReleasedV1 extends SuspectEventData {}

export class OffenderReleasedOnLicenceV1 extends SuspectEventData {
  /** Whether any licence condition relates to the victim (no contact, exclusion zone). */
  @IsBoolean()
  victimLicenceConditions!: boolean;
}

export class OffenderRecalledV1 extends SuspectEventData {}
export class OffenderDeportedV1 extends SuspectEventData {}

/** For hospital orders: the patient's leave of absence and discharge. */
export class PatientLeaveGrantedV1 extends SuspectEventData {}
export class PatientDischargedV1 extends SuspectEventData {}
