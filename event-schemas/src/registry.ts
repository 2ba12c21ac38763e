// The schema classes use decorator metadata (class-transformer's @Type needs it at load time).
import 'reflect-metadata';
import type { AgencyKind } from './agency-kind';
import { ALL_AGENCY_KINDS } from './agency-kind';
import * as cps from './v1/cps';
import * as court from './v1/court';
import * as custody from './v1/custody';
import * as parole from './v1/parole';
import * as police from './v1/police';
import * as review from './v1/right-to-review';
import * as vcs from './v1/victim-contact-scheme';
import * as victim from './v1/victim';
import * as wcu from './v1/witness-care';
import { HospitalOrderMadeV2 } from './v2/hospital-order-made';
import { SentencedV2 } from './v2/sentenced';

export type Stage =
  | 'reporting'
  | 'investigation'
  | 'charging'
  | 'right-to-review'
  | 'court'
  | 'victim-contact-scheme'
  | 'custody'
  | 'parole'
  | 'any-stage';

export interface EventSchema {
  type: string;
  schemaVersion: number;
  stage: Stage;
  /** The agency kinds that may post it: the police cannot post a sentence. */
  owners: readonly AgencyKind[];
  description: string;
  /** The class-validator class of the event's `data`: the one source of its schema. */
  data: new () => object;
}

const POLICE: readonly AgencyKind[] = ['police'];
const CPS: readonly AgencyKind[] = ['cps'];
const WCU: readonly AgencyKind[] = ['witness-care-unit'];
const COURT: readonly AgencyKind[] = ['court'];
const PROBATION: readonly AgencyKind[] = ['probation'];
const CUSTODY: readonly AgencyKind[] = ['prison', 'probation'];
const HOSPITAL: readonly AgencyKind[] = ['hospital'];

/** A schema whose literal type, version and data class stay in its type: the union below is derived from them. */
interface TypedSchema<T extends string, V extends number, D extends object> extends EventSchema {
  type: T;
  schemaVersion: V;
  data: new () => D;
}

const schema = <const T extends string, const V extends number, D extends object>(
  type: T,
  schemaVersion: V,
  stage: Stage,
  owners: readonly AgencyKind[],
  data: new () => D,
  description: string,
): TypedSchema<T, V, D> => ({ type, schemaVersion, stage, owners, data, description });

