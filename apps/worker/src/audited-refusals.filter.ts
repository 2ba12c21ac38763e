import { type ArgumentsHost, Catch, HttpException, Injectable } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import type { Request } from 'express';
import { AuditTrail } from '@vj/nest-edge';

/**
 * The worker answers errors as Nest does; first it records every refusal (401, 403, 404) of its
 * operations endpoints in the audit trail, and answers 503 if it cannot.
 */
@Catch()
@Injectable()
export class AuditedRefusalsFilter extends BaseExceptionFilter {
  constructor(
    private readonly trail: AuditTrail,
    adapterHost: HttpAdapterHost,
  ) {
    super(adapterHost.httpAdapter);
  }

  override catch(error: unknown, host: ArgumentsHost): void {
    const status = error instanceof HttpException ? error.getStatus() : 500;
    this.trail.refused(host.switchToHttp().getRequest<Request>(), status).then(
      () => super.catch(error, host),
      (failure: unknown) => super.catch(failure, host),
    );
  }
}
