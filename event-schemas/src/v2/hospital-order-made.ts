import { IsBoolean, IsIn } from 'class-validator';
import { OFFENCE_CATEGORIES, type OffenceCategory } from '../offence-categories';
import { HospitalOrderMadeV1 } from '../v1/court';

/**
 * Version 2 names the offence: a hospital order gives the victim the Victim Contact Scheme only
 * for a sexual, violent or terrorism offence (DVCVA 2004 ss36–36A), so version 1 could not tell
 * an order for a wounding from one for a theft.
 */
export class HospitalOrderMadeV2 extends HospitalOrderMadeV1 {
  @IsIn(OFFENCE_CATEGORIES)
  offenceCategory!: OffenceCategory;

  /** Whether the offence is a specified violent or sexual offence (or terrorism): the VCS test. */
  @IsBoolean()
  specifiedOffence!: boolean;
}
