import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { agencyCaller } from '@vj/access-policy';
import type { Agency, AgencyDirectory } from '@vj/agencies';
import { PUBLIC_ROUTE, type CallerRequest } from '@vj/nest-edge';
import { AGENCY_DIRECTORY } from '@vj/nest-edge';
import { problem } from './problem';
import { ProblemException } from './problem-details.filter';

interface AuthenticatedRequest extends Request, CallerRequest {
  agency?: Agency;
}

/** Every other route needs `Authorization: Bearer <agency API key>`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AGENCY_DIRECTORY) private readonly agencies: AgencyDirectory,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const agency = match?.[1] ? this.agencies.authenticate(match[1]) : undefined;
    if (!agency) {
      throw new ProblemException(
        problem(401, 'send your agency API key as Authorization: Bearer <key>', [
          { field: 'Authorization', reason: match ? 'is not a known API key' : 'is missing' },
        ]),
      );
    }
    req.agency = agency;
    req.caller = agencyCaller(agency);
    return true;
  }
}

/** The authenticated agency: always from the credential, never from the body. */
export const CurrentAgency = createParamDecorator(
  (_: unknown, context: ExecutionContext): Agency => {
    const agency = context.switchToHttp().getRequest<AuthenticatedRequest>().agency;
    if (!agency) throw new Error('CurrentAgency used on a public route');
    return agency;
  },
);
