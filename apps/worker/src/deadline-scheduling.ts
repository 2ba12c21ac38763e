import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AgencyDirectory } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { DeadlineScheduler } from '@vj/deadline-scheduling';
import type { Metrics } from '@vj/observability';
import type { JourneyProjector } from '@vj/read-models';
import type { AppConfig, DeadlinePorts } from '@vj/runtime';
import { DEADLINE_PORTS } from './tokens';
import { AGENCY_DIRECTORY, APP_CONFIG, CLOCK, JOURNEY_PROJECTOR, METRICS } from '@vj/nest-edge';

/**
 * The worker's reactor: deadline timers and notifications on BullMQ, acting on the read models the
 * projector builds. Started with the worker, closed with it.
 */
@Injectable()
export class DeadlineScheduling implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly scheduler: DeadlineScheduler;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DEADLINE_PORTS) ports: DeadlinePorts,
    @Inject(JOURNEY_PROJECTOR) projector: JourneyProjector,
    @Inject(AGENCY_DIRECTORY) agencies: AgencyDirectory,
    @Inject(CLOCK) clock: Clock,
    @Inject(METRICS) metrics: Metrics,
  ) {
    const logger = new Logger('deadlines');
    this.scheduler = new DeadlineScheduler({
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      ...ports,
      projector,
      agencies: agencies.agencies,
      clock,
      windowMs: config.deadlineWindowMs,
      windowEveryMs: config.deadlineScheduleEveryMs,
      reminderWorkingDays: config.reminderWorkingDays,
      registry: metrics.registry,
      logger: { warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.close();
  }
}
