import { servesArea, type Agency, type CallerKind } from '@vj/agencies/model';

/**
 * Who is asking: an agency, PCC team or operator desk (by API key or by a client-credentials
 * token: both become an `AgencyCaller`), or a person signed in with a role.
 */
export interface AgencyCaller {
  readonly kind: 'agency';
  readonly agency: Agency;
}

/** The roles of people who sign in. Each reads through the same table as the agencies. */
export const PERSON_ROLES = [
  'victim-liaison-officer',
  'witness-care-officer',
  'police-victim-care-officer',
  'pcc-analyst',
  'administrator',
  'national-analyst',
] as const;

export type PersonRole = (typeof PERSON_ROLES)[number];

export interface PersonCaller {
  readonly kind: 'person';
  /** The issuer's subject: stable, never a name. */
  readonly subject: string;
  readonly role: PersonRole;
  /** The agency the person works for (officers; a PCC analyst's team, if any). */
  readonly agencyId?: string;
  /**
   * The police areas whose victims and reports the person may see; administrators and national
   * analysts hold `'*'`.
   */
  readonly areas: readonly string[] | '*';
  /**
   * The reason this request gives for reading a victim record (`X-Access-Reason`): an
   * administrator reads none without one. Set per request, never from the token.
   */
  readonly accessReason?: string;
}

export type Caller = AgencyCaller | PersonCaller;

/** What the table is keyed by: an agency's kind, or a person's role. */
export type Role = CallerKind | PersonRole;

export const agencyCaller = (agency: Agency): AgencyCaller => ({ kind: 'agency', agency });

/**
 * The agency kind each officer role works for: they read what their kind of agency reads and
 * owes, in their agency's areas.
 */
export const OFFICER_AGENCY_KIND = {
  'victim-liaison-officer': 'probation',
  'witness-care-officer': 'witness-care-unit',
  'police-victim-care-officer': 'police',
} as const satisfies Partial<Record<PersonRole, CallerKind>>;

export function roleOf(caller: Caller): Role {
  return caller.kind === 'agency' ? caller.agency.kind : caller.role;
}

/** The police areas whose victims and reports the caller may see; national bodies hold `'*'`. */
export function areasOf(caller: Caller): readonly string[] | '*' {
  return caller.kind === 'agency' ? caller.agency.areas : caller.areas;
}

export function serves(caller: Caller, policeArea: string): boolean {
  return caller.kind === 'agency'
    ? servesArea(caller.agency, policeArea)
    : caller.areas === '*' || caller.areas.includes(policeArea);
}

/**
 * Whether the caller sees the PCC compliance view: a PCC team by key and a PCC analyst signed in
 * are one audience, so every rule about what a PCC sees applies to both.
 */
export function isPccTeam(caller: Caller): boolean {
  return PCC_ROLES.includes(roleOf(caller));
}

/** The PCC compliance audience: a PCC team by key, a PCC analyst signed in. */
export const PCC_ROLES: readonly Role[] = ['pcc', 'pcc-analyst'];

/**
 * Who the caller is, as the audit trail, the rate limits and an erasure record name them: an
 * agency's id, a person's subject at the issuer.
 */
export function subjectOf(caller: Caller): string {
  return caller.kind === 'agency' ? caller.agency.id : caller.subject;
}

/** What a subject may look like: an agency id, or an issuer's subject identifier. */
export const SUBJECT_PATTERN = /^[A-Za-z0-9._@|:-]{1,255}$/;

/** The area a lookup means when it names none: an agency's home area, a person's only area. */
export function homeAreaOf(caller: Caller): string | undefined {
  if (caller.kind === 'agency') return caller.agency.homeArea;
  return caller.areas !== '*' && caller.areas.length === 1 ? caller.areas[0] : undefined;
}
