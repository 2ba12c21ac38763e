import {
  addWorkingDays,
  endOfLondonDay,
  hospitalOrderMakesVcsEligible,
  londonDateOf,
  sentenceMakesVcsEligible,
  VCS_NO_RESPONSE_AFTER_WORKING_DAYS,
} from '@vj/victims-code';
import { readInstant, type EventType } from '@vj/event-schemas';
import {
  dataFieldOf,
  inOccurrenceOrder,
  type JourneyEvent,
  type JourneyEventOf,
} from '../journey-event';

export type VcsStatus =
  | 'not-eligible'
  | 'eligible-not-referred'
  | 'referred'
  | 'contacted'
  | 'opted-in'
  | 'opted-out'
  | 'no-response'
  | 'active'
  | 'closed';

/** The events that mark a key stage of the offender's sentence. */
type KeyStageEventType = Extract<
  EventType,
  | 'offender-moved-to-open-conditions'
  | 'offender-temporarily-released'
  | 'parole-hearing-listed'
  | 'offender-released-on-licence'
  | 'offender-recalled'
  | 'offender-deported'
  | 'patient-leave-granted'
  | 'patient-discharged'
>;

/** Key stages the victim liaison officer passes on, by the event that marks each. */
export const VCS_KEY_STAGES: Readonly<Record<KeyStageEventType, string>> = {
  'offender-moved-to-open-conditions': 'open-conditions',
  'offender-temporarily-released': 'temporary-release',
  'parole-hearing-listed': 'parole-consideration',
  'offender-released-on-licence': 'release-on-licence',
  'offender-recalled': 'recall',
  'offender-deported': 'deportation',
  'patient-leave-granted': 'hospital-leave',
  'patient-discharged': 'hospital-discharge',
};

/** The Victim Contact Scheme for one victim and one offender (a suspect of a case, once sentenced). */
export interface VcsRecord {
  victimId: string;
  policeArea: string;
  crimeReference: string;
  suspectNumber: number;
  eligible: boolean;
  /** Why (not) eligible, in a few words. */
  eligibility: string;
  status: VcsStatus;
  /** When status is `active`: the latest key stage passed on. */
  keyStage: string | null;
  keyStages: { stage: string; at: string }[];
  referredAt: string | null;
  contactedAt: string | null;
  optedInAt: string | null;
  optedOutAt: string | null;
  closedAt: string | null;
  closedBecause: 'sentence-ended' | 'victim-withdrew' | null;
  /** When `contacted` turns to `no-response` if nothing changes. */
  noResponseFrom: string | null;
}

/** The VCS records of a victim: one per offender sentenced (or given a hospital order) in their cases. */
export function vcsRecordsOf(events: readonly JourneyEvent[], now: Date): VcsRecord[] {
  const ordered = inOccurrenceOrder(events);
  const records = new Map<string, VcsRecord>();
  const key = (crimeReference: string, suspect: unknown) => `${crimeReference}#${String(suspect)}`;
  // What each record was before the victim withdrew, so coming back can reopen it.
  const beforeWithdrawal = new Map<VcsRecord, { status: VcsStatus; allContact: boolean }>();

  for (const e of ordered) {
    const suspect = dataFieldOf(e, 'suspectNumber');
    if (e.type === 'sentenced' || e.type === 'hospital-order-made') {
      const { eligible, eligibility } = eligibilityOf(e);
      const previous = records.get(key(e.crimeReference, suspect));
      records.set(key(e.crimeReference, suspect), {
        ...(previous ?? emptyRecord(e, suspect as number)),
        eligible,
        eligibility,
        status:
          previous &&
          previous.status !== 'not-eligible' &&
          previous.status !== 'eligible-not-referred'
            ? previous.status
            : eligible
              ? 'eligible-not-referred'
              : 'not-eligible',
      });
      continue;
    }
    const forVictim = e.type === 'victim-withdrew' || e.type === 'victim-re-engaged';
    const targets = forVictim
      ? [...records.values()].filter((r) => r.crimeReference === e.crimeReference)
      : [records.get(key(e.crimeReference, suspect))].filter(
          (r): r is VcsRecord => r !== undefined,
        );
    for (const r of targets) {
      const before = beforeWithdrawal.get(r);
      // Re-engaging reopens what an all-contact withdrawal closed; opting in reopens either.
      if (
        r.closedBecause === 'victim-withdrew' &&
        before &&
        (e.type === 'vcs-opted-in' || (e.type === 'victim-re-engaged' && before.allContact))
      ) {
        Object.assign(r, { status: before.status, closedAt: null, closedBecause: null });
      }
      if (e.type === 'victim-withdrew' && r.status !== 'closed') {
        beforeWithdrawal.set(r, { status: r.status, allContact: e.data.scope === 'all-contact' });
      }
      apply(r, e);
    }
  }

  for (const r of records.values()) {
    if (r.status === 'contacted' && r.contactedAt) {
      r.noResponseFrom = endOfLondonDay(
        addWorkingDays(londonDateOf(r.contactedAt), VCS_NO_RESPONSE_AFTER_WORKING_DAYS),
      );
      if (now.getTime() >= readInstant(r.noResponseFrom)) r.status = 'no-response';
    }
  }
  return [...records.values()];
}

