import type { Kysely, Migration } from 'kysely';

/** Deadline scheduling's own table, in the read models' database. */
export interface OutboxDatabase {
  notifications: NotificationsTable;
}

/**
 * The outbox of deadline reminders and breach notifications to the owing agency. One row per
 * entitlement and kind (`id` = `${kind}-${victimId}-${entitlementId}`), so each is recorded at most
 * once. No personal data: identifiers, the rule and the deadline only.
 */
export interface NotificationsTable {
  id: string;
  kind: 'reminder' | 'breach';
  victim_id: string;
  entitlement_id: string;
  police_area: string;
  owed_by: string;
  rule_id: string;
  deadline_date: string;
  /** `undeliverable`: no webhook is configured for the owing agency. */
  status: 'pending' | 'delivered' | 'failed' | 'undeliverable';
  /** Delivery attempts made so far. */
  attempts: number;
  /** The last delivery error (a status code or a network error's message; never a body). */
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  /** The JSON body posted to the webhook, fixed when the notification is recorded. */
  payload: string;
}

/**
 * The outbox's migrations, recorded in its own migration table. Not a projection: it records what
 * was sent, so a rebuild of the read models leaves it alone. Its primary key is what makes each
 * reminder and breach recorded (and so sent) at most once, whatever happens to the queue in Redis.
 * The first one creates only what is absent: databases migrated before the outbox had its own
 * migrations got the same table and indexes from the read models' '2026-11-23-002-notifications'.
 */
export const OUTBOX_MIGRATIONS: Record<string, Migration> = {
  '2026-12-03-001-notification-outbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('notifications')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('victim_id', 'text', (c) => c.notNull())
        .addColumn('entitlement_id', 'text', (c) => c.notNull())
        .addColumn('police_area', 'text', (c) => c.notNull())
        .addColumn('owed_by', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('deadline_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
      // "Has this entitlement had its reminder / breach recorded yet?", asked for every candidate.
      await db.schema
        .createIndex('notifications_entitlement')
        .ifNotExists()
        .on('notifications')
        .columns(['victim_id', 'entitlement_id', 'kind'])
        .execute();
      // The outbox relay (pending) and the operator's list (failed).
      await db.schema
        .createIndex('notifications_status')
        .ifNotExists()
        .on('notifications')
        .columns(['status', 'created_at'])
        .execute();
    },
  },
};
