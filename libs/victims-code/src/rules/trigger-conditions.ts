import type { LatestEvent } from '@vj/event-schemas';
import { hospitalOrderMakesVcsEligible, sentenceMakesVcsEligible } from '../vcs-eligibility';
import type { TriggerCondition } from './entitlement-rule';

/** The named conditions a rule may put on its trigger, over the trigger at its latest version. */
export const TRIGGER_CONDITIONS: Record<TriggerCondition, (event: LatestEvent) => boolean> = {
  'vcs-eligible': (event) =>
    (event.type === 'hospital-order-made' && hospitalOrderMakesVcsEligible(event.data)) ||
    (event.type === 'sentenced' && sentenceMakesVcsEligible(event.data)),
  guilty: (event) =>
    (event.type === 'plea-entered' && event.data.plea === 'guilty') ||
    (event.type === 'verdict-given' && event.data.verdict === 'guilty'),
  'witness-required': (event) =>
    event.type === 'witness-requirement-received' && event.data.required === true,
  'victim-licence-conditions': (event) =>
    event.type === 'offender-released-on-licence' && event.data.victimLicenceConditions,
};
