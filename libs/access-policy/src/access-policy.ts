import { POLICE_AREAS } from '@vj/agencies/model';
import { AGENCY_KINDS, canPost } from '@vj/event-schemas';
import { isNationalPart, type NationalPart } from '@vj/projections';
import { CODE_EDITIONS } from '@vj/victims-code';
import {
  areasOf,
  isPccTeam,
  OFFICER_AGENCY_KIND,
  PCC_ROLES,
  roleOf,
  serves,
  type Caller,
  type PersonRole,
  type Role,
} from './caller';

/**
 * Who may do what: one table, consulted by every endpoint of the API and the worker.
 *
 * The one answer rule. A caller whose role may never do an action is refused with `forbidden`
 * (403) whatever the victim, so it learns nothing about any victim. A victim outside the caller's
 * areas and a victim that does not exist are both `not-found` (404), indistinguishable. Report
 * parameters the caller may not ask for (another agency kind, an area it does not serve) name no
 * victim and are `forbidden`.
 */
export const ACTIONS = [
  'open-journey',
  'post-event',
  'find-victim',
  'read-stream',
  'read-journey',
  'read-vcs',
  'read-caseload',
  'read-breaches',
  'read-failed-notifications',
  'retry-notification',
  'read-parked-events',
  'read-audit',
  'erase-personal-data',
  'run-forecast',
  'read-compliance-report',
] as const;

export type Action = (typeof ACTIONS)[number];

const AGENCIES: readonly Role[] = AGENCY_KINDS;

interface Permission {
  roles: readonly Role[];
  /** Why every other role is refused, in the answer's detail. */
  refusal: string;
}

const IN_THE_JOURNEY = "only agencies in a victim's journey find and read it";
const OPERATORS_ONLY = 'operators and administrators only';

/**
 * People, least privilege. Officers (VLO: probation; witness care: WCU; police victim care:
 * police) read the victims of their agency's areas through the journey view, and their own
 * kind's caseload; none posts, none reads the raw stream (agency systems' interface). Only the
 * VLO reads the Victim Contact Scheme, which probation runs. A PCC analyst reads what a PCC team
 * reads. An administrator does the operators' work and reads a victim record only with a stated
 * reason (`X-Access-Reason`). Officers record what they did for a victim (`post-event`): only the
 * fulfilments their agency's kind owns (see `FULFILMENT_EVENT_TYPES`), for victims of their areas,
 * as their agency.
 */
const VLO: PersonRole = 'victim-liaison-officer';
const OFFICERS: readonly PersonRole[] = [VLO, 'witness-care-officer', 'police-victim-care-officer'];
const ADMINISTRATOR: PersonRole = 'administrator';
const OPERATORS: readonly Role[] = ['operator', ADMINISTRATOR];
/**
 * A national analyst (the Ministry of Justice, the Victims' Commissioner's office) reads the
 * compliance reports of every area side by side, and nothing at the level of a victim.
 */
const NATIONAL_ANALYST: PersonRole = 'national-analyst';

/** Victim records: an administrator reads one only with a stated reason. */
const VICTIM_RECORDS: readonly Action[] = [
  'find-victim',
  'read-stream',
  'read-journey',
  'read-vcs',
];

/** The request header that carries an administrator's reason for reading a victim record. */
export const ACCESS_REASON_HEADER = 'X-Access-Reason';
export const MAX_ACCESS_REASON_LENGTH = 500;

