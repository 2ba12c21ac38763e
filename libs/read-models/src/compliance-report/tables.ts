/**
 * The compliance report's read model: counts of entitlements by police area, deadline month, cut
 * and outcome, each from a London date (see `contributionsOf` in projections/compliance-report),
 * and what each victim contributed last, so a rewrite of the victim takes back the old and adds
 * the new.
 */
export interface ComplianceReportDatabase {
  compliance_counts: ComplianceCountsTable;
  compliance_contributions: ComplianceContributionsTable;
}

export interface ComplianceCountsTable {
  police_area: string;
  /** YYYY-MM of the deadline's London date (a feedback response: of its own date). */
  month: string;
  dimension: string;
  value: string;
  outcome: string;
  /** YYYY-MM-DD: the count holds from this London date on. */
  from_date: string;
  /** Met late in the 'all' cut: working days late; 0 otherwise, so it can be in the key. */
  working_days_late: number;
  /** The sum of every victim's +1 and -1 under this key; never 0 (such rows are deleted). */
  count: number;
}

/** The columns that key a count (its primary key, migration 003): every column but the count. */
export const COMPLIANCE_COUNT_KEY = [
  'police_area',
  'month',
  'dimension',
  'value',
  'outcome',
  'working_days_late',
  'from_date',
] as const satisfies readonly (keyof ComplianceCountsTable)[];

export interface ComplianceContributionsTable {
  victim_id: string;
  /** The victim's contributions (JSON): `[key, count]` pairs in key order (see contributionKey). */
  contributions: string;
}
