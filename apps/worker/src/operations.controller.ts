import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpException,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { agencyCaller, decide, type Action } from '@vj/access-policy';
import type { AgencyDirectory } from '@vj/agencies';
import type { NotificationView } from '@vj/deadline-scheduling';
import type { ReadModels } from '@vj/read-models';
import { DeadlineScheduling } from './deadline-scheduling';
import { AGENCY_DIRECTORY, Audited, READ_MODELS } from '@vj/nest-edge';

/**
 * Operators (callers of kind `operator`): failed notifications to see and retry, parked events to
 * see. Each call, and each refusal, is in the audit trail.
 */
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly deadlines: DeadlineScheduling,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(AGENCY_DIRECTORY) private readonly agencies: AgencyDirectory,
  ) {}

  @Get('notifications/failed')
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 500 },
  })
  @Audited('read-failed-notifications')
  failed(
    @Headers('authorization') authorization: string | undefined,
    @Query('limit') limit?: string,
  ): Promise<NotificationView[]> {
    this.permit(authorization, 'read-failed-notifications');
    return this.deadlines.scheduler.failedNotifications(
      Math.min(500, Math.max(1, Number(limit) || 100)),
    );
  }

  @Post('notifications/:id/retry')
  @HttpCode(202)
  @Audited('retry-notification')
  async retry(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') id: string,
  ): Promise<{ id: string; retried: true }> {
    this.permit(authorization, 'retry-notification');
    if (!(await this.deadlines.scheduler.retryNotification(id))) {
      throw new HttpException({ status: 404, detail: `no failed notification ${id}` }, 404);
    }
    return { id, retried: true };
  }

  @Get('parked-events')
  @Audited('read-parked-events')
  parked(@Headers('authorization') authorization: string | undefined) {
    this.permit(authorization, 'read-parked-events');
    return this.readModels.parkedEvents();
  }

  /** The caller's key, then the access policy (operators only). */
  private permit(authorization: string | undefined, action: Action): void {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const caller = key ? this.agencies.authenticate(key) : undefined;
    if (!caller)
      throw new HttpException(
        { status: 401, detail: 'send an operator API key as Authorization: Bearer <key>' },
        401,
      );
    const decision = decide(agencyCaller(caller), action);
    if (!decision.allowed) throw new HttpException({ status: 403, detail: decision.reason }, 403);
  }
}
