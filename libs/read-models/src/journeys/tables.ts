/** The journeys read model's tables. Times are ISO 8601 UTC strings, which sort as text. */
export interface JourneysDatabase {
  journeys: JourneysTable;
  entitlements: EntitlementsTable;
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

export type EntitlementRow = EntitlementsTable;
