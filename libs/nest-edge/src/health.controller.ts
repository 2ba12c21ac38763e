import { Controller, Get, Header, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { EventStore } from '@vj/event-store';
import { probeDependency, type Metrics } from '@vj/observability';
import type { ReadModels } from '@vj/read-models';
import { ApiJsonResponse, ApiProblems } from './openapi-decorators';
import { Public } from './public-route';
import { EVENT_STORE, EXTRA_HEALTH_CHECKS, METRICS, READ_MODELS } from './tokens';

/** A dependency `/health` asks: up when `answer` resolves. */
export interface HealthCheckOf {
  name: string;
  answer: () => Promise<unknown>;
}

/** Both apps' operations surface: readiness of each dependency (503 when one is down), and metrics. */
@ApiTags('operations')
// Not rate-limited: load balancers and Prometheus ask often from few addresses, and neither
// answer carries anything about a victim (docs/security/protect.md).
@SkipThrottle()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Optional()
    @Inject(EXTRA_HEALTH_CHECKS)
    private readonly extraChecks: HealthCheckOf[] = [],
  ) {}

  @Get('health')
  @Public()
  // Its 503 leaves as problem details (ProblemDetailsFilter), which the responses below declare.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Ready when the event store and the read models answer (503 otherwise)',
    security: [],
  })
  @ApiJsonResponse(200, 'Health', 'Every dependency answered')
  @ApiProblems(431, 503)
  ready() {
    const checks: HealthCheckOf[] = [
      { name: 'eventStore', answer: () => this.store.readAll({ maxCount: 1 }) },
      { name: 'readModels', answer: () => this.readModels.probe() },
      ...this.extraChecks,
    ];
    return this.health.check(
      checks.map(
        ({ name, answer }) =>
          () =>
            probeDependency(this.indicators, name, answer),
      ),
    );
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({
    summary: 'Prometheus metrics (counts by kind; nothing about any victim)',
    security: [],
  })
  @ApiProduces('text/plain')
  @ApiResponse({
    status: 200,
    description: 'The Prometheus text format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiProblems(431)
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
