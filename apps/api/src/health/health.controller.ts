import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@vj/event-store';
import { Public } from '../http/api-key.guard';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { EVENT_STORE } from '../tokens';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Up when the event store answers' })
  async health(): Promise<{ status: 'up'; eventStore: 'up' }> {
    try {
      await this.store.readAll({ maxCount: 1 });
    } catch {
      throw new ProblemException(
        problem(503, 'the event store does not answer', undefined, { eventStore: 'down' }),
      );
    }
    return { status: 'up', eventStore: 'up' };
  }
}
