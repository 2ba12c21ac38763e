import { sentenceMakesVcsEligible, type SentenceFacts } from '../vcs-eligibility';
import type { TriggerCondition } from './entitlement-rule';

/** The named conditions a rule may put on its trigger, over the trigger's (latest-version) data. */
export const TRIGGER_CONDITIONS: Record<
  TriggerCondition,
  (type: string, data: Record<string, unknown>) => boolean
> = {
  'vcs-eligible': (type, data) =>
    type === 'hospital-order-made' ||
    (type === 'sentenced' && sentenceMakesVcsEligible(data as unknown as SentenceFacts)),
  guilty: (_type, data) => data.plea === 'guilty' || data.verdict === 'guilty',
  'witness-required': (_type, data) => data.required === true,
};
