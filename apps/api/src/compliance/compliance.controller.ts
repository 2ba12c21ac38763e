import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  decide,
  ownKindOf,
  pseudonymousBreachOf,
  pseudonymousEntitlementOf,
  reportAreasOf,
  roleOf,
  seesPseudonyms,
  type Action,
  type Caller,
} from '@vj/access-policy';
import { isPoliceArea } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { AGENCY_KINDS, CALENDAR_DATE_RULE, calendarDateOf } from '@vj/event-schemas';
import { breachesOf, DUE_SOON_WORKING_DAYS, type Entitlement, urgencyOf } from '@vj/projections';
import type { EntitlementRow } from '@vj/read-models';
import {
  addWorkingDays,
  ENTITLEMENT_IDS,
  londonDateOf,
  RIGHTS,
  workingDaysBetween,
} from '@vj/victims-code';
import { enforce } from '../http/access';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { integerParam } from '../http/query';
import { ReadModelsAsOfNow } from '../journeys/read-models-as-of-now';
import { APP_CONFIG, CLOCK, CurrentCaller } from '@vj/nest-edge';
import type { AppConfig } from '@vj/runtime';
import { pccReferenceOf, type PccReport } from './pcc-references';
import { ApiJsonResponse, ApiProblems, Audited } from '@vj/nest-edge';

const DUE = ['overdue', 'today', 'soon', 'open'] as const;

const bad = (field: string, reason: string) =>
  new ProblemException(problem(400, `query parameter ${field} is not valid`, [{ field, reason }]));

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const { owedBy, policeAreas } = this.scope(caller, 'read-caseload', query) as {
      owedBy: string;
      policeAreas: string[];
    };
    const due = query.due ?? 'open';
    if (typeof due !== 'string' || !(DUE as readonly string[]).includes(due))
      throw bad('due', `must be one of ${DUE.join(', ')}`);
    const page = this.page(query);
    const readModels = await this.reads.current();
    const now = this.clock.now();
    const today = londonDateOf(now);
    const soon = addWorkingDays(today, DUE_SOON_WORKING_DAYS);
    const result = await readModels.caseload.caseload({
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
        const owed = { ...e, urgency: urgencyOf(e, now) };
        const reference = this.referenceFor(caller, 'caseload', e);
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
    const { owedBy, policeAreas } = this.scope(caller, 'read-breaches', query);
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
    const readModels = await this.reads.current();
    const today = londonDateOf(this.clock.now());
    const result = await readModels.breaches.breaches({
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
      breaches: breachesOf(result.breaches.map((row) => entitlementOf(row, today))).map(
        (breach) => {
          const reference = this.referenceFor(caller, 'breaches', breach);
          return reference ? pseudonymousBreachOf(breach, reference) : breach;
        },
      ),
    };
  }

  /**
   * What a report covers, as the access policy allows: a role that never reads reports is refused
   * first (403); then each parameter is checked (400) and then allowed or not (403).
   * By default an agency reads what its own kind owes, a PCC team every kind (a caseload must
   * name one), in every area the caller serves.
   */
  private scope(
    caller: Caller,
    action: Extract<Action, 'read-caseload' | 'read-breaches'>,
    query: Record<string, unknown>,
  ): { owedBy: string | undefined; policeAreas: string[] } {
    enforce(decide(caller, action));
    const rawOwedBy = query.owedBy;
    if (
      rawOwedBy !== undefined &&
      (typeof rawOwedBy !== 'string' || !(AGENCY_KINDS as readonly string[]).includes(rawOwedBy))
    ) {
      throw bad('owedBy', `must be one of ${AGENCY_KINDS.join(', ')}`);
    }
    const owedBy = rawOwedBy ?? ownKindOf(caller);
    if (action === 'read-caseload' && owedBy === undefined)
      throw bad('owedBy', 'is required for a compliance team');
    enforce(decide(caller, action, { report: { owedBy } }));
    const policeArea = query.policeArea;
    if (policeArea !== undefined && (typeof policeArea !== 'string' || !isPoliceArea(policeArea)))
      throw bad('policeArea', 'must be a police area id');
    enforce(decide(caller, action, { report: { owedBy, policeArea } }));
    return {
      owedBy,
      policeAreas: policeArea === undefined ? reportAreasOf(caller) : [policeArea],
    };
  }

  /** The reference standing for the victim, for a caller who sees pseudonyms; else undefined. */
  private referenceFor(
    caller: Caller,
    report: PccReport,
    row: { policeArea: string; victimId: string },
  ): string | undefined {
    return seesPseudonyms(roleOf(caller))
      ? pccReferenceOf(this.config.pseudonymKey, report, row.policeArea, row.victimId)
      : undefined;
  }

  private date(field: string, raw: unknown): string | undefined {
    if (raw === undefined) return undefined;
    if (calendarDateOf(raw) === undefined) throw bad(field, CALENDAR_DATE_RULE);
    return raw as string;
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
