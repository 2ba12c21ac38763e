/**
 * Victim Contact Scheme eligibility (Right 11): the offender was convicted of a specified violent
 * or sexual offence (or terrorism) and sentenced to 12 months or more in custody (DVCVA 2004 s35),
 * or was given a hospital order under the Mental Health Act 1983, restricted or not, for a sexual,
 * violent or terrorism offence (DVCVA 2004 ss36–36A).
 */
export const VCS_MINIMUM_CUSTODY_MONTHS = 12;

/**
 * A victim contacted by the VLO who neither opts in nor out within this many working days is
 * shown as `no-response`. The Code sets no figure: a product default, stated in the README.
 */
export const VCS_NO_RESPONSE_AFTER_WORKING_DAYS = 20;

export interface SentenceFacts {
  specifiedOffence: boolean;
  disposal: string;
  custodyMonths: number;
}

export function sentenceMakesVcsEligible(sentence: SentenceFacts): boolean {
  return (
    sentence.specifiedOffence &&
    sentence.disposal === 'immediate-custody' &&
    sentence.custodyMonths >= VCS_MINIMUM_CUSTODY_MONTHS
  );
}

export interface HospitalOrderFacts {
  specifiedOffence: boolean;
}

/** A hospital order for a theft gives no VCS: the offence must be sexual, violent or terrorism. */
export function hospitalOrderMakesVcsEligible(order: HospitalOrderFacts): boolean {
  return order.specifiedOffence;
}
