import type { Kysely } from 'kysely';
import type { EntitlementRow, JourneysDatabase } from './tables';

/**
 * Deadline scheduling's outbox table as this query sees it: only whether a notification of a kind
 * exists for an entitlement. The table is deadline scheduling's own (its own migrations), kept in
 * the read models' database so that "open and not yet notified" is one indexed anti-join.
 */
export type NotifiedEntitlements = {
  notifications: { victim_id: string; entitlement_id: string; kind: string };
};

/** An open deadline: the key it is paged by and the date its reminder is counted from. */
export interface OpenDeadlineRow {
  victim_id: string;
  entitlement_id: string;
  deadline_date: string;
  /** The instant the deadline ends. */
  ends: string;
}

/** The position after which the next page starts: (deadline end, victim, entitlement). */
export type OpenDeadlineKey = readonly [ends: string, victimId: string, entitlementId: string];

export interface OpenDeadlinesPage {
  /** Only entitlements without a notification of this kind in the outbox. */
  unnotified: 'breach' | 'reminder';
  status: readonly string[];
  /** Deadlines ending strictly after this instant. */
  endsAfter?: string;
  /** Deadlines ending strictly before this instant. */
  endsBefore?: string;
  /** Deadlines ending at or before this instant. */
  endsBy?: string;
  after?: OpenDeadlineKey;
  limit: number;
}

/**
 * Unfulfilled entitlements with a deadline, by the instant it ends: the read-model query behind
 * deadline scheduling's DueDeadlines port. Paged by key (not offset), so a large window is never
 * loaded at once and a page costs the same however far in.
 */
export class OpenDeadlines {
  constructor(private readonly db: Kysely<JourneysDatabase & NotifiedEntitlements>) {}

  async page(q: OpenDeadlinesPage): Promise<OpenDeadlineRow[]> {
    let query = this.db
      .selectFrom('entitlements as e')
      .select(['e.victim_id', 'e.entitlement_id', 'e.deadline_date', 'e.deadline_ends_at as ends'])
      .where('e.fulfilled_at', 'is', null)
      .where('e.deadline_ends_at', 'is not', null)
      .where('e.deadline_date', 'is not', null)
      .where('e.status', 'in', q.status)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notifications as n')
              .select('n.victim_id')
              .whereRef('n.victim_id', '=', 'e.victim_id')
              .whereRef('n.entitlement_id', '=', 'e.entitlement_id')
              .where('n.kind', '=', q.unnotified),
          ),
        ),
      );
    if (q.endsAfter !== undefined) query = query.where('e.deadline_ends_at', '>', q.endsAfter);
    if (q.endsBefore !== undefined) query = query.where('e.deadline_ends_at', '<', q.endsBefore);
    if (q.endsBy !== undefined) query = query.where('e.deadline_ends_at', '<=', q.endsBy);
    if (q.after) {
      const [ends, victimId, entitlementId] = q.after;
      // Row-value comparison: SQLite (3.15 on) and PostgreSQL both have it.
      query = query.where((eb) =>
        eb(
          eb.refTuple('e.deadline_ends_at', 'e.victim_id', 'e.entitlement_id'),
          '>',
          eb.tuple(ends, victimId, entitlementId),
        ),
      );
    }
    const rows = await query
      .orderBy('e.deadline_ends_at')
      .orderBy('e.victim_id')
      .orderBy('e.entitlement_id')
      .limit(q.limit)
      .execute();
    // Both are non-null by the filters above; the types cannot know it.
    return rows.map((r) => ({
      ...r,
      ends: r.ends as string,
      deadline_date: r.deadline_date as string,
    }));
  }

  /** One entitlement as it stands now. */
  entitlement(victimId: string, entitlementId: string): Promise<EntitlementRow | undefined> {
    return this.db
      .selectFrom('entitlements')
      .selectAll()
      .where('victim_id', '=', victimId)
      .where('entitlement_id', '=', entitlementId)
      .executeTakeFirst();
  }
}
