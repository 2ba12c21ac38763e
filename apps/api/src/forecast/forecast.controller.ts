import { Body, Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { areasOf, decide, reportAreasOf, type Caller } from '@vj/access-policy';
import type { Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import {
  ApiJsonResponse,
  ApiProblems,
  Audited,
  CLOCK,
  CurrentCaller,
  EVENT_STORE,
} from '@vj/nest-edge';
import { readForecastPeriod, replayForecast, type ForecastReport } from '@vj/read-models';
import { readDraftEdition } from '@vj/victims-code';
import { enforce } from '../http/access';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { ref } from '../openapi/response-schemas';

/**
 * The Code-impact forecast for reports: the same table as `npm run forecast`, as JSON. Answered
 * while the caller waits: on the demo data (300 journeys) it takes about a second; on a large
 * store, run the command (docs/forecast.md). Counts only, in the caller's areas.
 */
@ApiTags('compliance')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 413, 415, 429)
@Controller('v1/forecasts')
export class ForecastController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @Audited('run-forecast')
  @ApiOperation({
    summary:
      'Code-impact forecast: the stored journeys judged under the edition in force and under a draft edition, per agency and rule',
    description:
      'The body is a draft edition (docs/forecast-edition.schema.json). Counts entitlements triggered from `from` to `to` (London days), in `policeArea` or every area the caller serves. Writes nothing.',
  })
  @ApiQuery({ name: 'from', required: true, description: 'First London day (YYYY-MM-DD)' })
  @ApiQuery({ name: 'to', required: true, description: 'Last London day (YYYY-MM-DD), included' })
  @ApiQuery({
    name: 'policeArea',
    required: false,
    description: 'Defaults to every area the caller serves',
  })
  @ApiBody({ schema: ref('DraftEdition') })
  @ApiJsonResponse(200, 'Forecast', 'In force, draft and difference, per agency and rule')
  async forecast(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<ForecastReport> {
    enforce(decide(caller, 'run-forecast'));
    const read = readForecastPeriod(
      { from: query.from, to: query.to, area: query.policeArea },
      'policeArea',
    );
    if (read.problems)
      throw new ProblemException(problem(400, 'the forecast period is not valid', read.problems));
    const named = read.period.policeAreas?.[0];
    if (named !== undefined)
      enforce(decide(caller, 'run-forecast', { report: { policeArea: named } }));
    const draft = readDraftEdition(body);
    if (draft.problems)
      throw new ProblemException(
        problem(400, 'the body is not a valid draft edition', draft.problems),
      );
    const areas = areasOf(caller) === '*' ? undefined : reportAreasOf(caller);
    const period =
      named !== undefined || !areas ? read.period : { ...read.period, policeAreas: areas };
    return replayForecast(this.store, draft.edition, period, this.clock.now());
  }
}
