import { type Kysely, sql } from 'kysely';
import type { CountRow } from '@vj/projections';
import type { ComplianceReportDatabase } from './tables';

/** The compliance counts as they stood at the end of a London date. */
export class ComplianceCountsQuery {
  constructor(private readonly db: Kysely<ComplianceReportDatabase>) {}

  /**
   * Every count of these areas whose deadline month is in from..to (YYYY-MM), summed over the
   * steps from `asOf` (YYYY-MM-DD) or before: one pass over the report index.
   */
  async counts(params: {
    policeAreas: readonly string[];
    from: string;
    to: string;
    asOf: string;
    /** Only these dimensions (the dataset reads one); every one when absent. */
    dimensions?: readonly string[];
  }): Promise<CountRow[]> {
    if (params.policeAreas.length === 0) return [];
    let query = this.db
      .selectFrom('compliance_counts')
      .select([
        'police_area',
        'month',
        'dimension',
        'value',
        'outcome',
        'working_days_late',
        sql<number | string>`sum(count)`.as('total'),
      ])
      .where('police_area', 'in', params.policeAreas)
      .where('month', '>=', params.from)
      .where('month', '<=', params.to)
      .where('from_date', '<=', params.asOf);
    if (params.dimensions) query = query.where('dimension', 'in', params.dimensions);
    const rows = await query
      .groupBy(['police_area', 'month', 'dimension', 'value', 'outcome', 'working_days_late'])
      .execute();
    return rows
      .map((r) => ({
        policeArea: r.police_area,
        month: r.month,
        dimension: r.dimension,
        value: r.value,
        outcome: r.outcome,
        workingDaysLate: Number(r.working_days_late),
        count: Number(r.total),
      }))
      .filter((r) => r.count !== 0);
  }
}
