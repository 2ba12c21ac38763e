import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import type { Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import type { AuditLog } from '@vj/audit';
import {
  AuthenticationGuard,
  DeclaredQueryOnly,
  AUDIT_LOG,
  auditProviders,
  EXTRA_HEALTH_CHECKS,
  HealthController,
  portProviders,
  rateLimitProviders,
  type HealthCheckOf,
} from '@vj/nest-edge';
import type { Metrics } from '@vj/observability';
import { JOURNEY_PROJECTION, JourneyProjector, type ReadModels } from '@vj/read-models';
import { openDeadlinePorts, type AppConfig } from '@vj/runtime';
import { AuditedRefusalsFilter } from './audited-refusals.filter';
import { ProjectorRunner } from './projector-runner';
import { DeadlineScheduling } from './deadline-scheduling';
import { OperationsController } from './operations.controller';
import { DEADLINE_PORTS, REDIS } from './tokens';
import { CLOCK, EVENT_STORE, JOURNEY_PROJECTOR, METRICS, READ_MODELS } from '@vj/nest-edge';

export interface WorkerOverrides {
  clock?: Clock;
}

/** The production worker: projector, deadline timers and notifications, each behind its port. */
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  static forRoot(config: AppConfig, overrides: WorkerOverrides = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [TerminusModule],
      controllers: [HealthController, OperationsController],
      providers: [
        ...portProviders('worker', config, overrides),
        { provide: APP_INTERCEPTOR, useClass: DeclaredQueryOnly },
        // Authentication (the same guard as the API's), then the credential's rate limit.
        ...rateLimitProviders(config, AuthenticationGuard),
        {
          provide: DEADLINE_PORTS,
          inject: [READ_MODELS],
          useFactory: (readModels: ReadModels) => openDeadlinePorts(readModels),
        },
        {
          provide: REDIS,
          // BullMQ needs maxRetriesPerRequest null on the connections its workers use.
          useFactory: () => new Redis(config.redisUrl, { maxRetriesPerRequest: null }),
        },
        {
          provide: EXTRA_HEALTH_CHECKS,
          inject: [REDIS],
          useFactory: (redis: Redis): HealthCheckOf[] => [
            { name: 'redis', answer: () => redis.ping() },
          ],
        },
        {
          provide: JOURNEY_PROJECTOR,
          inject: [EVENT_STORE, READ_MODELS, CLOCK, METRICS],
          useFactory: (
            store: EventStore,
            readModels: ReadModels,
            clock: Clock,
            metrics: Metrics,
          ) => {
            const label = { projection: JOURNEY_PROJECTION };
            return new JourneyProjector(store, readModels, clock, 500, {
              applied: (n, last) => {
                metrics.eventsProjected.inc(label, n);
                metrics.projectionPosition.set(label, Number(last.globalPosition));
                const recordedAt = Date.parse(last.metadata.recordedAt as string);
                if (!Number.isNaN(recordedAt)) {
                  metrics.projectionLagSeconds.set(
                    label,
                    Math.max(0, (clock.now().getTime() - recordedAt) / 1000),
                  );
                }
              },
              parked: () => metrics.eventsParked.inc(label),
              caughtUp: () => metrics.projectionLagSeconds.set(label, 0),
            });
          },
        },
        ProjectorRunner,
        DeadlineScheduling,
        ...auditProviders(),
        { provide: APP_FILTER, useClass: AuditedRefusalsFilter },
      ],
    };
  }

  /** Connections close after every other part has stopped (Nest calls module hooks last for the root). */
  async onApplicationShutdown(): Promise<void> {
    await this.readModels.close();
    await this.store.close();
    await this.audit.close();
    this.redis.disconnect();
  }
}
