import { type Kysely, sql } from 'kysely';
import type { EntitlementRow, JourneysDatabase } from '../journeys/tables';
import { CASELOAD_STATUSES } from './migration';

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
  /** Only this Right's entitlements (the web caseload's filter); every Right when absent. */
  right?: number;
  /** Only this rule's; every rule when absent. */
  ruleId?: string;
  /**
   * `deadline` (the default: soonest first), `deadline-desc`, or `status` (breached first, then
   * by deadline).
   */
  sort?: 'deadline' | 'deadline-desc' | 'status';
}

/**
 * Where a caseload stops counting. An area's open entitlements grow with its victims (tens of
 * thousands in a large force), and counting them all on every read made the caseload grow with
 * them; nobody pages through more than this, and the compliance report gives the exact counts.
 */
export const CASELOAD_COUNT_CAP = 1000;

export interface Caseload {
  /** How many entitlements the filter matches, counted up to `CASELOAD_COUNT_CAP`. */
  total: number;
  /** True when more than `total` match: counting stopped at the cap. */
  totalCapped: boolean;
  entitlements: EntitlementRow[];
}

/** What an agency owes, read from the entitlements table (the caseload report). */
export class CaseloadQuery {
  constructor(private readonly db: Kysely<JourneysDatabase>) {}

  async caseload(filter: CaseloadFilter): Promise<Caseload> {
    if (filter.policeAreas.length === 0) return { total: 0, totalCapped: false, entitlements: [] };
    let query = this.db
      .selectFrom('entitlements')
      .where('police_area', 'in', filter.policeAreas)
      .where('owed_by', '=', filter.owedBy)
      .where('fulfilled_at', 'is', null)
      // Literals, as in the caseload index's condition (migration 004), so SQLite uses it.
      .where(
        'status',
        'in',
        CASELOAD_STATUSES.map((status) => sql.lit(status)),
      )
      .where('deadline_ends_at', 'is not', null);
    if (filter.right !== undefined) query = query.where('right_no', '=', filter.right);
    if (filter.ruleId !== undefined) query = query.where('rule_id', '=', filter.ruleId);
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
    let ordered = query.selectAll();
    // 'breached' sorts before 'pending': what is already late first.
    if (filter.sort === 'status') ordered = ordered.orderBy('status');
    ordered = ordered.orderBy('deadline_ends_at', filter.sort === 'deadline-desc' ? 'desc' : 'asc');
    // Counts at most one past the cap: a bounded read of the caseload index, however large the area.
    const capped = query
      .select(sql.lit(1).as('one'))
      .limit(CASELOAD_COUNT_CAP + 1)
      .as('capped');
    const [count, rows] = await Promise.all([
      this.db
        .selectFrom(capped)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      ordered
        .orderBy('victim_id')
        .orderBy('entitlement_id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    const n = Number(count.n);
    return {
      total: Math.min(n, CASELOAD_COUNT_CAP),
      totalCapped: n > CASELOAD_COUNT_CAP,
      entitlements: rows,
    };
  }
}
