import {
  Controller,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { decide, type Action, type Caller } from '@vj/access-policy';
import type { NotificationView } from '@vj/deadline-scheduling';
import type { ReadModels } from '@vj/read-models';
import { DeadlineScheduling } from './deadline-scheduling';
import { Audited, CurrentCaller, READ_MODELS } from '@vj/nest-edge';

/**
 * Operators and administrators (the access policy decides): failed notifications to see and
 * retry, parked events to see. Each call, and each refusal, is in the audit trail.
 */
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly deadlines: DeadlineScheduling,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get('notifications/failed')
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 500 },
  })
  @Audited('read-failed-notifications')
  failed(
    @CurrentCaller() caller: Caller,
    @Query('limit') limit?: string,
  ): Promise<NotificationView[]> {
    permit(caller, 'read-failed-notifications');
    return this.deadlines.scheduler.failedNotifications(
      Math.min(500, Math.max(1, Number(limit) || 100)),
    );
  }

  @Post('notifications/:id/retry')
  @HttpCode(202)
  @Audited('retry-notification')
  async retry(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
  ): Promise<{ id: string; retried: true }> {
    permit(caller, 'retry-notification');
    if (!(await this.deadlines.scheduler.retryNotification(id))) {
      throw new HttpException({ status: 404, detail: `no failed notification ${id}` }, 404);
    }
    return { id, retried: true };
  }

  @Get('parked-events')
  @Audited('read-parked-events')
  parked(@CurrentCaller() caller: Caller) {
    permit(caller, 'read-parked-events');
    return this.readModels.parkedEvents();
  }
}

/** The access policy: the authentication guard has already found the caller. */
function permit(caller: Caller, action: Action): void {
  const decision = decide(caller, action);
  if (!decision.allowed) throw new HttpException({ status: 403, detail: decision.reason }, 403);
}