export const ACCESS_TABLE: Readonly<Record<Action, Permission>> = {
  'open-journey': {
    roles: ['police'],
    refusal: "only a police force records a crime and opens a victim's journey",
  },
  // Which types each agency kind posts is the event schemas' owners; this row says who posts at all.
  'post-event': {
    roles: [...AGENCIES, ...OFFICERS],
    refusal: 'only agencies in the journey, and their officers, post events',
  },
  'find-victim': { roles: [...AGENCIES, ...OFFICERS, ADMINISTRATOR], refusal: IN_THE_JOURNEY },
  'read-stream': {
    roles: [...AGENCIES, ADMINISTRATOR],
    refusal: "only agencies' systems read the raw stream; people read the journey",
  },
  'read-journey': {
    roles: [...AGENCIES, ...OFFICERS, ADMINISTRATOR],
    refusal: 'compliance teams read reports (/v1/breaches, /v1/caseload), not journeys',
  },
  'read-vcs': { roles: [...AGENCIES, VLO, ADMINISTRATOR], refusal: IN_THE_JOURNEY },
  'read-caseload': {
    roles: [...AGENCIES, ...PCC_ROLES, ...OFFICERS],
    refusal: 'operators see notifications and parked events on the worker, not reports',
  },
  'read-breaches': {
    roles: [...AGENCIES, ...PCC_ROLES],
    refusal: 'breach reports are for agencies and PCC compliance teams',
  },
  'read-failed-notifications': { roles: OPERATORS, refusal: OPERATORS_ONLY },
  'retry-notification': { roles: OPERATORS, refusal: OPERATORS_ONLY },
  'read-parked-events': { roles: OPERATORS, refusal: OPERATORS_ONLY },
  'read-audit': { roles: OPERATORS, refusal: 'administrators only read the audit trail' },
  // The operator desk by key, and administrators signed in; the erasure itself records a reason.
  'erase-personal-data': {
    roles: OPERATORS,
    refusal: "only an administrator erases a victim's personal data",
  },
  // Counts only, from every journey in the caller's areas: for those who answer for compliance.
  'run-forecast': {
    roles: [...PCC_ROLES, ...OPERATORS],
    refusal: 'the Code-impact forecast is for PCC compliance teams and operators',
  },
  // Counts only, suppressed under 5: for the PCCs who answer for compliance in their areas, and
  // national analysts comparing every area.
  'read-compliance-report': {
    roles: [...PCC_ROLES, NATIONAL_ANALYST],
    refusal: 'compliance reports are for PCC compliance teams and national analysts',
  },
};

/** What an action is about, where it is about something: checked after the caller's role. */
export type Target =
  /** An event type to post: its owners in the event schemas decide. */
  | { eventType: string }
  /** A victim as the journey knows them; undefined when there is no such victim. */
  | { victim: VictimScope | undefined }
  /** A report: the agency kind it is owed by (undefined: every kind) and a police area, if named. */
  | { report: { owedBy?: string | undefined; policeArea?: string | undefined } };

/**
 * What decides who may see a victim: the police area their journey was opened in, and the
 * national parts of it begun so far (`nationalPartsOf` their events). For a post, the parts are
 * those of the journey with the posted events, so a national body may post the event that begins
 * its own part (a parole hearing listed, a prisoner recalled) by the victim's id.
 */
export interface VictimScope {
  policeArea: string;
  nationalParts: readonly NationalPart[];
}

/**
 * Whether deciding about a victim for this caller needs the journey's national parts: only a
 * national body's access turns on them, so every other caller is decided on the police area alone
 * (the stream's first event), and its scope may carry no parts.
 */
export const needsNationalParts = (caller: Caller): boolean => isNationalPart(roleOf(caller));

export type Decision = { allowed: true } | Refusal;

export interface Refusal {
  allowed: false;
  /** `forbidden` is 403, `not-found` 404. */
  answer: 'forbidden' | 'not-found';
  reason: string;
  /** The request field the refusal is about, when it is one (owedBy, policeArea, type). */
  field?: { name: string; reason: string };
}

const ALLOWED: Decision = { allowed: true };

/**
 * The event types that give a victim what an entitlement owes (every edition's rules'
 * fulfilments: `victim-informed`, `vlo-contact-made`, `referred-to-support`, ...): the only events
 * an officer records. The rest of a journey (arrests, charges, sentences) is the agencies' systems'.
 */
export const FULFILMENT_EVENT_TYPES: ReadonlySet<string> = new Set(
  CODE_EDITIONS.flatMap((edition) => edition.rules.map((rule) => rule.fulfilledBy.type)),
);

/** The agency kind an officer posts as; undefined for every other person. */
export function officerAgencyKindOf(caller: Caller): string | undefined {
  if (caller.kind !== 'person') return undefined;
  return caller.role in OFFICER_AGENCY_KIND
    ? OFFICER_AGENCY_KIND[caller.role as keyof typeof OFFICER_AGENCY_KIND]
    : undefined;
}

/** Whether this caller may post this event type: an agency its kind's, an officer its fulfilments. */
function mayPostType(caller: Caller, role: Role, eventType: string): boolean {
  if (caller.kind === 'agency') return canPost(role, eventType);
  const kind = officerAgencyKindOf(caller);
  return kind !== undefined && FULFILMENT_EVENT_TYPES.has(eventType) && canPost(kind, eventType);
}

