import type { Kysely } from 'kysely';
import type { EntitlementRow, ReadModelTenant } from '@vj/read-models';
import {
  type NotificationKind,
  type NotificationOutbox,
  type NotificationPayload,
  type NotificationRow,
  type NotificationStatus,
  notificationIdOf,
} from './notification-outbox';
import { OUTBOX_MIGRATIONS, type OutboxDatabase } from './outbox-table';

/**
 * The outbox as a tenant of the read models' database: its own table and migrations (recorded in
 * `notification_outbox_migration`, apart from the read models'), so the open-deadlines query can
 * leave out what is already notified in one anti-join. The composition root opens it:
 * `readModels.host(NOTIFICATION_OUTBOX_TENANT)`.
 */
export const NOTIFICATION_OUTBOX_TENANT: ReadModelTenant<OutboxDatabase, NotificationOutbox> = {
  name: 'notification-outbox',
  migrationTable: 'notification_outbox_migration',
  migrations: OUTBOX_MIGRATIONS,
  open: (db) => new KyselyNotificationOutbox(db),
};

/** The outbox on Kysely, in the read models' database (SQLite or PostgreSQL), as its tenant. */
export class KyselyNotificationOutbox implements NotificationOutbox {
  constructor(private readonly db: Kysely<OutboxDatabase>) {}

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
