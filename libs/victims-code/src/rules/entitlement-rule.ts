import type { AgencyKind, EventType } from '@vj/event-schemas';
import type { RightNumber } from '../rights';

/** How long the owing agency has. */
export type DeadlineRule =
  /** Within N working days of the trigger (day 0), shorter for victims with enhanced rights. */
  | { kind: 'working-days'; standard: number; enhanced: number }
  /**
   * At least N calendar days before a date the trigger gives (a Parole Board hearing). When the
   * trigger comes after that day (listed at short notice), `shortNotice` days before instead.
   */
  | { kind: 'calendar-days-before'; days: number; dateField: string; shortNotice?: number }
  /** Every N calendar days, N from the trigger (investigation updates at the agreed frequency). */
  | { kind: 'calendar-days-interval'; daysField: string }
  /** No clock: tracked as owed / given / declined. */
  | { kind: 'none' };

/** A named condition on a trigger's data; the predicates are in `trigger-conditions.ts`. */
export type TriggerCondition =
  | 'vcs-eligible'
  | 'guilty'
  | 'witness-required'
  | 'police-review-scheme'
  | 'cps-review-scheme'
  | 'victim-licence-conditions';

export interface Trigger {
  type: EventType;
  when?: TriggerCondition;
}

/** A later event answering a trigger: of this type, about the same case and, if named, the same thing. */
export interface EventMatch {
  type: EventType;
  /** A data field that must be equal on trigger and the later event (a complaint id, a hearing id). */
  matchOn?: string;
  /** The later event must say this about itself (a court result of the kind the trigger records). */
  where?: { field: string; equals: string };
}

/** The event that gives the victim what the entitlement owes. */
export interface Fulfilment extends EventMatch {
  /**
   * `victim-informed` with `data.entitlement` equal to the rule id, or another event type that
   * is itself the fulfilment (a referral made, an answer sent).
   */
  type: EventType;
  /** Other events that show it was done: the unit's receipt of a result shows the court sent it. */
  shownBy?: readonly EventMatch[];
  /** The fulfilment means the victim declined, when this data field has this value. */
  declinedWhen?: { field: string; equals: string | number | boolean };
}

/**
 * What removes an entitlement that has not yet been met or breached:
 * - `support-declined`: the victim declined referral to support services;
 * - `withdrew`: the victim withdrew from all contact, until they re-engage;
 * - `vcs-opted-out`: the victim opted out of (or withdrew from) the Victim Contact Scheme, until
 *   they opt back in;
 * - `vcs-not-opted-in`: the victim has not (yet) opted in to the scheme for this offender;
 * - `vps-declined`: the victim decided not to make a statement for this Parole Board hearing.
 */
export const EXCLUSIONS = [
  'support-declined',
  'withdrew',
  'vcs-opted-out',
  'vcs-not-opted-in',
  'vps-declined',
] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

/** Who owes it: an agency kind, the kind named in a trigger field, or the kind that posted the trigger. */
export type OwedBy = AgencyKind | { triggerField: string } | 'trigger-poster';

/**
 * What a rule's source is, so a reader can weigh it: the Code in force, an earlier edition kept
 * for want of anything newer, an Act, an agency's published guidance or scheme, or a default
 * the product chose where none of these settles the point (then `unsettled` says why).
 */
export type SourceKind =
  'code-2020' | 'code-2015' | 'code-2013' | 'statute' | 'guidance' | 'product-default';

export interface EntitlementRule {
  /** Stable id: `victim-informed` events name it, reports group by it. Never reuse one. */
  id: string;
  right: RightNumber;
  title: string;
  owedBy: OwedBy;
  triggers: readonly Trigger[];
  fulfilledBy: Fulfilment;
  deadline: DeadlineRule;
  /**
   * The clock runs from the owing agency's receipt of what the trigger records, not from the
   * trigger: the first of these that was posted (in this order of preference) at or after the
   * trigger; from the trigger itself when none was.
   */
  clockFrom?: readonly EventMatch[];
  notApplicableWhen: readonly Exclusion[];
  /** What kind of text the rule rests on: the table shows it beside the source. */
  sourceKind: SourceKind;
  /** Where the rule comes from: the document and its paragraph, section or right. */
  source: string;
  /** Set when the product chose a default the Code does not settle; says what and why. */
  unsettled?: string;
}

export interface CodeEdition {
  id: string;
  title: string;
  /** The first London day on which a trigger is judged by this edition. */
  effectiveFrom: string;
  rules: readonly EntitlementRule[];
}
