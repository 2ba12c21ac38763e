import type { Kysely, Selectable } from 'kysely';
import type { EntitlementRow, NotificationsTable, ReadModelDatabase } from '@vj/read-models';

/**
 * The durable outbox of reminders and breach notifications, in the read-model database. A row is
 * recorded once per entitlement and kind (its primary key is `${kind}-${victimId}-${entitlementId}`
 * and inserts are ON CONFLICT DO NOTHING), so however often a check runs, on however many workers,
 * and whatever Redis forgets, a reminder or a breach is recorded, and so sent, at most once. What
 * Redis loses is found again here: pending rows are re-queued for delivery by the scheduler.
 */

export type NotificationKind = NotificationsTable['kind'];
export type NotificationStatus = NotificationsTable['status'];
export type NotificationRow = Selectable<NotificationsTable>;

/** What is posted to the owing agency's webhook: identifiers only, no personal data. */
export interface NotificationPayload {
  id: string;
  kind: NotificationKind;
  victimId: string;
  entitlementId: string;
  ruleId: string;
  policeArea: string;
  owedBy: string;
  deadlineDate: string;
}

/** The operator's view of a notification (no payload: everything in it is here already). */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  victimId: string;
  entitlementId: string;
  ruleId: string;
  policeArea: string;
  owedBy: string;
  deadlineDate: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/**
 * Entitlement ids are made of letters, digits, '.' and '-' (and victim ids are UUIDs), so ids
 * built from them are safe BullMQ job ids: a ':' would be read as part of a Redis key.
 */
export function assertJobIdSafe(...parts: string[]): void {
  for (const part of parts) {
    if (!/^[A-Za-z0-9.-]+$/.test(part)) {
      throw new Error(`not a job-id-safe identifier (letters, digits, '.', '-'): ${part}`);
    }
  }
}

export function notificationIdOf(
  kind: NotificationKind,
  victimId: string,
  entitlementId: string,
): string {
  assertJobIdSafe(victimId, entitlementId);
  return `${kind}-${victimId}-${entitlementId}`;
}

export function viewOf(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    victimId: row.victim_id,
    entitlementId: row.entitlement_id,
    ruleId: row.rule_id,
    policeArea: row.police_area,
    owedBy: row.owed_by,
    deadlineDate: row.deadline_date,
    status: row.status,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

export class NotificationOutbox {
  constructor(private readonly db: Kysely<ReadModelDatabase>) {}

  /**
   * Records a reminder or a breach for an entitlement, unless one is recorded already. Resolves
   * with the notification's id when this call recorded it, undefined when it was there before.
   */
  async record(kind: NotificationKind, e: EntitlementRow, now: Date): Promise<string | undefined> {
    if (e.deadline_date === null)
      throw new Error(`entitlement ${e.entitlement_id} has no deadline`);
    const id = notificationIdOf(kind, e.victim_id, e.entitlement_id);
    const payload: NotificationPayload = {
      id,
      kind,
      victimId: e.victim_id,
      entitlementId: e.entitlement_id,
      ruleId: e.rule_id,
      policeArea: e.police_area,
      owedBy: e.owed_by,
      deadlineDate: e.deadline_date,
    };
    const result = await this.db
      .insertInto('notifications')
      .values({
        id,
        kind,
        victim_id: e.victim_id,
        entitlement_id: e.entitlement_id,
        police_area: e.police_area,
        owed_by: e.owed_by,
        rule_id: e.rule_id,
        deadline_date: e.deadline_date,
        status: 'pending',
        attempts: 0,
        last_error: null,
        created_at: now.toISOString(),
        delivered_at: null,
        payload: JSON.stringify(payload),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n ? id : undefined;
  }

  async get(id: string): Promise<NotificationRow | undefined> {
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Counts a delivery attempt before it is made, so a crash mid-attempt still shows. */
  async countAttempt(id: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async markDelivered(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ status: 'delivered', delivered_at: now.toISOString(), last_error: null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Records an attempt's error; with `final`, the notification is failed (the operator's list). */
  async markError(id: string, error: string, final: boolean): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set(final ? { status: 'failed', last_error: error } : { last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  async markUndeliverable(id: string, reason: string): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ status: 'undeliverable', last_error: reason })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Failed (or undeliverable) back to pending; false when it is not failed or undeliverable. */
  async resetForRetry(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notifications')
      .set({ status: 'pending', attempts: 0 })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'undeliverable'])
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Notifications in a status, oldest first, a page at a time. */
  async list(status: NotificationStatus, limit: number, offset = 0): Promise<NotificationRow[]> {
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('status', '=', status)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  /** The ids of pending notifications, in pages (keyset on created_at, id): the outbox relay. */
  async *pendingIds(pageSize: number): AsyncGenerator<string[]> {
    let after: readonly [string, string] | undefined;
    for (;;) {
      let query = this.db
        .selectFrom('notifications')
        .select(['id', 'created_at'])
        .where('status', '=', 'pending');
      if (after) {
        const [createdAt, id] = after;
        query = query.where((eb) =>
          eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(createdAt, id)),
        );
      }
      const rows = await query.orderBy('created_at').orderBy('id').limit(pageSize).execute();
      const last = rows[rows.length - 1];
      if (!last) return;
      yield rows.map((r) => r.id);
      if (rows.length < pageSize) return;
      after = [last.created_at, last.id];
    }
  }
}
