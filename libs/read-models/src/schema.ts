/** The read-model tables, as Kysely sees them. Times are ISO 8601 UTC strings, which sort as text. */
export interface ReadModelDatabase {
  journeys: JourneysTable;
  entitlements: EntitlementsTable;
  case_index: CaseIndexTable;
  checkpoints: CheckpointsTable;
  notifications: NotificationsTable;
  parked_events: ParkedEventsTable;
}

/** An event a projection could not apply: skipped, kept with its error for an operator to see. */
export interface ParkedEventsTable {
  projection: string;
  global_position: string;
  stream_id: string;
  event_id: string;
  event_type: string;
  error: string;
  parked_at: string;
}

export interface JourneysTable {
  victim_id: string;
  police_area: string;
  /** The journey projection's state (JSON): every event of the victim's stream. */
  state: string;
  /** When time alone next changes this victim's entitlements (a pending deadline ending). */
  next_change_at: string | null;
  /** Bumped on every write: a writer that read an older version does not overwrite a newer one. */
  version: number;
}

export interface EntitlementsTable {
  victim_id: string;
  entitlement_id: string;
  police_area: string;
  crime_reference: string;
  rule_id: string;
  right_no: number;
  edition: string;
  owed_by: string;
  enhanced: number;
  status: string;
  triggered_at: string;
  deadline_date: string | null;
  deadline_ends_at: string | null;
  fulfilled_at: string | null;
  /** Only once fixed (met late); for an open breach it grows with time and is computed when read. */
  working_days_late: number | null;
  /** The whole entitlement (JSON), as the API shows it. */
  body: string;
}

export interface CaseIndexTable {
  police_area: string;
  case_urn: string;
  victim_number: number;
  victim_id: string;
}

export interface CheckpointsTable {
  projection: string;
  /** The global position of the last event applied (decimal string). */
  position: string;
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