/** Whether this caller may do this action (to this target): the role first, then the target. */
export function decide(caller: Caller, action: Action, target?: Target): Decision {
  const role = roleOf(caller);
  const permission = ACCESS_TABLE[action];
  if (!permission.roles.includes(role)) {
    return { allowed: false, answer: 'forbidden', reason: permission.refusal };
  }
  // Before looking at any victim, so a refusal says nothing about whether one exists.
  if (role === ADMINISTRATOR && VICTIM_RECORDS.includes(action) && !hasAccessReason(caller)) {
    return {
      allowed: false,
      answer: 'forbidden',
      reason: `an administrator reads a victim record only with a stated reason in ${ACCESS_REASON_HEADER}`,
      field: {
        name: ACCESS_REASON_HEADER,
        reason: `is required: why you read this record, 1 to ${MAX_ACCESS_REASON_LENGTH} characters`,
      },
    };
  }
  if (!target) return ALLOWED;
  if ('eventType' in target) {
    if (mayPostType(caller, role, target.eventType)) return ALLOWED;
    const kind = officerAgencyKindOf(caller);
    return kind === undefined
      ? {
          allowed: false,
          answer: 'forbidden',
          reason: 'your agency does not own these event types',
          field: { name: 'type', reason: `a ${role} agency may not post '${target.eventType}'` },
        }
      : {
          allowed: false,
          answer: 'forbidden',
          reason: 'an officer records only what their agency gives a victim',
          field: {
            name: 'type',
            reason: `a ${role} may not post '${target.eventType}': only the fulfilments a ${kind} agency owes`,
          },
        };
  }
  if ('victim' in target) {
    // Unknown, out of area and not yet involved answer alike: an agency learns nothing of them.
    const { victim } = target;
    return victim &&
      serves(caller, victim.policeArea) &&
      (!isNationalPart(role) || victim.nationalParts.includes(role))
      ? ALLOWED
      : { allowed: false, answer: 'not-found', reason: 'no such victim is known to your agency' };
  }
  const { owedBy, policeArea } = target.report;
  // An agency (and its officers) sees what its own kind owes; a PCC team sees every kind.
  const ownKind = ownKindOf(caller);
  if (ownKind !== undefined && owedBy !== undefined && owedBy !== ownKind) {
    return {
      allowed: false,
      answer: 'forbidden',
      reason: `a ${ownKind} agency sees only what its own kind owes`,
      field: { name: 'owedBy', reason: `must be ${ownKind}` },
    };
  }
  if (policeArea !== undefined && !serves(caller, policeArea)) {
    return {
      allowed: false,
      answer: 'forbidden',
      reason: `your agency does not serve ${policeArea}`,
      field: { name: 'policeArea', reason: 'is not one of your areas' },
    };
  }
  return ALLOWED;
}

/** The areas a report covers when the caller names none: every area it serves. */
export function reportAreasOf(caller: Caller): string[] {
  const areas = areasOf(caller);
  return areas === '*' ? [...POLICE_AREAS] : [...areas];
}

/**
 * The agency kind a report is owed by when the caller names none: an agency's own kind, or an
 * officer's agency's kind; none for a PCC team, which reads every kind.
 */
export function ownKindOf(caller: Caller): string | undefined {
  if (isPccTeam(caller)) return undefined;
  const role = roleOf(caller);
  if (role in OFFICER_AGENCY_KIND)
    return OFFICER_AGENCY_KIND[role as keyof typeof OFFICER_AGENCY_KIND];
  return (AGENCIES as readonly string[]).includes(role) ? role : undefined;
}

const PRINTABLE = /^[^\p{Cc}]*$/u;

/**
 * The one reading of `X-Access-Reason`: trimmed; none when absent or blank; refused (with why)
 * when given twice, over MAX_ACCESS_REASON_LENGTH characters or not printable text on one line.
 * The edge refuses an invalid one (400), the audit trail keeps the reason, and `decide` reads a
 * caller's reason by it too.
 */
export function accessReasonOf(
  header: string | string[] | undefined,
): { reason: string | null } | { invalid: string } {
  if (header === undefined) return { reason: null };
  if (Array.isArray(header)) return { invalid: 'must be given once' };
  const reason = header.trim();
  if (reason.length > MAX_ACCESS_REASON_LENGTH) {
    return { invalid: `must be at most ${MAX_ACCESS_REASON_LENGTH} characters` };
  }
  if (!PRINTABLE.test(reason)) return { invalid: 'must be printable text on one line' };
  return { reason: reason === '' ? null : reason };
}

function hasAccessReason(caller: Caller): boolean {
  if (caller.kind !== 'person') return false;
  const stated = accessReasonOf(caller.accessReason);
  return 'reason' in stated && stated.reason !== null;
}
