import { servesArea, type Agency, type CallerKind } from '@vj/agencies/model';

/**
 * Who is asking. Today every caller is an agency, PCC team or operator desk holding an API key;
 * a person signed in with a role joins this union as another `kind`, and `roleOf`/`areasOf` learn
 * to read it, while the table of what each role may do stays as it is.
 */
export interface AgencyCaller {
  readonly kind: 'agency';
  readonly agency: Agency;
}

export type Caller = AgencyCaller;

/** What the table is keyed by: an agency's kind today; a person's role next. */
export type Role = CallerKind;

export const agencyCaller = (agency: Agency): AgencyCaller => ({ kind: 'agency', agency });

export function roleOf(caller: Caller): Role {
  return caller.agency.kind;
}

/** The police areas whose victims and reports the caller may see; national bodies hold `'*'`. */
export function areasOf(caller: Caller): readonly string[] | '*' {
  return caller.agency.areas;
}

export function serves(caller: Caller, policeArea: string): boolean {
  return servesArea(caller.agency, policeArea);
}
