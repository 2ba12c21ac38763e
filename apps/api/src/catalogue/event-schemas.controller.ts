import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { buildEventCatalogue, type EventCatalogue } from '@vj/event-schemas';
import { ApiJsonResponse, ApiProblems, Public } from '@vj/nest-edge';

@ApiTags('event schemas')
@Controller('v1/event-schemas')
export class EventSchemasController {
  private readonly catalogue = buildEventCatalogue();

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'The published catalogue: every event type and version, who may post it, its JSON Schema',
    security: [],
  })
  @ApiJsonResponse(200, 'EventCatalogue', 'The catalogue')
  @ApiProblems(429, 431)
  getCatalogue(): EventCatalogue {
    return this.catalogue;
  }
}