const PUBLISHED_SCHEMAS = [
  schema(
    'crime-reported',
    1,
    'reporting',
    POLICE,
    police.CrimeReportedV1,
    "The police recorded a crime with this victim; opens the victim's journey, with the enhanced-rights assessment.",
  ),
  schema(
    'enhanced-rights-reassessed',
    1,
    'reporting',
    POLICE,
    police.EnhancedRightsReassessedV1,
    "The police reassessed the victim's enhanced rights; applies to triggers from now on.",
  ),
  schema(
    'needs-assessed',
    1,
    'reporting',
    POLICE,
    police.NeedsAssessedV1,
    "The police assessed the victim's needs.",
  ),
  schema(
    'referred-to-support',
    1,
    'reporting',
    POLICE,
    police.ReferredToSupportV1,
    'The police referred the victim to a support service (Right 4).',
  ),
  schema(
    'support-referral-declined',
    1,
    'reporting',
    POLICE,
    police.SupportReferralDeclinedV1,
    'The victim declined referral to support services.',
  ),
  schema(
    'suspect-arrested',
    1,
    'investigation',
    POLICE,
    police.SuspectArrestedV1,
    'A suspect was arrested.',
  ),
  schema(
    'suspect-interviewed-under-caution',
    1,
    'investigation',
    POLICE,
    police.SuspectInterviewedUnderCautionV1,
    'A suspect was interviewed under caution.',
  ),
  schema(
    'suspect-released-no-further-action',
    1,
    'investigation',
    POLICE,
    police.SuspectReleasedNoFurtherActionV1,
    'A suspect was released with no further action.',
  ),
  schema(
    'suspect-released-on-bail',
    1,
    'investigation',
    POLICE,
    police.SuspectReleasedOnBailV1,
    'A suspect was released on police bail.',
  ),
  schema(
    'suspect-released-under-investigation',
    1,
    'investigation',
    POLICE,
    police.SuspectReleasedUnderInvestigationV1,
    'A suspect was released under investigation.',
  ),
  schema(
    'suspect-bail-varied',
    1,
    'investigation',
    POLICE,
    police.SuspectBailVariedV1,
    "A suspect's police bail was varied, extended or cancelled.",
  ),
  schema(
    'decided-not-to-investigate',
    1,
    'investigation',
    POLICE,
    police.DecidedNotToInvestigateV1,
    'The police decided not to investigate.',
  ),
  schema(
    'update-frequency-agreed',
    1,
    'investigation',
    POLICE,
    police.UpdateFrequencyAgreedV1,
    'The police agreed with the victim how often they will be updated.',
  ),
  schema(
    'vps-offered',
    1,
    'investigation',
    POLICE,
    police.VpsOfferedV1,
    'The victim was offered the chance to make a Victim Personal Statement (Right 7).',
  ),
  schema(
    'suspect-charged',
    1,
    'charging',
    POLICE,
    police.SuspectChargedV1,
    'A suspect was charged; names the case URN.',
  ),
  schema(
    'out-of-court-disposal-given',
    1,
    'charging',
    POLICE,
    police.OutOfCourtDisposalGivenV1,
    'A suspect was given an out-of-court disposal.',
  ),
  schema(
    'decided-not-to-prosecute',
    1,
    'charging',
    POLICE,
    police.DecidedNotToProsecuteV1,
    'The police decided not to prosecute.',
  ),
  schema(
    'cps-decided-not-to-charge',
    1,
    'charging',
    CPS,
    cps.CpsDecidedNotToChargeV1,
    'The CPS decided not to charge.',
  ),
  schema(
    'cps-discontinued',
    1,
    'charging',
    CPS,
    cps.CpsDiscontinuedV1,
    'The CPS discontinued the case.',
  ),
  schema(
    'cps-charge-substantially-altered',
    1,
    'charging',
    CPS,
    cps.CpsChargeSubstantiallyAlteredV1,
    'The CPS substantially altered a charge.',
  ),
  schema(
    'review-requested',
    1,
    'right-to-review',
    ['police', 'cps'],
    review.ReviewRequestedV1,
    "The victim asked for a Victims' Right to Review, under the police or the CPS scheme.",
  ),
  schema(
    'review-acknowledged',
    1,
    'right-to-review',
    ['police', 'cps'],
    review.ReviewAcknowledgedV1,
    'The review request was acknowledged.',
  ),
  schema(
    'review-decided',
    1,
    'right-to-review',
    ['police', 'cps'],
    review.ReviewDecidedV1,
    'The review was decided.',
  ),
  schema('hearing-listed', 1, 'court', COURT, court.HearingListedV1, 'The court listed a hearing.'),
  schema(
    'result-sent-to-witness-care',
    1,
    'court',
    COURT,
    court.ResultSentToWitnessCareV1,
    "The court sent a hearing's details, a verdict or a sentence to the Witness Care Unit.",
  ),
  schema(
    'court-result-received',
    1,
    'court',
    WCU,
    wcu.CourtResultReceivedV1,
    'The Witness Care Unit received a verdict or a sentence from the court.',
  ),
  schema(
    'hearing-details-received',
    1,
    'court',
    WCU,
    wcu.HearingDetailsReceivedV1,
    'The Witness Care Unit received the date, time and place of a hearing.',
  ),
  schema(
    'bail-hearing-outcome-received',
    1,
    'court',
    WCU,
    wcu.BailHearingOutcomeReceivedV1,
    'The Witness Care Unit received a bail hearing outcome, a warrant, or a hearing after re-arrest.',
  ),
  schema(
    'witness-requirement-received',
    1,
    'court',
    WCU,
    wcu.WitnessRequirementReceivedV1,
    'The Witness Care Unit heard from the CPS whether the victim must give evidence.',
  ),
  schema(
    'witness-service-referral-offered',
    1,
    'court',
    WCU,
    wcu.WitnessServiceReferralOfferedV1,
    'A victim who must give evidence was offered referral to the Witness Service, and accepted or not.',
  ),
  schema('plea-entered', 1, 'court', COURT, court.PleaEnteredV1, 'A defendant entered a plea.'),
  schema('verdict-given', 1, 'court', COURT, court.VerdictGivenV1, 'The court gave its verdict.'),
  schema(
    'sentenced',
    1,
    'court',
    COURT,
    court.SentencedV1,
    'The offender was sentenced (version 1: custody in months).',
  ),
  schema(
    'sentenced',
    2,
    'court',
    COURT,
    SentencedV2,
    'The offender was sentenced (version 2: names the disposal).',
  ),
  schema(
    'hospital-order-made',
    1,
    'court',
    COURT,
    court.HospitalOrderMadeV1,
    'The court made a hospital order under the Mental Health Act 1983 (version 1: no offence).',
  ),
  schema(
    'hospital-order-made',
    2,
    'court',
    COURT,
    HospitalOrderMadeV2,
    'The court made a hospital order under the Mental Health Act 1983 (version 2: names the offence).',
  ),
  schema(
    'appeal-information-received',
    1,
    'court',
    WCU,
    wcu.AppealInformationReceivedV1,
    'The Witness Care Unit received information about an appeal.',
  ),
  schema(
    'vcs-referral-made',
    1,
    'victim-contact-scheme',
    WCU,
    wcu.VcsReferralMadeV1,
    'The victim was referred to the Victim Contact Scheme.',
  ),
  schema(
    'vcs-referral-received',
    1,
    'victim-contact-scheme',
    PROBATION,
    vcs.VcsReferralReceivedV1,
    'The Probation Service received the VCS referral.',
  ),
  schema(
    'vlo-contact-made',
    1,
    'victim-contact-scheme',
    PROBATION,
    vcs.VloContactMadeV1,
    'The victim liaison officer first contacted the victim.',
  ),
  schema(
    'vcs-opted-in',
    1,
    'victim-contact-scheme',
    PROBATION,
    vcs.VcsOptedInV1,
    'The victim opted in to the Victim Contact Scheme.',
  ),
  schema(
    'vcs-opted-out',
    1,
    'victim-contact-scheme',
    PROBATION,
    vcs.VcsOptedOutV1,
    'The victim opted out of the Victim Contact Scheme.',
  ),
  schema(
    'sentence-ended',
    1,
    'victim-contact-scheme',
    PROBATION,
    vcs.SentenceEndedV1,
    "The offender's sentence or licence ended.",
  ),
  schema(
    'offender-moved-to-open-conditions',
    1,
    'custody',
    CUSTODY,
    custody.OffenderMovedToOpenConditionsV1,
    'The offender moved to open conditions.',
  ),
  schema(
    'offender-temporarily-released',
    1,
    'custody',
    CUSTODY,
    custody.OffenderTemporarilyReleasedV1,
    'The offender was granted release on temporary licence.',
  ),
  schema(
    'offender-release-date-set',
    1,
    'custody',
    CUSTODY,
    custody.OffenderReleaseDateSetV1,
    "The offender's release on licence was set for a day.",
  ),
  schema(
    'offender-released-on-licence',
    1,
    'custody',
    CUSTODY,
    custody.OffenderReleasedOnLicenceV1,
    'The offender was released on licence.',
  ),
  schema(
    'offender-recalled',
    1,
    'custody',
    CUSTODY,
    custody.OffenderRecalledV1,
    'The offender was recalled to custody.',
  ),
  schema(
    'offender-deported',
    1,
    'custody',
    CUSTODY,
    custody.OffenderDeportedV1,
    'The offender was deported.',
  ),
  schema(
    'patient-leave-granted',
    1,
    'custody',
    HOSPITAL,
    custody.PatientLeaveGrantedV1,
    'A patient under a hospital order was granted leave.',
  ),
  schema(
    'patient-discharged',
    1,
    'custody',
    HOSPITAL,
    custody.PatientDischargedV1,
    'A patient under a hospital order was discharged.',
  ),
  schema(
    'parole-hearing-listed',
    1,
    'parole',
    ['parole-board'],
    parole.ParoleHearingListedV1,
    'The Parole Board listed a hearing.',
  ),
  schema(
    'vps-submitted',
    1,
    'parole',
    PROBATION,
    parole.VpsSubmittedV1,
    "The victim liaison officer sent the victim's VPS to the Parole Board.",
  ),
  schema(
    'vps-declined',
    1,
    'parole',
    PROBATION,
    parole.VpsDeclinedV1,
    'The victim told the victim liaison officer they will not make a VPS for this Parole Board hearing.',
  ),
  schema(
    'complaint-received',
    1,
    'any-stage',
    ALL_AGENCY_KINDS,
    victim.ComplaintReceivedV1,
    'A complaint about Rights not being met was received (Right 12).',
  ),
  schema(
    'complaint-answered',
    1,
    'any-stage',
    ALL_AGENCY_KINDS,
    victim.ComplaintAnsweredV1,
    'A complaint was acknowledged or answered.',
  ),
  schema(
    'victim-informed',
    1,
    'any-stage',
    ALL_AGENCY_KINDS,
    victim.VictimInformedV1,
    'The victim was told what an entitlement owes them (the fulfilment event).',
  ),
  schema(
    'victim-withdrew',
    1,
    'any-stage',
    ['police', 'witness-care-unit', 'probation'],
    victim.VictimWithdrewV1,
    'The victim withdrew from contact.',
  ),
  schema(
    'victim-re-engaged',
    1,
    'any-stage',
    ['police', 'witness-care-unit', 'probation'],
    victim.VictimReEngagedV1,
    'The victim, having withdrawn from all contact for this crime, wants contact again.',
  ),
  schema(
    'victim-feedback-given',
    1,
    'any-stage',
    // The agencies in touch with the victim at each stage: police (investigation), Witness Care
    // Units (court) and probation's victim liaison officers (the Victim Contact Scheme).
    ['police', 'witness-care-unit', 'probation'],
    victim.VictimFeedbackGivenV1,
    'The victim answered a feedback survey: overall satisfaction and, where asked, whether each Right was met (fixed answers only).',
  ),
] as const;

