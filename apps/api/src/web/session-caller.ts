import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';
import type { PersonCaller, PersonRole } from '@vj/access-policy';
import type { PendingSignIn } from '../auth/oidc-sign-in';

/** The person a session is signed in as: what the callback learnt from the access token. */
export interface SessionPerson {
  subject: string;
  role: PersonRole;
  agencyId: string | null;
  areas: readonly string[] | '*';
  /** When the access token ends (ms since the epoch): the session's sign-in ends with it. */
  expiresAt: number;
}

declare module 'express-session' {
  interface SessionData {
    person?: SessionPerson;
    /** The synchronizer token every form of this session sends back as `_csrf`. */
    csrfToken?: string;
    /** A sign-in started at /sign-in, until its callback. */
    signIn?: PendingSignIn & { startedAt: number };
    /** A one-time message for the next page (after a post, PRG). */
    flash?: { heading: string; text?: string };
  }
}

/** The person a session's sign-in gives: the caller every page decides with. */
export function personCallerOf(person: SessionPerson): PersonCaller {
  return {
    kind: 'person',
    subject: person.subject,
    role: person.role,
    ...(person.agencyId ? { agencyId: person.agencyId } : {}),
    areas: person.areas,
  };
}

/** Pages need a signed-in person; without one the page filter sends the browser to /sign-in. */
export class SignInRequired extends Error {
  constructor() {
    super('sign in first');
    this.name = 'SignInRequired';
  }
}

interface PageRequest extends Request {
  caller?: PersonCaller;
}

/**
 * A page's guard: the session's person (put on the request by web-security), or sign in. Page
 * routes are `@Public()` to the API's bearer-token guard: their caller is this person, and each
 * page records its own reads and refusals in the audit trail (page-audit.ts).
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<PageRequest>();
    if (req.caller?.kind !== 'person') throw new SignInRequired();
    return true;
  }
}

/** The signed-in person, as a caller of the access policy (never from a header or the body). */
export const SessionCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): PersonCaller => {
    const caller = context.switchToHttp().getRequest<PageRequest>().caller;
    if (caller?.kind !== 'person') throw new SignInRequired();
    return caller;
  },
);
