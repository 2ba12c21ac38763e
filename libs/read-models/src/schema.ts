/** The read-model tables, as Kysely sees them. Times are ISO 8601 UTC strings, which sort as text. */
export interface ReadModelDatabase {
  journeys: JourneysTable;
  entitlements: EntitlementsTable;
  case_index: CaseIndexTable;
  checkpoints: CheckpointsTable;
}

export interface JourneysTable {
  victim_id: string;
  police_area: string;
  /** The journey projection's state (JSON): every event of the victim's stream. */
  state: string;
  /** When time alone next changes this victim's entitlements (a pending deadline ending). */
  next_change_at: string | null;
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
