import type { Breach, Entitlement, Urgency } from '@vj/projections';
import { isNationalPart } from '@vj/projections';
import { calendarDateOf } from '@vj/event-schemas';
import { ageBandAtOffence } from '@vj/victims-code';
import { PCC_ROLES, roleOf, type Caller, type Role } from './caller';

/**
 * What each caller sees of what it may read. The reads decide whether (`decide`); these decide
 * how much, each a pure function of the caller and decrypted data, used by every read endpoint.
 */

/**
 * National bodies see a victim's age band, not their date of birth: no task of theirs today needs
 * more (the VCS and parole tasks need to know a victim is a child, which the band says).
 */
export const seesAgeBandOnly = (role: Role): boolean => isNationalPart(role);

/**
 * PCC analysts read figures and breach lists with a pseudonymous reference in place of the
 * victim: a PCC team by key and a PCC analyst signed in alike.
 */
export const seesPseudonyms = (role: Role): boolean => PCC_ROLES.includes(role);

/** What the view needs of a stored event: any stored event view fits. */
interface ViewedEvent {
  type: string;
  occurredAt: string;
  data: object;
}

/**
 * A stored event as this caller sees it. For a national body, a crime report's date of birth is
 * replaced by the age band on the offence date (the date the projections judge age on), so the
 * event still fits its published schema, which takes either.
 */
export function viewOf<E extends ViewedEvent>(caller: Caller, event: E): E {
  if (!seesAgeBandOnly(roleOf(caller)) || event.type !== 'crime-reported') return event;
  const { victimDateOfBirth, ...data } = event.data as {
    victimDateOfBirth?: unknown;
    offenceDate?: unknown;
  };
  // Only a readable date has a band: an erased one reads as the erasure marker already.
  if (!calendarDateOf(victimDateOfBirth)) return event;
  const band = ageBandAtOffence(
    victimDateOfBirth as string,
    typeof data.offenceDate === 'string' ? data.offenceDate : undefined,
    event.occurredAt,
  );
  return { ...event, data: { ...data, victimAgeBand: band } };
}

/**
 * A breach as a PCC analyst sees it: what was owed, by whom, when and how late, under a reference
 * that stands for the victim in this report only. Listed field by field, so a field added to
 * breaches stays out of this view until someone decides it belongs.
 */
export type PseudonymousBreach = { reference: string } & Pick<
  Breach,
  | 'policeArea'
  | 'owedBy'
  | 'right'
  | 'ruleId'
  | 'edition'
  | 'enhanced'
  | 'deadline'
  | 'status'
  | 'workingDaysLate'
  | 'fulfilledAt'
>;

export function pseudonymousBreachOf(breach: Breach, reference: string): PseudonymousBreach {
  return {
    reference,
    policeArea: breach.policeArea,
    owedBy: breach.owedBy,
    right: breach.right,
    ruleId: breach.ruleId,
    edition: breach.edition,
    enhanced: breach.enhanced,
    deadline: breach.deadline,
    status: breach.status,
    workingDaysLate: breach.workingDaysLate,
    fulfilledAt: breach.fulfilledAt,
  };
}

/**
 * An entitlement of a caseload as a PCC analyst sees it: no victim id, crime reference, event
 * ids (an agency's own ids join to its records) or enhanced-rights reasons; listed field by field.
 */
export type PseudonymousEntitlement = { reference: string; urgency: Urgency | null } & Pick<
  Entitlement,
  | 'policeArea'
  | 'ruleId'
  | 'right'
  | 'title'
  | 'edition'
  | 'owedBy'
  | 'enhanced'
  | 'deadline'
  | 'status'
  | 'workingDaysLate'
>;

export function pseudonymousEntitlementOf(
  entitlement: Entitlement & { urgency: Urgency | null },
  reference: string,
): PseudonymousEntitlement {
  return {
    reference,
    policeArea: entitlement.policeArea,
    ruleId: entitlement.ruleId,
    right: entitlement.right,
    title: entitlement.title,
    edition: entitlement.edition,
    owedBy: entitlement.owedBy,
    enhanced: entitlement.enhanced,
    deadline: entitlement.deadline,
    status: entitlement.status,
    workingDaysLate: entitlement.workingDaysLate,
    urgency: entitlement.urgency,
  };
}
