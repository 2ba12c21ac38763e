import type { EntitlementRow } from '@vj/read-models';
import type { NotificationsTable } from './outbox-table';

/**
 * The durable outbox of reminders and breach notifications: deadline scheduling's record of what
 * it did (it is the reactor to the read models the projector builds). A row is
 * recorded once per entitlement and kind (its primary key is `${kind}-${victimId}-${entitlementId}`
 * and inserts are ON CONFLICT DO NOTHING), so however often a check runs, on however many workers,
 * and whatever Redis forgets, a reminder or a breach is recorded, and so sent, at most once. What
 * Redis loses is found again here: pending rows are re-queued for delivery by the scheduler.
 */

export type NotificationKind = NotificationsTable['kind'];
export type NotificationStatus = NotificationsTable['status'];
export type NotificationRow = NotificationsTable;

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

/** The outbox port: the scheduler depends on this, not on a database. */
export interface NotificationOutbox {
  /**
   * Records a reminder or a breach for an entitlement, unless one is recorded already. Resolves
   * with the notification's id when this call recorded it, undefined when it was there before.
   */
  record(kind: NotificationKind, e: EntitlementRow, now: Date): Promise<string | undefined>;
  get(id: string): Promise<NotificationRow | undefined>;
  /** Counts a delivery attempt before it is made, so a crash mid-attempt still shows. */
  countAttempt(id: string): Promise<void>;
  markDelivered(id: string, now: Date): Promise<void>;
  /** Records an attempt's error; with `final`, the notification is failed (the operator's list). */
  markError(id: string, error: string, final: boolean): Promise<void>;
  markUndeliverable(id: string, reason: string): Promise<void>;
  /** Failed (or undeliverable) back to pending; false when it is not failed or undeliverable. */
  resetForRetry(id: string): Promise<boolean>;
  /** Notifications in a status, oldest first, a page at a time. */
  list(status: NotificationStatus, limit: number, offset?: number): Promise<NotificationRow[]>;
  /** The ids of pending notifications, in pages: the outbox relay. */
  pendingIds(pageSize: number): AsyncIterable<string[]>;
}
