import {
  applyDecorators,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  type Provider,
  SetMetadata,
  ServiceUnavailableException,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { APP_GUARD, APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import {
  ACCESS_REASON_HEADER,
  accessReasonOf,
  MAX_ACCESS_REASON_LENGTH,
  roleOf,
  subjectOf,
  type Action,
  type Caller,
} from '@vj/access-policy';
import type { AuditEntry, AuditLog } from '@vj/audit';
import type { Clock } from '@vj/clock';
import { isVictimId } from '@vj/ingestion';
import { ApiProblems } from './openapi-decorators';
import { AUDIT_LOG, CLOCK } from './tokens';

/** The metadata key `@Audited` sets: every route but the public ones carries it. */
export const AUDITED_ROUTE = 'victim-journey:audited';
/** Where the request carries what its route is audited as, for the exception filters. */
const AUDITED_AS = Symbol('audited-as');
const REQUEST_ID = Symbol('request-id');

/** The header a caller gives its reason for a read in. */
export { ACCESS_REASON_HEADER };
/** Refusals from access decisions: each is recorded, whatever the route. */
export const REFUSAL_STATUSES: ReadonlySet<number> = new Set([401, 403, 404]);

interface AuditedAs {
  action: Action;
  /** Writes: what was stored is in the event store already, so only refusals are recorded. */
  refusalsOnly: boolean;
}

interface AuditedRequest extends Request {
  caller?: Caller;
  [AUDITED_AS]?: AuditedAs;
  [REQUEST_ID]?: string;
}

/**
 * Records each use of this handler in the audit trail as this access-policy action: the reads
 * and exports when they succeed, and every refusal. `refusalsOnly` for writes.
 */
export const Audited = (action: Action, { refusalsOnly = false } = {}) =>
  applyDecorators(
    SetMetadata(AUDITED_ROUTE, { action, refusalsOnly } satisfies AuditedAs),
    ApiHeader({
      name: ACCESS_REASON_HEADER,
      required: false,
      description: `Why you are reading this: kept in the audit trail (at most ${MAX_ACCESS_REASON_LENGTH} characters, one line)`,
    }),
    ApiProblems(400, 503),
  );

/**
 * The request's audit trail: who asked, as what, for which victim, through which route, and the
 * answer. Records nothing else of the request: no body, no query values, not the raw URL.
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger('audit');

  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Records the answer to a request on an audited route, and fails (503) if it cannot: a read
   * goes unanswered rather than unrecorded. Public routes have no access decision to record.
   */
  async record(
    req: Request,
    outcome: 'allowed' | 'refused',
    status: number,
    victimId?: unknown,
  ): Promise<void> {
    const r = req as AuditedRequest;
    const audited = r[AUDITED_AS];
    if (!audited) return;
    const caller = this.callerOf(r);
    const reason = accessReasonOf(req.headers[ACCESS_REASON_HEADER.toLowerCase()]);
    // The victim asked about: in the route, in the answer (a lookup), or the audit trail's filter.
    const asked = [victimId, r.params?.victimId, r.query?.victimId];
    const victim = asked.find((v): v is string => typeof v === 'string');
    await this.append(
      {
        subject: caller?.id ?? null,
        role: caller?.kind ?? null,
        action: audited.action,
        outcome,
        status,
        // A malformed id is not recorded: it could be anything the caller typed.
        victimId: victim && isVictimId(victim) ? victim : null,
        endpoint: `${req.method} ${routeOf(req)}`,
        reason: 'reason' in reason ? reason.reason : null,
        requestId: requestIdOf(req),
      },
      'the audit trail could not record this request, so it was not answered; try again',
    );
  }

  /**
   * Appends one entry stamped with the Clock's now; when the trail refuses it, fails with 503 and
   * `unanswered` as the detail: what cannot be recorded is not answered. The pages use it too.
   */
  async append(entry: Omit<AuditEntry, 'at'>, unanswered: string): Promise<void> {
    try {
      await this.log.append({ at: this.clock.now().toISOString(), ...entry });
    } catch (error) {
      this.logger.error(
        `the audit trail refused an entry: ${error instanceof Error ? error.name : typeof error}`,
      );
      throw new ServiceUnavailableException(unanswered);
    }
  }

  /** Records the answer as a refusal when it is one (401, 403, 404); nothing otherwise. */
  async refused(req: Request, status: number): Promise<void> {
    if (REFUSAL_STATUSES.has(status)) await this.record(req, 'refused', status);
  }

  /** The caller as the authentication guard found it (none when it refused with 401). */
  private callerOf(req: AuditedRequest): { id: string; kind: string } | undefined {
    const caller = req.caller;
    if (!caller) return undefined;
    return { id: subjectOf(caller), kind: roleOf(caller) };
  }
}

/**
 * Marks the request with what its route is audited as, before any other guard can refuse it,
 * so a 401 is recorded against the action asked for. Register it as the first APP_GUARD.
 */
@Injectable()
export class AuditedRouteGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const audited = this.reflector.get<AuditedAs | undefined>(AUDITED_ROUTE, context.getHandler());
    if (audited) context.switchToHttp().getRequest<AuditedRequest>()[AUDITED_AS] = audited;
    return true;
  }
}

/**
 * Checks the caller's reason before the handler runs (400 naming the header), and records a
 * successful audited read once the handler has answered, before the answer leaves.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuditedRequest>();
    const audited = req[AUDITED_AS];
    if (!audited) return next.handle();
    const reason = accessReasonOf(req.headers[ACCESS_REASON_HEADER.toLowerCase()]);
    if ('invalid' in reason) {
      throw new HttpException(
        {
          message: `the ${ACCESS_REASON_HEADER} header is not valid`,
          errors: [{ field: ACCESS_REASON_HEADER, reason: reason.invalid }],
        },
        400,
      );
    }
    if (audited.refusalsOnly) return next.handle();
    const res = http.getResponse<Response>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return next
      .handle()
      .pipe(
        mergeMap((body: unknown) =>
          from(
            this.trail
              .record(req, 'allowed', status ?? res.statusCode, victimIdIn(body))
              .then(() => body),
          ),
        ),
      );
  }
}

/** A victim id the answer names (a lookup answers one). */
function victimIdIn(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'victimId' in body
    ? String(body.victimId)
    : undefined;
}

/** The route pattern (`/v1/victims/:victimId/events`), never the URL with its values. */
function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${req.baseUrl}${route}` : '(no route)';
}

/** The caller's X-Request-Id when it is a plain token, else one of our own; the same all request long. */
export function requestIdOf(req: Request): string {
  const r = req as AuditedRequest;
  if (!r[REQUEST_ID]) {
    const given = req.headers['x-request-id'];
    r[REQUEST_ID] =
      typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
  }
  return r[REQUEST_ID];
}

/**
 * What an app adds to record its audited routes: the trail, the guard that marks each request
 * with its route's action (before any other guard, so list these first) and the interceptor,
 * global, or (`{ interceptor: 'provided' }`) as a provider for the app to put first in an
 * InterceptorChain of its own. Each app's exception filter records refusals through
 * `AuditTrail.refused`.
 */
export function auditProviders({
  interceptor = 'global',
}: { interceptor?: 'global' | 'provided' } = {}): Provider[] {
  return [
    AuditTrail,
    { provide: APP_GUARD, useClass: AuditedRouteGuard },
    interceptor === 'global'
      ? { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }
      : AuditInterceptor,
  ];
}
