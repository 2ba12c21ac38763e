import type { LatestEvent, ReviewScheme } from '@vj/event-schemas';
import { hospitalOrderMakesVcsEligible, sentenceMakesVcsEligible } from '../vcs-eligibility';
import type { TriggerCondition } from './entitlement-rule';

/**
 * The scheme a review request is under: as recorded, or, for requests posted before the scheme
 * was recorded, the scheme of the agency that posted it (each received requests under its own).
 */
export function reviewSchemeOf(event: LatestEvent, postedBy: string): ReviewScheme | undefined {
  if (event.type !== 'review-requested') return undefined;
  return event.data.scheme ?? (postedBy === 'cps' ? 'cps-vrr' : 'police-vrr');
}

/**
 * The named conditions a rule may put on its trigger, over the trigger at its latest version and
 * the kind of agency that posted it.
 */
export const TRIGGER_CONDITIONS: Record<
  TriggerCondition,
  (event: LatestEvent, postedBy: string) => boolean
> = {
  'vcs-eligible': (event) =>
    (event.type === 'hospital-order-made' && hospitalOrderMakesVcsEligible(event.data)) ||
    (event.type === 'sentenced' && sentenceMakesVcsEligible(event.data)),
  guilty: (event) =>
    (event.type === 'plea-entered' && event.data.plea === 'guilty') ||
    (event.type === 'verdict-given' && event.data.verdict === 'guilty'),
  'witness-required': (event) =>
    event.type === 'witness-requirement-received' && event.data.required === true,
  'police-review-scheme': (event, postedBy) => reviewSchemeOf(event, postedBy) === 'police-vrr',
  'cps-review-scheme': (event, postedBy) => reviewSchemeOf(event, postedBy) === 'cps-vrr',
  'victim-licence-conditions': (event) =>
    event.type === 'offender-released-on-licence' && event.data.victimLicenceConditions,
};
