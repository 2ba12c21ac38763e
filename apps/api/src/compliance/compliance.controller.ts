import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { pseudonymousEntitlementOf, type Caller } from '@vj/access-policy';
import type { Clock } from '@vj/clock';
import { urgencyOf } from '@vj/projections';
import { caseloadAt } from './caseload-at';
import { ReadModelsAsOfNow } from '../journeys/read-models-as-of-now';
import { ApiJsonResponse, ApiProblems, Audited, CLOCK, CurrentCaller } from '@vj/nest-edge';
import { badQuery, BreachList, pageOf, reportScopeOf } from './breach-list';

const DUE = ['overdue', 'today', 'soon', 'open'] as const;

/**
 * Caseloads for the agencies that owe entitlements, and breaches for PCC compliance reporting.
 * An agency sees only what its own kind owes in its areas; a PCC team sees every agency in its areas,
 * each row under a pseudonymous reference in place of the victim (the counts are the same).
 */
@ApiTags('compliance')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429)
@Controller('v1')
export class ComplianceController {
  constructor(
    private readonly reads: ReadModelsAsOfNow,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly breachList: BreachList,
  ) {}

  @Get('caseload')
  @Audited('read-caseload')
  @ApiOperation({
    summary: 'What an agency owes: overdue, due today, due in the next 5 working days, or all open',
  })
  @ApiQuery({
    name: 'owedBy',
    required: false,
    description: "An agency kind; defaults to the caller's",
  })
  @ApiQuery({
    name: 'policeArea',
    required: false,
    description: 'Defaults to every area the caller serves',
  })
  @ApiQuery({ name: 'due', required: false, enum: DUE })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 500 },
  })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiJsonResponse(200, 'Caseload', 'Entitlements owed, most urgent first')
  async caseload(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>) {
    const { owedBy, policeAreas } = reportScopeOf(caller, 'read-caseload', query) as {
      owedBy: string;
      policeAreas: string[];
    };
    const due = query.due ?? 'open';
    if (typeof due !== 'string' || !(DUE as readonly string[]).includes(due))
      throw badQuery('due', `must be one of ${DUE.join(', ')}`);
    const page = pageOf(query);
    const now = this.clock.now();
    const { today, soon, total, totalCapped, entitlements } = await caseloadAt(
      await this.reads.current({ policeAreas }),
      now,
      {
        policeAreas,
        owedBy,
        due: due as (typeof DUE)[number],
        ...page,
      },
    );
    return {
      owedBy,
      policeAreas,
      due: due as (typeof DUE)[number],
      asOf: now.toISOString(),
      today,
      dueSoonUntil: soon,
      total,
      totalCapped,
      ...page,
      entitlements: entitlements.map((e) => {
        const owed = { ...e, urgency: urgencyOf(e, now) };
        const reference = this.breachList.referenceFor(caller, 'caseload', e);
        return reference ? pseudonymousEntitlementOf(owed, reference) : owed;
      }),
    };
  }

  @Get('breaches')
  @Audited('read-breaches')
  @ApiOperation({
    summary:
      'Entitlements breached or met late, for PCC compliance reporting: by area, agency, Right, rule and period',
  })
  @ApiQuery({ name: 'policeArea', required: false })
  @ApiQuery({ name: 'owedBy', required: false, description: 'An agency kind' })
  @ApiQuery({
    name: 'right',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 12 },
  })
  @ApiQuery({ name: 'ruleId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'Deadline on or after (YYYY-MM-DD)' })
  @ApiQuery({ name: 'to', required: false, description: 'Deadline on or before (YYYY-MM-DD)' })
  @ApiQuery({ name: 'enhanced', required: false, enum: ['true', 'false'] })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 500 },
  })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiJsonResponse(200, 'Breaches', 'Breaches and entitlements met late, with counts by status')
  async breaches(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>) {
    return this.breachList.asSeenBy(caller, query);
  }
}
