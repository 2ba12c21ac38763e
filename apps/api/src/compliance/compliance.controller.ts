import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Agency, isPoliceArea, POLICE_AREAS, servesArea } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { AGENCY_KINDS } from '@vj/event-schemas';
import { breachesOf, DUE_SOON_WORKING_DAYS, type Entitlement, urgencyOf } from '@vj/projections';
import type { EntitlementRow, ReadModels } from '@vj/read-models';
import {
  addWorkingDays,
  ENTITLEMENT_IDS,
  londonDateOf,
  RIGHTS,
  workingDaysBetween,
} from '@vj/victims-code';
import { CurrentAgency } from '../http/api-key.guard';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { integerParam } from '../http/query';
import { EmbeddedProjections } from '../journeys/embedded-projections';
import { ApiJsonResponse, ApiProblems } from '../openapi/decorators';
import { CLOCK, READ_MODELS } from '../tokens';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DUE = ['overdue', 'today', 'soon', 'open'] as const;

const bad = (field: string, reason: string) =>
  new ProblemException(problem(400, `query parameter ${field} is not valid`, [{ field, reason }]));

/**
 * Caseloads for the agencies that owe entitlements, and breaches for PCC compliance reporting.
 * An agency sees only what its own kind owes in its areas; a PCC team sees every agency in its areas.
 */
@ApiTags('compliance')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1')
export class ComplianceController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: EmbeddedProjections,
  ) {}

  @Get('caseload')
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
  async caseload(@CurrentAgency() agency: Agency, @Query() query: Record<string, unknown>) {
    const owedBy = this.owedByFor(agency, query.owedBy, true) as string;
    const policeAreas = this.areasFor(agency, query.policeArea);
    const due = query.due ?? 'open';
    if (typeof due !== 'string' || !(DUE as readonly string[]).includes(due))
      throw bad('due', `must be one of ${DUE.join(', ')}`);
    const page = this.page(query);
    await this.projections.fresh();
    const now = this.clock.now();
    const today = londonDateOf(now);
    const soon = addWorkingDays(today, DUE_SOON_WORKING_DAYS);
    const result = await this.readModels.caseload({
      policeAreas,
      owedBy,
      due: due as (typeof DUE)[number],
      now: now.toISOString(),
      today,
      soon,
      ...page,
    });
    return {
      owedBy,
      policeAreas,
      due: due as (typeof DUE)[number],
      asOf: now.toISOString(),
      today,
      dueSoonUntil: soon,
      total: result.total,
      ...page,
      entitlements: result.entitlements.map((row) => {
        const e = entitlementOf(row, today);
        return { ...e, urgency: urgencyOf(e, now) };
      }),
    };
  }

  @Get('breaches')
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
  async breaches(@CurrentAgency() agency: Agency, @Query() query: Record<string, unknown>) {
    const owedBy = this.owedByFor(agency, query.owedBy, false);
    const policeAreas = this.areasFor(agency, query.policeArea);
    const right = integerParam('right', query.right, { min: 1, max: Object.keys(RIGHTS).length });
    const ruleId = query.ruleId;
    if (ruleId !== undefined && (typeof ruleId !== 'string' || !ENTITLEMENT_IDS.has(ruleId))) {
      throw bad('ruleId', "must be the id of a Victims' Code rule (see README)");
    }
    const from = this.date('from', query.from);
    const to = this.date('to', query.to);
    if (from && to && from > to) throw bad('to', 'must not be before from');
    const enhanced = query.enhanced;
    if (enhanced !== undefined && enhanced !== 'true' && enhanced !== 'false')
      throw bad('enhanced', 'must be true or false');
    const page = this.page(query);
    await this.projections.fresh();
    const today = londonDateOf(this.clock.now());
    const result = await this.readModels.breaches({
      policeAreas,
      ...(owedBy ? { owedBy } : {}),
      ...(right !== undefined ? { right } : {}),
      ...(typeof ruleId === 'string' ? { ruleId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(enhanced !== undefined ? { enhanced: enhanced === 'true' } : {}),
      ...page,
    });
    return {
      policeAreas,
      owedBy: owedBy ?? null,
      total: result.total,
      byStatus: result.byStatus,
      ...page,
      breaches: breachesOf(result.breaches.map((row) => entitlementOf(row, today))),
    };
  }

  /** Agencies see what their own kind owes; PCC teams name any kind, or (for breaches) all. */
  private owedByFor(agency: Agency, raw: unknown, required: boolean): string | undefined {
    if (agency.kind === 'operator') {
      throw new ProblemException(
        problem(403, 'operators see notifications and parked events on the worker, not reports'),
      );
    }
    if (
      raw !== undefined &&
      (typeof raw !== 'string' || !(AGENCY_KINDS as readonly string[]).includes(raw))
    ) {
      throw bad('owedBy', `must be one of ${AGENCY_KINDS.join(', ')}`);
    }
    if (agency.kind === 'pcc') {
      if (required && raw === undefined) throw bad('owedBy', 'is required for a compliance team');
      return raw;
    }
    if (raw !== undefined && raw !== agency.kind) {
      throw new ProblemException(
        problem(403, `a ${agency.kind} agency sees only what its own kind owes`, [
          { field: 'owedBy', reason: `must be ${agency.kind}` },
        ]),
      );
    }
    return agency.kind;
  }

  private areasFor(agency: Agency, raw: unknown): string[] {
    if (raw === undefined) return agency.areas === '*' ? [...POLICE_AREAS] : [...agency.areas];
    if (typeof raw !== 'string' || !isPoliceArea(raw))
      throw bad('policeArea', 'must be a police area id');
    if (!servesArea(agency, raw)) {
      throw new ProblemException(
        problem(403, `your agency does not serve ${raw}`, [
          { field: 'policeArea', reason: 'is not one of your areas' },
        ]),
      );
    }
    return [raw];
  }

  private date(field: string, raw: unknown): string | undefined {
    if (raw === undefined) return undefined;
    if (
      typeof raw !== 'string' ||
      !DATE.test(raw) ||
      Number.isNaN(Date.parse(`${raw}T00:00:00Z`))
    ) {
      throw bad(field, 'must be a date, YYYY-MM-DD');
    }
    return raw;
  }

  private page(query: Record<string, unknown>): { limit: number; offset: number } {
    return {
      limit: integerParam('limit', query.limit, { min: 1, max: 500, fallback: 100 }) as number,
      offset: integerParam('offset', query.offset, {
        min: 0,
        max: 10_000_000,
        fallback: 0,
      }) as number,
    };
  }
}

/** The stored entitlement, with an open breach's lateness counted to today. */
function entitlementOf(row: EntitlementRow, today: string): Entitlement {
  const e = JSON.parse(row.body) as Entitlement;
  if (e.status === 'breached' && e.deadline)
    e.workingDaysLate = workingDaysBetween(e.deadline.localDate, today);
  return e;
}
