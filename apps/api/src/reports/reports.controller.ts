import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Caller } from '@vj/access-policy';
import { ApiJsonResponse, ApiProblems, Audited, CurrentCaller, Public } from '@vj/nest-edge';
import {
  datasetCsv,
  datasetJsonSchema,
  reportCsv,
  type ComplianceReport,
  type DatasetRow,
} from '@vj/projections';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { ComplianceReports, type ReportRequest } from './compliance-reports';
import { MAX_REPORT_MONTHS } from './report-query';

const CSV = 'text/csv; charset=utf-8';

function formatOf(raw: unknown, fallback: 'json' | 'csv'): 'json' | 'csv' {
  if (raw === undefined) return fallback;
  if (raw === 'json' || raw === 'csv') return raw;
  throw new ProblemException(
    problem(400, 'query parameter format is not valid', [
      { field: 'format', reason: 'must be json or csv' },
    ]),
  );
}

const requestOf = (caller: Caller, query: Record<string, unknown>): ReportRequest => ({
  caller,
  policeAreas: query.policeArea,
  from: query.from,
  to: query.to,
  asOf: query.asOf,
});

const PERIOD_QUERIES = [
  ApiQuery({
    name: 'from',
    required: true,
    description: 'First month, by deadline date (YYYY-MM)',
  }),
  ApiQuery({
    name: 'to',
    required: true,
    description: `Last month, by deadline date (YYYY-MM), included; at most ${MAX_REPORT_MONTHS} months from the first`,
  }),
  ApiQuery({
    name: 'asOf',
    required: false,
    description:
      'Outcomes as they stood at the end of this London date (YYYY-MM-DD); today when absent, never in the future',
  }),
  ApiQuery({
    name: 'policeArea',
    required: false,
    description:
      'A police area, or several (the parameter repeated), side by side; absent: every area the caller serves (every area, for a national analyst)',
    schema: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  }),
];

const apply =
  (...decorators: MethodDecorator[]): MethodDecorator =>
  (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };

/**
 * PCC compliance reports (counts only, suppressed under 5) for PCC compliance teams and analysts
 * in their areas and national analysts in every area. Served from the compliance counts read
 * model, as of a date: the same events and date give the same figures, after a rebuild too.
 */
@ApiTags('compliance')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ComplianceReports) {}

  @Get('compliance')
  @Audited('read-compliance-report')
  @ApiBearerAuth()
  @ApiProblems(400, 401, 403, 429)
  @ApiOperation({
    summary:
      "Victims' Code compliance of a police area (or every area) over a period, as of a date",
    description:
      "Entitlements with a deadline in the period by outcome (met, met late, breached, pending, not applicable), cut by agency, Right, rule, standard or enhanced, enhanced-rights reason, offence group and age band; working days late; a monthly trend; the five measures returned to the Ministry of Justice; victims' feedback. Counts from 1 to 4, and any from which one could be worked back, are null (`[c]` in the CSV). See docs/reports.md.",
  })
  @apply(...PERIOD_QUERIES)
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiJsonResponse(200, 'ComplianceReport', 'The report (JSON; with format=csv, text/csv)')
  @ApiProduces('application/json', 'text/csv')
  async compliance(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplianceReport | string> {
    const format = formatOf(query.format, 'json');
    const report = await this.reports.report(requestOf(caller, query));
    if (format === 'json') return report;
    res.type(CSV);
    return reportCsv(report);
  }

  @Get('compliance-dataset')
  @Audited('read-compliance-report')
  @ApiBearerAuth()
  @ApiProblems(400, 401, 403, 429)
  @ApiOperation({
    summary:
      'The standardised compliance dataset: one row per area, agency, rule and month (CSV by default)',
    description:
      'Counts per outcome of the entitlements whose deadline falls in each month, as of a date, suppressed as the report is. Its JSON Schema: GET /v1/reports/compliance-dataset/schema (docs/compliance-dataset.schema.json).',
  })
  @apply(...PERIOD_QUERIES)
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'json'] })
  @ApiResponse({
    status: 200,
    description: 'The dataset: CSV, or with format=json the rows as the schema says',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/json': {
        schema: { type: 'array', items: { $ref: '#/components/schemas/ComplianceDatasetRow' } },
      },
    },
  })
  async dataset(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DatasetRow[] | string> {
    const format = formatOf(query.format, 'csv');
    const rows = await this.reports.dataset(requestOf(caller, query));
    if (format === 'json') return rows;
    res.type(CSV);
    return datasetCsv(rows);
  }

  @Get('compliance-dataset/schema')
  @Public()
  @ApiProblems(429)
  @ApiOperation({
    summary:
      "The compliance dataset's JSON Schema (2020-12), as published in docs/compliance-dataset.schema.json",
    security: [],
  })
  @ApiResponse({
    status: 200,
    description: 'The JSON Schema',
    content: {
      'application/schema+json': { schema: { type: 'object', additionalProperties: true } },
    },
  })
  schema(@Res({ passthrough: true }) res: Response): Record<string, unknown> {
    res.type('application/schema+json');
    return datasetJsonSchema();
  }
}
