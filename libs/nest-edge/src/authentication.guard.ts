import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_REASON_HEADER, accessReasonOf, type Caller } from '@vj/access-policy';
import type { FieldError } from '@vj/event-schemas';
import { isJwt } from '@vj/identity';
import type { Identity } from '@vj/runtime';
import { PUBLIC_ROUTE } from './public-route';
import { IDENTITY } from './tokens';

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  caller?: Caller;
}

/** 401: no credential, or one that names nobody. Each app's filter turns it into its body. */
export class UnauthenticatedException extends HttpException {
  constructor(
    readonly detail: string,
    readonly errors: FieldError[],
  ) {
    super({ status: 401, detail, errors }, 401);
  }
}

/**
 * Every route but the public ones needs `Authorization: Bearer <credential>`: an agency API key,
 * or an access token of the configured issuer (an agency's or a person's). Both apps use it.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(IDENTITY) private readonly identity: Identity,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(typeof header === 'string' ? header : '');
    const credential = match?.[1];
    const caller = credential
      ? await this.identity.authenticator.authenticate(credential)
      : undefined;
    if (!caller) {
      throw new UnauthenticatedException(
        'send an API key or an access token as Authorization: Bearer <credential>',
        [
          {
            field: 'Authorization',
            reason: !credential
              ? 'is missing'
              : isJwt(credential)
                ? 'is not a valid access token of a known caller'
                : 'is not a known API key',
          },
        ],
      );
    }
    req.caller = caller;
    return true;
  }
}

/**
 * Who is calling: always from the credential, never from the body. A person's request carries
 * its stated reason for reading a victim record (`X-Access-Reason`), which the policy checks.
 */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = req.caller;
    if (!caller) throw new Error('CurrentCaller used on a public route');
    // The audit interceptor has refused an invalid reason (400) before any handler runs.
    const stated = accessReasonOf(req.headers[ACCESS_REASON_HEADER.toLowerCase()]);
    return caller.kind === 'person' && 'reason' in stated && stated.reason !== null
      ? { ...caller, accessReason: stated.reason }
      : caller;
  },
);
