import type { Kysely } from 'kysely';
import type { EntitlementRow, JourneysDatabase } from '../journeys/tables';

export interface BreachFilter {
  policeAreas: readonly string[];
  owedBy?: string;
  right?: number;
  ruleId?: string;
  /** Deadline dates from and to (inclusive, London dates). */
  from?: string;
  to?: string;
  enhanced?: boolean;
  limit: number;
  offset: number;
}

/** Entitlements breached or met late, read from the entitlements table (the breach report). */
export class BreachesQuery {
  constructor(private readonly db: Kysely<JourneysDatabase>) {}

  async breaches(
    filter: BreachFilter,
  ): Promise<{ total: number; byStatus: Record<string, number>; breaches: EntitlementRow[] }> {
    if (filter.policeAreas.length === 0) return { total: 0, byStatus: {}, breaches: [] };
    let query = this.db
      .selectFrom('entitlements')
      .where('status', 'in', ['breached', 'met-late'])
      .where('police_area', 'in', filter.policeAreas);
    if (filter.owedBy) query = query.where('owed_by', '=', filter.owedBy);
    if (filter.right !== undefined) query = query.where('right_no', '=', filter.right);
    if (filter.ruleId) query = query.where('rule_id', '=', filter.ruleId);
    if (filter.from) query = query.where('deadline_date', '>=', filter.from);
    if (filter.to) query = query.where('deadline_date', '<=', filter.to);
    if (filter.enhanced !== undefined)
      query = query.where('enhanced', '=', filter.enhanced ? 1 : 0);
    const [counts, rows] = await Promise.all([
      query
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute(),
      query
        .selectAll()
        .orderBy('deadline_date')
        .orderBy('victim_id')
        .orderBy('entitlement_id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    const total = counts.reduce((sum, c) => sum + Number(c.n), 0);
    return { total, byStatus, breaches: rows };
  }
}
