import { Controller, Get, Header, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@vj/event-store';
import { probeDependency, type Metrics } from '@vj/observability';
import type { ReadModels } from '@vj/read-models';
import { Public } from '../http/api-key.guard';
import { ApiJsonResponse, ApiProblems } from '../openapi/decorators';
import { EVENT_STORE, METRICS, READ_MODELS } from '../tokens';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(METRICS) private readonly metrics: Metrics,
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
    return this.health.check([
      () =>
        probeDependency(this.indicators, 'eventStore', () => this.store.readAll({ maxCount: 1 })),
      () => probeDependency(this.indicators, 'readModels', () => this.readModels.probe()),
    ]);
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
