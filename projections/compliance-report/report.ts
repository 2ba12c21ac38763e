/**
 * The PCC compliance report's shape: what the API answers (JSON; CSV is the same figures flat),
 * what the PCC dashboard draws. Every count is a `Figure`: null where it is suppressed (fewer
 * than 5 and more than 0, or a count from which a suppressed one could be worked back).
 */

/** How an entitlement with a deadline in the period stands at the end of the as-of date. */
export const REPORT_OUTCOMES = [
  'met',
  'met-late',
  'breached',
  'pending',
  'not-applicable',
] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** A count, or null where suppressed. */
export type Figure = number | null;

export interface OutcomeFigures {
  /** Entitlements whose deadline falls in the period (or month), as of the as-of date. */
  total: Figure;
  counts: Record<ReportOutcome, Figure>;
  /** Each outcome's share of the total (0..1), null where its count or the total is suppressed. */
  rates: Record<ReportOutcome, number | null>;
  /** Met on time of those whose deadline has ended (met + met late + breached); null when unknown. */
  complianceRate: number | null;
}

/** The cuts a report breaks its figures down by. */
export const REPORT_DIMENSIONS = [
  'agency',
  'right',
  'rule',
  'enhanced',
  'enhanced-reason',
  'offence-group',
  'age-band',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export interface BreakdownRow {
  /** The dimension's value as stored: an agency kind, a Right number, a rule id, a reason... */
  value: string;
  /** What a person reads: "Witness Care Unit", "Right 6: to be given information about the investigation". */
  label: string;
  figures: OutcomeFigures;
}

export interface Breakdown {
  dimension: ReportDimension;
  rows: BreakdownRow[];
}

/** Working days late of the entitlements met late, where enough to publish. */
export interface Lateness {
  metLate: Figure;
  medianWorkingDaysLate: number | null;
  p90WorkingDaysLate: number | null;
}

export interface MonthFigures {
  /** YYYY-MM, by deadline date. */
  month: string;
  figures: OutcomeFigures;
}

/** One of the five measures PCCs have returned to the Ministry of Justice. */
export interface Measure {
  id: string;
  title: string;
  /** The rules it counts, so a reader can see what it means here. */
  ruleIds: string[];
  /** False where the events cannot support the measure; `note` says why and its figures are 0. */
  measured: boolean;
  note?: string;
  figures: OutcomeFigures;
}

export interface AnswerFigures {
  answer: string;
  count: Figure;
  /** Share of the responses (0..1), null where suppressed. */
  rate: number | null;
}

/** Victims' answers to feedback surveys given in the period. */
export interface FeedbackFigures {
  responses: Figure;
  overall: AnswerFigures[];
  byRight: { right: number; responses: Figure; answers: AnswerFigures[] }[];
}

export interface AreaReport {
  policeArea: string;
  figures: OutcomeFigures;
  lateness: Lateness;
  breakdowns: Breakdown[];
  /** One entry per month of the period, in order. */
  trend: MonthFigures[];
  measures: Measure[];
  feedback: FeedbackFigures;
}

export interface ComplianceReport {
  /** First and last month of the period by deadline date, YYYY-MM. */
  from: string;
  to: string;
  /** Outcomes as they stood at the end of this date (Europe/London), YYYY-MM-DD. */
  asOf: string;
  suppression: { threshold: number; rule: string };
  /** One for a police area; every area side by side for national users. */
  areas: AreaReport[];
}