function eligibilityOf(e: JourneyEventOf<'sentenced' | 'hospital-order-made'>): {
  eligible: boolean;
  eligibility: string;
} {
  if (e.type === 'hospital-order-made') {
    const order = e.data.restricted ? 'restricted hospital order' : 'hospital order';
    return hospitalOrderMakesVcsEligible(e.data)
      ? { eligible: true, eligibility: `${order} for a specified offence` }
      : { eligible: false, eligibility: `${order}, not a specified violent or sexual offence` };
  }
  const sentence = e.data;
  if (sentenceMakesVcsEligible(sentence)) {
    return {
      eligible: true,
      eligibility: `${sentence.custodyMonths} months' custody for a specified offence`,
    };
  }
  if (!sentence.specifiedOffence)
    return { eligible: false, eligibility: 'not a specified violent or sexual offence' };
  if (sentence.disposal !== 'immediate-custody')
    return { eligible: false, eligibility: `no immediate custody (${sentence.disposal})` };
  return { eligible: false, eligibility: `custody under 12 months (${sentence.custodyMonths})` };
}

function emptyRecord(e: JourneyEvent, suspectNumber: number): VcsRecord {
  return {
    victimId: e.victimId,
    policeArea: e.policeArea,
    crimeReference: e.crimeReference,
    suspectNumber,
    eligible: false,
    eligibility: '',
    status: 'not-eligible',
    keyStage: null,
    keyStages: [],
    referredAt: null,
    contactedAt: null,
    optedInAt: null,
    optedOutAt: null,
    closedAt: null,
    closedBecause: null,
    noResponseFrom: null,
  };
}

/** Moves one record on by one event; a closed record stays closed, an ineligible one keeps its status. */
function apply(r: VcsRecord, e: JourneyEvent): void {
  if (r.status === 'closed') return;
  switch (e.type) {
    case 'vcs-referral-made':
    case 'vcs-referral-received':
      r.referredAt ??= e.occurredAt;
      if (r.eligible && r.status === 'eligible-not-referred') r.status = 'referred';
      return;
    case 'vlo-contact-made':
      r.contactedAt ??= e.occurredAt;
      if (r.eligible && (r.status === 'eligible-not-referred' || r.status === 'referred'))
        r.status = 'contacted';
      return;
    case 'vcs-opted-in':
      r.optedInAt = e.occurredAt;
      if (r.eligible) r.status = r.keyStage ? 'active' : 'opted-in';
      return;
    case 'vcs-opted-out':
      r.optedOutAt = e.occurredAt;
      if (r.eligible) r.status = 'opted-out';
      return;
    case 'sentence-ended':
      r.status = 'closed';
      r.closedAt = e.occurredAt;
      r.closedBecause = 'sentence-ended';
      return;
    case 'victim-withdrew':
      r.status = 'closed';
      r.closedAt = e.occurredAt;
      r.closedBecause = 'victim-withdrew';
      return;
    case 'offender-moved-to-open-conditions':
    case 'offender-temporarily-released':
    case 'parole-hearing-listed':
    case 'offender-released-on-licence':
    case 'offender-recalled':
    case 'offender-deported':
    case 'patient-leave-granted':
    case 'patient-discharged': {
      const stage = VCS_KEY_STAGES[e.type];
      r.keyStages.push({ stage, at: e.occurredAt });
      r.keyStage = stage;
      if (r.status === 'opted-in' || r.status === 'active') r.status = 'active';
      return;
    }
    default:
      // Every other event leaves the scheme's record as it is.
      return;
  }
}
