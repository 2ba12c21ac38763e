import { Controller, Get, Header, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import type { EventStore } from '@vj/event-store';
import { probeDependency, type Metrics } from '@vj/observability';
import type { ReadModels } from '@vj/read-models';
import { EVENT_STORE, METRICS, READ_MODELS, REDIS } from './tokens';

/** The worker's operations surface: readiness of each dependency, and metrics. */
@Controller()
export class WorkerController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  @Get('health')
  @HealthCheck()
  ready() {
    return this.health.check([
      () =>
        probeDependency(this.indicators, 'eventStore', () => this.store.readAll({ maxCount: 1 })),
      () => probeDependency(this.indicators, 'readModels', () => this.readModels.probe()),
      () => probeDependency(this.indicators, 'redis', () => this.redis.ping()),
    ]);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
