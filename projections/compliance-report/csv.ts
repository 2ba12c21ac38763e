import type { Figure } from './report';
import { DATASET_COLUMNS, type DatasetRow } from './dataset';
import type { ComplianceReport, OutcomeFigures } from './report';

/** How a suppressed count is written in every CSV export (the ONS convention: confidential). */
export const SUPPRESSED_IN_CSV = '[c]';

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const figure = (f: Figure): string => (f === null ? SUPPRESSED_IN_CSV : String(f));
const rate = (r: number | null): string => (r === null ? '' : r.toFixed(4));
const line = (values: string[]) => values.join(',');

export const REPORT_CSV_HEADER = [
  'policeArea',
  'from',
  'to',
  'asOf',
  'dimension',
  'value',
  'label',
  'total',
  'met',
  'metLate',
  'breached',
  'pending',
  'notApplicable',
  'metRate',
  'metLateRate',
  'breachedRate',
  'pendingRate',
  'notApplicableRate',
  'complianceRate',
];

/**
 * The report as CSV: one row per area and cut ('all'; each breakdown's values; 'month' for the
 * trend; 'measure' for the five measures; 'feedback-overall' and 'feedback-right-N' for the
 * answers, their count in `total`). Suppressed counts are `[c]`; a rate that cannot be given is
 * empty.
 */
export function reportCsv(report: ComplianceReport): string {
  const rows: string[] = [line(REPORT_CSV_HEADER)];
  for (const area of report.areas) {
    const head = [area.policeArea, report.from, report.to, report.asOf].map(field);
    const outcomes = (dimension: string, value: string, label: string, f: OutcomeFigures) =>
      rows.push(
        line([
          ...head,
          field(dimension),
          field(value),
          field(label),
          figure(f.total),
          figure(f.counts.met),
          figure(f.counts['met-late']),
          figure(f.counts.breached),
          figure(f.counts.pending),
          figure(f.counts['not-applicable']),
          rate(f.rates.met),
          rate(f.rates['met-late']),
          rate(f.rates.breached),
          rate(f.rates.pending),
          rate(f.rates['not-applicable']),
          rate(f.complianceRate),
        ]),
      );
    const answer = (dimension: string, value: string, count: Figure) =>
      rows.push(
        line([
          ...head,
          field(dimension),
          field(value),
          field(value),
          figure(count),
          ...Array<string>(11).fill(''),
        ]),
      );
    outcomes('all', 'all', 'All entitlements with a deadline', area.figures);
    for (const b of area.breakdowns)
      for (const r of b.rows) outcomes(b.dimension, r.value, r.label, r.figures);
    for (const t of area.trend) outcomes('month', t.month, t.month, t.figures);
    for (const m of area.measures) outcomes('measure', m.id, m.title, m.figures);
    for (const a of area.feedback.overall) answer('feedback-overall', a.answer, a.count);
    for (const q of area.feedback.byRight)
      for (const a of q.answers) answer(`feedback-right-${q.right}`, a.answer, a.count);
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** The dataset as CSV, its columns in DATASET_COLUMNS' order; suppressed counts `[c]`. */
export function datasetCsv(rows: readonly DatasetRow[]): string {
  const out = [line(DATASET_COLUMNS.map((c) => c.name))];
  for (const row of rows) {
    out.push(
      line(
        DATASET_COLUMNS.map((c) => {
          const v = row[c.name];
          return v === null ? SUPPRESSED_IN_CSV : field(v);
        }),
      ),
    );
  }
  return `${out.join('\r\n')}\r\n`;
}
