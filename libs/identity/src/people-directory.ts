import { scryptSync, timingSafeEqual } from 'node:crypto';
import {
  OFFICER_AGENCY_KIND,
  PERSON_ROLES,
  SUBJECT_PATTERN,
  type PersonCaller,
  type PersonRole,
} from '@vj/access-policy';
import { isPoliceArea, type AgencyDirectory } from '@vj/agencies';

/**
 * One person as configured. The issuer proves who they are (the subject); what they may do
 * (role, agency, areas) is ours, in this file, so no identity provider's claims can widen it.
 */
interface PersonConfigEntry {
  subject: string;
  role: PersonRole;
  agencyId?: string;
  areas?: string[] | '*';
  /** Development issuer only: `scrypt:<salt hex>:<key hex>` of the password. */
  password?: string;
}

export class PeopleConfigError extends Error {
  constructor(message: string) {
    super(`people configuration: ${message}`);
    this.name = 'PeopleConfigError';
  }
}

/** Hashes a password for the development people file: salted scrypt, as a password needs. */
export function hashPassword(password: string, salt: Buffer): string {
  return `scrypt:${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function passwordMatches(stored: string, password: string): boolean {
  const [scheme, salt, key] = stored.split(':');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'hex');
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** The people who may sign in, by subject, and what each may do. */
export class PeopleDirectory {
  private readonly bySubject = new Map<string, { person: PersonCaller; password?: string }>();

  private constructor() {}

  /** Validates the whole file against the agency directory and fails at start, naming the entry. */
  static fromConfig(config: unknown, agencies: AgencyDirectory): PeopleDirectory {
    const list = (config as { people?: unknown } | null)?.people;
    if (!Array.isArray(list)) throw new PeopleConfigError('expected { "people": [ ... ] }');
    const directory = new PeopleDirectory();
    list.forEach((raw: unknown, i) => {
      const e = raw as Partial<PersonConfigEntry>;
      const where = `people[${i}]`;
      if (typeof e.subject !== 'string' || !SUBJECT_PATTERN.test(e.subject))
        throw new PeopleConfigError(`${where}.subject must be the issuer's subject identifier`);
      if (directory.bySubject.has(e.subject))
        throw new PeopleConfigError(`${where}.subject '${e.subject}' is repeated`);
      if (!PERSON_ROLES.includes(e.role as PersonRole))
        throw new PeopleConfigError(`${where}.role must be one of ${PERSON_ROLES.join(', ')}`);
      const role = e.role as PersonRole;
      const agency = e.agencyId === undefined ? undefined : agencies.byId(e.agencyId);
      if (e.agencyId !== undefined && !agency)
        throw new PeopleConfigError(`${where}.agencyId '${e.agencyId}' is not a known agency`);
      const officerKind = (OFFICER_AGENCY_KIND as Partial<Record<PersonRole, string>>)[role];
      if (officerKind && agency?.kind !== officerKind)
        throw new PeopleConfigError(`${where}: a ${role} needs the agencyId of a ${officerKind}`);
      if (role === 'pcc-analyst' && agency && agency.kind !== 'pcc')
        throw new PeopleConfigError(`${where}: a pcc-analyst's agencyId must be a PCC team`);
      if (e.password !== undefined && typeof e.password !== 'string')
        throw new PeopleConfigError(`${where}.password must be a scrypt hash`);
      directory.bySubject.set(e.subject, {
        person: {
          kind: 'person',
          subject: e.subject,
          role,
          ...(agency ? { agencyId: agency.id } : {}),
          areas: areasOf(role, e.areas, agency?.areas, where),
        },
        ...(e.password ? { password: e.password } : {}),
      });
    });
    return directory;
  }

  person(subject: string): PersonCaller | undefined {
    return this.bySubject.get(subject)?.person;
  }

  /** The development issuer's sign-in; undefined for an unknown subject or a wrong password. */
  signIn(subject: string, password: string): PersonCaller | undefined {
    const entry = this.bySubject.get(subject);
    return entry?.password && passwordMatches(entry.password, password) ? entry.person : undefined;
  }
}

/**
 * An administrator reads (with a reason) in every area. Anyone else sees at most their agency's
 * areas: the agency's own when none are given, and never more.
 */
function areasOf(
  role: PersonRole,
  given: unknown,
  agencyAreas: readonly string[] | '*' | undefined,
  where: string,
): readonly string[] | '*' {
  // Administrators (with a stated reason) and national analysts (counts only) see every area.
  if (role === 'administrator' || role === 'national-analyst') return '*';
  if (given === undefined) {
    if (agencyAreas === undefined)
      throw new PeopleConfigError(`${where} needs areas or an agencyId`);
    return agencyAreas;
  }
  if (
    !Array.isArray(given) ||
    given.length === 0 ||
    !given.every((a) => typeof a === 'string' && isPoliceArea(a))
  )
    throw new PeopleConfigError(`${where}.areas must be a list of police areas`);
  const areas = given as string[];
  if (
    agencyAreas !== undefined &&
    agencyAreas !== '*' &&
    !areas.every((a) => agencyAreas.includes(a))
  )
    throw new PeopleConfigError(`${where}.areas must be areas their agency serves`);
  return areas;
}
