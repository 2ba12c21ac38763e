import { Inject, Injectable } from '@nestjs/common';
import { decide, reportAreasOf, type Caller } from '@vj/access-policy';
import type { Clock } from '@vj/clock';
import { CLOCK } from '@vj/nest-edge';
import {
  AGENCY_RULE,
  assembleReport,
  datasetOf,
  type ComplianceReport,
  type DatasetRow,
} from '@vj/projections';
import { londonDateOf } from '@vj/victims-code';
import { enforce } from '../http/access';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { ReadModelsAsOfNow } from '../journeys/read-models-as-of-now';
import { readReportPeriod } from './report-query';

/** What a caller asks for: raw parameters, checked here (400 naming each bad one). */
export interface ReportRequest {
  caller: Caller;
  /**
   * The areas (ids; one, or several side by side); absent: every area the caller serves (every
   * area, for a national analyst).
   */
  policeAreas?: unknown;
  from?: unknown;
  to?: unknown;
  /** YYYY-MM-DD, London; absent: today. */
  asOf?: unknown;
}

/**
 * PCC compliance reports, for the API and the web dashboard alike: the access policy first
 * (403), then the parameters (400), then the counts as of the date from the read model, summed
 * in one query and assembled and suppressed by pure code. Nothing is computed per entitlement.
 */
@Injectable()
export class ComplianceReports {
  constructor(
    private readonly reads: ReadModelsAsOfNow,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(request: ReportRequest): Promise<ComplianceReport> {
    const { policeAreas, period } = this.scope(request);
    const rows = await (
      await this.reads.current({ policeAreas })
    ).complianceCounts.counts({ policeAreas, ...period });
    return assembleReport({ rows, policeAreas, ...period });
  }

  async dataset(request: ReportRequest): Promise<DatasetRow[]> {
    const { policeAreas, period } = this.scope(request);
    const rows = await (
      await this.reads.current({ policeAreas })
    ).complianceCounts.counts({ policeAreas, ...period, dimensions: [AGENCY_RULE] });
    return datasetOf({ rows, policeAreas, ...period });
  }

  private scope(request: ReportRequest) {
    const { caller } = request;
    enforce(decide(caller, 'read-compliance-report'));
    const read = readReportPeriod(request, londonDateOf(this.clock.now()));
    if (read.problems)
      throw new ProblemException(
        problem(400, 'the report parameters are not valid', read.problems),
      );
    const { policeAreas, ...period } = read.period;
    for (const policeArea of policeAreas ?? [])
      enforce(decide(caller, 'read-compliance-report', { report: { policeArea } }));
    return { policeAreas: policeAreas ?? reportAreasOf(caller), period };
  }
}
