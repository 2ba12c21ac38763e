import { IsBoolean } from 'class-validator';
import { IsCalendarDate } from '../decorators';
import { SuspectEventData } from './common';

export class OffenderMovedToOpenConditionsV1 extends SuspectEventData {}
export class OffenderTemporarilyReleasedV1 extends SuspectEventData {}

export class OffenderReleasedOnLicenceV1 extends SuspectEventData {
  /** Whether any licence condition relates to the victim (no contact, exclusion zone). */
  @IsBoolean()
  victimLicenceConditions!: boolean;
}

/** The offender's release on licence was set for a day: the victim is to be told it in advance. */
export class OffenderReleaseDateSetV1 extends SuspectEventData {
  /** The day of release (YYYY-MM-DD). */
  @IsCalendarDate()
  releaseDate!: string;
}

export class OffenderRecalledV1 extends SuspectEventData {}
export class OffenderDeportedV1 extends SuspectEventData {}

/** For hospital orders: the patient's leave of absence and discharge. */
export class PatientLeaveGrantedV1 extends SuspectEventData {}
export class PatientDischargedV1 extends SuspectEventData {}
