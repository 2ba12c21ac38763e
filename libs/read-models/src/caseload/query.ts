import type { Kysely } from 'kysely';
import type { EntitlementRow, JourneysDatabase } from '../journeys/tables';

export interface CaseloadFilter {
  policeAreas: readonly string[];
  owedBy: string;
  /** Which unmet entitlements: overdue, due today (or before), due by `soon`, or all open. */
  due: 'overdue' | 'today' | 'soon' | 'open';
  now: string;
  today: string;
  soon: string;
  limit: number;
  offset: number;
}

/** What an agency owes, read from the entitlements table (the caseload report). */
export class CaseloadQuery {
  constructor(private readonly db: Kysely<JourneysDatabase>) {}

  async caseload(
    filter: CaseloadFilter,
  ): Promise<{ total: number; entitlements: EntitlementRow[] }> {
    if (filter.policeAreas.length === 0) return { total: 0, entitlements: [] };
    let query = this.db
      .selectFrom('entitlements')
      .where('police_area', 'in', filter.policeAreas)
      .where('owed_by', '=', filter.owedBy)
      .where('fulfilled_at', 'is', null)
      .where('status', 'in', ['pending', 'breached'])
      .where('deadline_ends_at', 'is not', null);
    // Judged against `now` here, not by the stored status, so a deadline that has just ended shows at once.
    if (filter.due === 'overdue') query = query.where('deadline_ends_at', '<=', filter.now);
    if (filter.due === 'today')
      query = query
        .where('deadline_ends_at', '>', filter.now)
        .where('deadline_date', '<=', filter.today);
    if (filter.due === 'soon')
      query = query
        .where('deadline_ends_at', '>', filter.now)
        .where('deadline_date', '<=', filter.soon);
    const [count, rows] = await Promise.all([
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      query
        .selectAll()
        .orderBy('deadline_ends_at')
        .orderBy('victim_id')
        .orderBy('entitlement_id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    return { total: Number(count.n), entitlements: rows };
  }
}
