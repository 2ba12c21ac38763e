import { Controller, Get, Inject, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { decide, reportAreasOf, type Action, type PersonCaller } from '@vj/access-policy';
import type { Clock } from '@vj/clock';
import { CLOCK, Public } from '@vj/nest-edge';
import { reportCsv, type ComplianceReport } from '@vj/projections';
import { londonDateOf } from '@vj/victims-code';
import { BreachList } from '../../compliance/breach-list';
import { ProblemException } from '../../http/problem-details.filter';
import { ComplianceReports } from '../../reports/compliance-reports';
import { PageAudit } from '../page-audit';
import { PageErrorsFilter, PageRefused } from '../page-errors.filter';
import { BadPageQuery, oneOf } from '../page-query';
import { renderPage } from '../render';
import { SessionCaller, SignedInGuard } from '../session-caller';
import { breachListViewOf } from './breach-list-view';
import { dashboardErrorViewOf, dashboardViewOf, type FieldError } from './dashboard-view';

const CSV_PATH = '/dashboard/compliance.csv';
const BREACHES_PAGE_SIZE = '50';

/** The filter form's fields, as the error summary names them. */
const FIELD_LABELS: Record<FieldError['field'], string> = {
  from: 'From month',
  to: 'To month',
  asOf: 'As at date',
  policeArea: 'Police area',
};
const isFilterField = (field: string): field is FieldError['field'] => field in FIELD_LABELS;

/** The month `months` before a YYYY-MM month. */
function monthsBefore(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const text = (raw: unknown): string | undefined => (typeof raw === 'string' ? raw : undefined);

/**
 * The PCC dashboard (see docs/dashboard.md): the compliance report for the signed-in PCC analyst
 * or national analyst, its drill-down to the breaches behind a figure (pseudonymous references
 * only) and its CSV. Each goes through the same use case, access decision and parameter checks as
 * the API (`/v1/reports/compliance`, `/v1/breaches`), and each read or refusal is audited.
 */
@ApiExcludeController()
@UseGuards(SignedInGuard)
@UseFilters(PageErrorsFilter)
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly reports: ComplianceReports,
    private readonly breachList: BreachList,
    private readonly audit: PageAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'policeArea', required: false })
  async dashboard(
    @SessionCaller() caller: PersonCaller,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const areaChoices = reportAreasOf(caller);
    const filters = this.filtersOf(query);
    let report: ComplianceReport;
    try {
      report = await this.report(caller, filters);
    } catch (error) {
      const problems = await this.refusal(
        caller,
        'read-compliance-report',
        'GET /dashboard',
        error,
      );
      const typed = {
        from: text(query.from),
        to: text(query.to),
        asOf: text(query.asOf),
        policeArea: text(query.policeArea),
      };
      res.status(400);
      renderPage(res, 'dashboard/dashboard.njk', {
        dashboard: dashboardErrorViewOf(
          typed,
          problems.map((p) => ({ field: p.field, text: `${FIELD_LABELS[p.field]} ${p.reason}` })),
          { areaChoices },
        ),
      });
      return;
    }
    await this.audit.record(caller, 'read-compliance-report', 'GET /dashboard', { status: 200 });
    renderPage(res, 'dashboard/dashboard.njk', {
      dashboard: dashboardViewOf(report, {
        ...(typeof filters.policeArea === 'string' && filters.policeArea !== ''
          ? { policeArea: filters.policeArea }
          : {}),
        areaChoices,
        csvPath: CSV_PATH,
        drillDown: decide(caller, 'read-breaches').allowed,
      }),
    });
  }

  @Get('compliance.csv')
  @Public()
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'policeArea', required: false })
  @ApiQuery({ name: 'format', required: false })
  async csv(
    @SessionCaller() caller: PersonCaller,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    oneOf('format', query.format, ['csv'], 'csv');
    const page = 'GET /dashboard/compliance.csv';
    let report: ComplianceReport;
    try {
      // The CSV holds exactly the areas asked for, as the API's does.
      report = await this.reports.report({
        caller,
        policeAreas: query.policeArea,
        ...this.periodOf(query),
      });
    } catch (error) {
      const [first] = await this.refusal(caller, 'read-compliance-report', page, error);
      throw new BadPageQuery(first?.field ?? 'query', first?.reason ?? 'is not valid');
    }
    await this.audit.record(caller, 'read-compliance-report', page, { status: 200 });
    const areas = report.areas.length === 1 ? `${report.areas[0]?.policeArea}-` : '';
    res
      .type('text/csv; charset=utf-8')
      .attachment(`victims-code-compliance-${areas}${report.from}-to-${report.to}.csv`)
      .send(reportCsv(report));
  }

  @Get('breaches')
  @Public()
  @ApiQuery({ name: 'policeArea', required: false })
  @ApiQuery({ name: 'owedBy', required: false })
  @ApiQuery({ name: 'right', required: false })
  @ApiQuery({ name: 'ruleId', required: false })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'enhanced', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async breaches(
    @SessionCaller() caller: PersonCaller,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const page = 'GET /dashboard/breaches';
    let answer;
    try {
      answer = await this.breachList.pseudonymous(caller, {
        limit: BREACHES_PAGE_SIZE,
        ...query,
      });
    } catch (error) {
      const [first] = await this.refusal(caller, 'read-breaches', page, error);
      throw new BadPageQuery(first?.field ?? 'query', first?.reason ?? 'is not valid');
    }
    await this.audit.record(caller, 'read-breaches', page, { status: 200 });
    renderPage(res, 'dashboard/breaches.njk', {
      breachList: breachListViewOf(answer, {
        filters: {
          policeArea: text(query.policeArea),
          right: text(query.right),
          owedBy: text(query.owedBy),
          ruleId: text(query.ruleId),
          from: text(query.from),
          to: text(query.to),
        },
      }),
    });
  }

  /** The filters with their defaults: the last 12 months to this month, as of today. */
  private filtersOf(query: Record<string, unknown>) {
    return { policeArea: query.policeArea, ...this.periodOf(query) };
  }

  private periodOf(query: Record<string, unknown>) {
    const thisMonth = londonDateOf(this.clock.now()).slice(0, 7);
    const given = (raw: unknown) => (raw === undefined || raw === '' ? undefined : raw);
    return {
      from: given(query.from) ?? monthsBefore(thisMonth, 11),
      to: given(query.to) ?? thisMonth,
      asOf: given(query.asOf),
    };
  }

  /**
   * Every area the caller may see, so a national analyst's page compares them all; an area
   * chosen in the filter is named as well, so the report's own checks refuse one that is not a
   * police area (400) or not the caller's (403).
   */
  private report(
    caller: PersonCaller,
    filters: ReturnType<DashboardController['filtersOf']>,
  ): Promise<ComplianceReport> {
    const { policeArea, ...period } = filters;
    const chosen = policeArea === undefined || policeArea === '' ? undefined : policeArea;
    return this.reports.report({
      caller,
      ...(chosen === undefined
        ? {}
        : {
            policeAreas:
              typeof chosen === 'string'
                ? [...new Set([chosen, ...reportAreasOf(caller)])]
                : chosen,
          }),
      ...period,
    });
  }

  /**
   * A refusal from the use case as a page: 403 (recorded in the audit trail) becomes the
   * forbidden page; a 400's fields are returned for the page to name; anything else goes on.
   */
  private async refusal(
    caller: PersonCaller,
    action: Action,
    page: string,
    error: unknown,
  ): Promise<{ field: FieldError['field']; reason: string }[]> {
    if (!(error instanceof ProblemException)) throw error;
    const { status, detail, errors = [] } = error.problem;
    if (status === 403 || status === 404) {
      await this.audit.record(caller, action, page, { status: 403, reason: detail });
      throw new PageRefused(403, detail);
    }
    if (status !== 400) throw error;
    const named = errors.filter((e) => isFilterField(e.field));
    if (named.length < errors.length || named.length === 0) {
      const other = errors.find((e) => !isFilterField(e.field));
      throw new BadPageQuery(other?.field ?? 'query', other?.reason ?? detail);
    }
    return named.map((e) => ({ field: e.field as FieldError['field'], reason: e.reason }));
  }
}