/** Every published event schema, every version. Readers accept them all (see upcasters.ts). */
export const EVENT_SCHEMAS: readonly EventSchema[] = PUBLISHED_SCHEMAS;

type PublishedSchema = (typeof PUBLISHED_SCHEMAS)[number];

/**
 * Every published event, every version, as one discriminated union: literal `type` and
 * `schemaVersion`, and `data` typed by the schema's class-validator class. Narrowing on `type`
 * (and `schemaVersion`) gives the data's fields; a misspelt type does not compile.
 */
export type PublishedEvent = PublishedSchema extends infer S
  ? S extends TypedSchema<infer T, infer V, infer D>
    ? { type: T; schemaVersion: V; data: D }
    : never
  : never;

/** Every published event type. */
export type EventType = PublishedEvent['type'];

/** The published versions of one type (narrow further on `schemaVersion`). */
export type EventOf<T extends EventType> = Extract<PublishedEvent, { type: T }>;

/**
 * A stored event read back as a published event. The store holds only events that passed
 * validation against these schemas, so knowing its schema is published is the whole check.
 */
export function asPublishedEvent(
  type: string,
  schemaVersion: number,
  data: object,
): PublishedEvent {
  if (!schemaFor(type, schemaVersion)) {
    const latest = latestVersionOf(type);
    throw new Error(
      latest !== undefined && schemaVersion < latest
        ? `no upcaster for ${type} version ${schemaVersion}`
        : `'${type}' version ${schemaVersion} is not a published event schema`,
    );
  }
  return { type, schemaVersion, data } as PublishedEvent;
}

const byTypeAndVersion = new Map(EVENT_SCHEMAS.map((s) => [`${s.type}@${s.schemaVersion}`, s]));

export function schemaFor(type: string, schemaVersion: number): EventSchema | undefined {
  return byTypeAndVersion.get(`${type}@${schemaVersion}`);
}

export function publishedVersionsOf(type: string): number[] {
  return EVENT_SCHEMAS.filter((s) => s.type === type).map((s) => s.schemaVersion);
}

export function latestVersionOf(type: string): number | undefined {
  const versions = publishedVersionsOf(type);
  return versions.length > 0 ? Math.max(...versions) : undefined;
}

export const EVENT_TYPES: readonly string[] = [...new Set(EVENT_SCHEMAS.map((s) => s.type))];

export function canPost(kind: string, type: string): boolean {
  return EVENT_SCHEMAS.some(
    (s) => s.type === type && (s.owners as readonly string[]).includes(kind),
  );
}
