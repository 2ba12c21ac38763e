import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { isPoliceArea } from '@vj/agencies';
import {
  type ErasureResult,
  JourneyIngestion,
  MAX_EVENTS_PER_PAGE,
  type PostResult,
} from '@vj/ingestion';
import { decide, homeAreaOf, roleOf, type Caller } from '@vj/access-policy';
import { enforce } from '../http/access';
import { ReadModelsAsOfNow } from '../journeys/read-models-as-of-now';
import type { Metrics } from '@vj/observability';
import { CurrentCaller, METRICS } from '@vj/nest-edge';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { integerParam, requiredString } from '../http/query';
import { ApiJsonResponse, ApiProblems, Audited } from '@vj/nest-edge';
import { eventTypeSchemaName } from '../openapi/event-schemas';
import { ref } from '../openapi/response-schemas';

const JOURNEY_LOCATION = { Location: "The victim's journey: /v1/victims/{victimId}" };

const EVENT_EXAMPLE = {
  eventId: 'wy-arrest-000123',
  type: 'suspect-arrested',
  schemaVersion: 1,
  occurredAt: '2026-03-06T16:30:00Z',
  crimeReference: '13/123456/26',
  data: { suspectNumber: 1 },
};

@ApiTags('victims')
@ApiBearerAuth()
@ApiProblems(401, 429)
@Controller('v1/victims')
export class VictimsController {
  constructor(
    private readonly ingestion: JourneyIngestion,
    private readonly reads: ReadModelsAsOfNow,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  /** After an append: counted (the use case has the read side project it). */
  private stored(caller: Caller, result: PostResult): void {
    if (result.replayed) return;
    this.metrics.eventsIngested.inc({ agency_kind: roleOf(caller) }, result.events.length);
  }

  @Post()
  @Audited('open-journey', { refusalsOnly: true })
  @ApiOperation({
    summary: "Record a crime and open the victim's journey (police only)",
    description:
      'The body is one crime-reported event. The victim id follows from the police area, crime reference and victim number, so a retry returns the same victim.',
  })
  @ApiBody({ schema: ref(eventTypeSchemaName('crime-reported')) })
  @ApiJsonResponse(201, 'PostResult', 'The victim id and the stored event', JOURNEY_LOCATION)
  @ApiJsonResponse(
    200,
    'PostResult',
    'A retry of an earlier post: nothing new stored',
    JOURNEY_LOCATION,
  )
  @ApiProblems(400, 403, 408, 409, 413, 415, 503)
  async registerVictim(
    @CurrentCaller() caller: Caller,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PostResult> {
    const result = await this.ingestion.registerVictim(caller, body);
    this.stored(caller, result);
    res.status(result.replayed ? HttpStatus.OK : HttpStatus.CREATED);
    res.location(`/v1/victims/${result.victimId}`);
    return result;
  }

  @Get()
  @Audited('find-victim')
  @ApiOperation({
    summary:
      'Find a victim by the crime that opened their journey, or by case URN, and their victim number',
  })
  @ApiQuery({ name: 'crimeReference', required: false })
  @ApiQuery({ name: 'caseUrn', required: false, description: 'Known once the police charge' })
  @ApiQuery({
    name: 'victimNumber',
    required: true,
    schema: { type: 'integer', minimum: 1, maximum: 999 },
  })
  @ApiQuery({ name: 'policeArea', required: false, description: "Defaults to your agency's area" })
  @ApiJsonResponse(200, 'VictimFound', 'The victim id')
  @ApiProblems(400, 403, 404)
  async findVictim(
    @CurrentCaller() caller: Caller,
    @Query('crimeReference') crimeReference: unknown,
    @Query('caseUrn') caseUrn: unknown,
    @Query('victimNumber') victimNumber: unknown,
    @Query('policeArea') policeArea: unknown,
  ): Promise<{ victimId: string }> {
    // A role that may never find a victim is refused before any lookup, whichever it names.
    enforce(decide(caller, 'find-victim'));
    const number = integerParam('victimNumber', victimNumber ?? '', { min: 1, max: 999 }) as number;
    // Defaults to the caller's home area; a person serving several areas must name one.
    const area = requiredString(
      'policeArea',
      policeArea ?? homeAreaOf(caller),
      /^[a-z-]+$/,
      'must be a police area id',
    );
    if (!isPoliceArea(area)) {
      throw new ProblemException(
        problem(400, 'query parameter policeArea is not valid', [
          { field: 'policeArea', reason: 'must be a police area id' },
        ]),
      );
    }
    let victimId: string | undefined;
    if (caseUrn !== undefined && crimeReference === undefined) {
      const urn = requiredString(
        'caseUrn',
        caseUrn,
        /^[A-Z0-9]{6,20}$/,
        'must be 6 to 20 capital letters or digits',
      );
      const readModels = await this.reads.current({ policeAreas: [area] });
      const found = await readModels.caseIndex.victimByCaseUrn(area, urn, number);
      victimId = found && (await this.ingestion.isVisible(caller, found)) ? found : undefined;
    } else {
      const reference = requiredString(
        'crimeReference',
        crimeReference,
        /^[A-Za-z0-9/-]{3,40}$/,
        'must be 3 to 40 letters, digits, slashes or hyphens (or give caseUrn instead)',
      );
      victimId = await this.ingestion.findVictim(caller, {
        policeArea: area,
        crimeReference: reference,
        victimNumber: number,
      });
    }
    if (!victimId)
      throw new ProblemException(
        problem(404, 'no victim with that reference is known to your agency'),
      );
    return { victimId };
  }

  @Post(':victimId/events')
  @Audited('post-event', { refusalsOnly: true })
  @ApiOperation({
    summary: "Post one event, or an atomic batch { events: [...] }, to a victim's journey",
    description:
      'Retrying with the same event ids and content returns the first result and stores nothing; the same id with other content is a 409. expectedRevision gives optimistic concurrency.',
  })
  @ApiBody({ schema: ref('EventPost'), examples: { 'suspect-arrested': { value: EVENT_EXAMPLE } } })
  @ApiQuery({
    name: 'expectedRevision',
    required: false,
    schema: { type: 'integer', minimum: 0 },
    description: 'The stream revision you last saw',
  })
  @ApiJsonResponse(201, 'PostResult', 'Stored')
  @ApiJsonResponse(200, 'PostResult', 'A retry of an earlier post: nothing new stored')
  @ApiProblems(400, 403, 404, 408, 409, 413, 415, 503)
  async postEvents(
    @CurrentCaller() caller: Caller,
    @Param('victimId') victimId: string,
    @Query('expectedRevision') expectedRevision: unknown,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PostResult> {
    const expected = integerParam('expectedRevision', expectedRevision, {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
    });
    const result = await this.ingestion.postEvents(caller, victimId, body, expected);
    this.stored(caller, result);
    res.status(result.replayed ? HttpStatus.OK : HttpStatus.CREATED);
    return result;
  }

  @Get(':victimId/events')
  @Audited('read-stream')
  @ApiOperation({ summary: "Read a victim's journey stream, a page at a time, in revision order" })
  @ApiQuery({ name: 'fromRevision', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_EVENTS_PER_PAGE },
    description: `1 to ${MAX_EVENTS_PER_PAGE}, default 100`,
  })
  @ApiJsonResponse(200, 'EventPage', 'A page of the stream')
  @ApiProblems(400, 403, 404)
  readEvents(
    @CurrentCaller() caller: Caller,
    @Param('victimId') victimId: string,
    @Query('fromRevision') fromRevision: unknown,
    @Query('limit') limit: unknown,
  ) {
    return this.ingestion.readEvents(
      caller,
      victimId,
      integerParam('fromRevision', fromRevision, {
        min: 0,
        max: Number.MAX_SAFE_INTEGER,
        fallback: 0,
      }) as number,
      integerParam('limit', limit, { min: 1, max: MAX_EVENTS_PER_PAGE, fallback: 100 }) as number,
    );
  }

  @Post(':victimId/erasure')
  @HttpCode(HttpStatus.OK)
  // Recorded when done too: an administrator's act on a victim's record, not an event posted.
  @Audited('erase-personal-data')
  @ApiOperation({
    summary: "Erase a victim's personal data (administrators, with a reason)",
    description:
      'Destroys the victim\'s data key: every personal field of every event (the date of birth, free text) reads as "[erased]" from now on, in every read and rebuild. The events stay, and with them every entitlement, breach and count. Asking again changes nothing and answers with the first erasure.',
  })
  @ApiBody({ schema: ref('ErasureRequest') })
  @ApiJsonResponse(200, 'Erasure', 'Erased (now or by an earlier request)')
  @ApiProblems(400, 403, 404, 415)
  erasePersonalData(
    @CurrentCaller() caller: Caller,
    @Param('victimId') victimId: string,
    @Body() body: unknown,
  ): Promise<ErasureResult> {
    return this.ingestion.erasePersonalData(caller, victimId, body);
  }
}
