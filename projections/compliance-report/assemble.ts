import { FEEDBACK_OVERALL_ANSWERS, FEEDBACK_RIGHT_ANSWERS } from '@vj/event-schemas';
import { CODE_EDITIONS, OFFENCE_GROUPS, RIGHTS, type RightNumber } from '@vj/victims-code';
import { AGENCY_RULE, agencyRuleOf, FEEDBACK_OVERALL, RESPONSE } from './contributions';
import {
  REPORT_DIMENSIONS,
  REPORT_OUTCOMES,
  type AnswerFigures,
  type AreaReport,
  type ComplianceReport,
  type Figure,
  type Measure,
  type OutcomeFigures,
  type ReportDimension,
  type ReportOutcome,
} from './report';

/** Counts from 1 to this minus one are suppressed. */
export const SUPPRESSION_THRESHOLD = 5;

export const SUPPRESSION_RULE =
  'Counts from 1 to 4 are shown as null. Then, wherever figures add up to another shown figure (the outcomes of a row to its total; the agencies, Rights, rules, standard or enhanced, offence groups, age bands and months of the period to the area; the rules of a measure to the measure; the answers to a feedback question to its responses), one suppressed figure among them makes the next smallest non-zero one suppressed too, until no suppressed figure can be worked back by subtraction. Zero is shown. Rates of suppressed counts are null; lateness is shown only where at least 5 were met late.';

/** A row of the read model summed as of the report's date. */
export interface CountRow {
  policeArea: string;
  month: string;
  dimension: string;
  value: string;
  outcome: string;
  /** Met late in the 'all' cut: the working days late; 0 otherwise. */
  workingDaysLate: number;
  count: number;
}

/** The five measures PCCs return to the Ministry of Justice, as this product can count them. */
export interface MeasureDefinition {
  id: string;
  title: string;
  ruleIds: string[];
  /** Why it cannot be counted from the events, when it cannot. */
  notMeasured?: string;
}

export const MOJ_MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'report-acknowledged',
    title: 'Acknowledgement of the report (Right 3)',
    ruleIds: ['report-acknowledgement'],
  },
  {
    id: 'referred-to-support',
    title: 'Referral to support services (Right 4)',
    ruleIds: ['support-referral'],
  },
  {
    id: 'timely-updates',
    title: 'Timely updates on the investigation and prosecution (Right 6)',
    ruleIds: [
      'arrest-update',
      'interview-update',
      'release-no-further-action-update',
      'bail-update',
      'decision-not-to-investigate-update',
      'charge-decision-update',
      'cps-decision-letter',
      'agreed-investigation-update',
    ],
  },
  {
    id: 'vps-offered',
    title: 'Offered the chance to make a Victim Personal Statement (Right 7)',
    ruleIds: ['vps-offer'],
    notMeasured:
      'The Code sets no time for offering a VPS, so it is owed, given or declined rather than met on time: the report counts only entitlements with a deadline.',
  },
  {
    id: 'release-date-told',
    title: 'Told the date of release on licence in advance (Right 11)',
    ruleIds: ['key-stage-release-date'],
  },
];

const AGENCY_LABELS: Record<string, string> = {
  police: 'Police',
  cps: 'Crown Prosecution Service',
  'witness-care-unit': 'Witness Care Unit',
  court: 'HM Courts & Tribunals Service',
  probation: 'Probation Service',
  prison: 'HM Prison Service',
  hospital: 'Secure hospital',
  'parole-board': 'Parole Board',
};

const REASON_LABELS: Record<string, string> = {
  'most-serious-crime': 'Victim of the most serious crime',
  bereaved: 'Bereaved by criminal conduct',
  'persistently-targeted': 'Persistently targeted',
  vulnerable: 'Vulnerable',
  intimidated: 'Intimidated',
  'under-18': 'Under 18 at the offence',
  none: 'No enhanced rights',
};

const AGE_BAND_LABELS: Record<string, string> = {
  'under-18': 'Under 18',
  '18-24': '18 to 24',
  '25-34': '25 to 34',
  '35-44': '35 to 44',
  '45-54': '45 to 54',
  '55-64': '55 to 64',
  '65-plus': '65 and over',
  unknown: 'Not known',
};

const RULE_TITLES = new Map(CODE_EDITIONS.flatMap((e) => e.rules.map((r) => [r.id, r.title])));

export function labelOf(dimension: ReportDimension, value: string): string {
  switch (dimension) {
    case 'agency':
      return AGENCY_LABELS[value] ?? value;
    case 'right': {
      const text = RIGHTS[Number(value) as RightNumber] as string | undefined;
      return text ? `Right ${value}: ${text}` : `Right ${value}`;
    }
    case 'rule':
      return RULE_TITLES.get(value) ?? value;
    case 'enhanced':
      return value === 'enhanced' ? 'Enhanced rights' : 'Standard';
    case 'enhanced-reason':
      return REASON_LABELS[value] ?? value;
    case 'offence-group':
      return (OFFENCE_GROUPS as Record<string, string>)[value] ?? value;
    case 'age-band':
      return AGE_BAND_LABELS[value] ?? value;
    default: {
      const unknown: never = dimension;
      return unknown;
    }
  }
}

/** Breakdowns whose values partition the area's entitlements (a victim has one of each). */
const PARTITIONS: ReadonlySet<ReportDimension> = new Set(
  REPORT_DIMENSIONS.filter((d) => d !== 'enhanced-reason'),
);

/** A count on its way to being shown: suppressed, or not. */
export interface Cell {
  count: number;
  suppressed: boolean;
}

/** One row of outcome cells and its total. */
export interface Row {
  total: Cell;
  counts: Record<ReportOutcome, Cell>;
}

export const cell = (count: number): Cell => ({
  count,
  suppressed: count > 0 && count < SUPPRESSION_THRESHOLD,
});

export function rowOf(counts: Partial<Record<string, number>>): Row {
  const cells = Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, cell(counts[o] ?? 0)])) as Record<
    ReportOutcome,
    Cell
  >;
  return { counts: cells, total: cell(REPORT_OUTCOMES.reduce((n, o) => n + cells[o].count, 0)) };
}

/**
 * Secondary suppression. Each equation says its parts add up to its last cell (the total); while
 * one has exactly one suppressed member, the smallest non-zero shown part (else the total) is
 * suppressed too, so no suppressed count is the difference of shown ones.
 */
export function suppressSecondary(equations: readonly (readonly Cell[])[]): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const members of equations) {
      if (members.filter((c) => c.suppressed).length !== 1) continue;
      const parts = members.slice(0, -1);
      const total = members[members.length - 1] as Cell;
      const candidates = parts.filter((c) => !c.suppressed && c.count > 0);
      const next =
        candidates.sort((a, b) => a.count - b.count)[0] ??
        (!total.suppressed && total.count > 0 ? total : undefined);
      if (next) {
        next.suppressed = true;
        changed = true;
      }
    }
  }
}

/** The equations of a row: its outcomes add up to its total. */
export const rowEquation = (row: Row): Cell[] => [
  ...REPORT_OUTCOMES.map((o) => row.counts[o]),
  row.total,
];

/** The equations of rows that add up to a whole: for each outcome, and for the totals. */
function partitionEquations(parts: readonly Row[], whole: Row): Cell[][] {
  if (parts.length === 0) return [];
  return [
    ...REPORT_OUTCOMES.map((o) => [...parts.map((p) => p.counts[o]), whole.counts[o]]),
    [...parts.map((p) => p.total), whole.total],
  ];
}

export const shown = (c: Cell): Figure => (c.suppressed ? null : c.count);

function figuresOf(row: Row): OutcomeFigures {
  const total = shown(row.total);
  const rate = (c: Cell): number | null =>
    c.suppressed || total === null || total === 0 ? null : c.count / total;
  const { met, 'met-late': metLate, breached } = row.counts;
  const ended = [met, metLate, breached];
  const endedTotal = met.count + metLate.count + breached.count;
  return {
    total,
    counts: Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, shown(row.counts[o])])) as Record<
      ReportOutcome,
      Figure
    >,
    rates: Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, rate(row.counts[o])])) as Record<
      ReportOutcome,
      number | null
    >,
    complianceRate:
      ended.some((c) => c.suppressed) || endedTotal === 0 ? null : met.count / endedTotal,
  };
}

/** Nearest rank: the smallest value with at least `share` of the values at or below it. */
function percentile(histogram: ReadonlyMap<number, number>, share: number): number | null {
  const n = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(share * n));
  let seen = 0;
  for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(days) ?? 0;
    if (seen >= rank) return days;
  }
  return null;
}

/** The months from..to (YYYY-MM), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let key = from; key <= to;) {
    months.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    key = `${y}-${String(m).padStart(2, '0')}`;
  }
  return months;
}

/**
 * The compliance report from the read model's rows summed as of `asOf`: figures, breakdowns,
 * trend, measures and feedback of each area, suppressed so that no count under 5 shows or can be
 * worked back. Pure.
 */
export function assembleReport(params: {
  rows: readonly CountRow[];
  policeAreas: readonly string[];
  from: string;
  to: string;
  asOf: string;
}): ComplianceReport {
  const { from, to, asOf } = params;
  const months = monthsBetween(from, to);
  const byArea = new Map<string, CountRow[]>(params.policeAreas.map((a) => [a, []]));
  for (const r of params.rows) {
    if (r.month < from || r.month > to) continue;
    byArea.get(r.policeArea)?.push(r);
  }
  return {
    from,
    to,
    asOf,
    suppression: { threshold: SUPPRESSION_THRESHOLD, rule: SUPPRESSION_RULE },
    areas: params.policeAreas.map((area) => areaReport(area, months, byArea.get(area) ?? [])),
  };
}

type Counts = Partial<Record<string, number>>;

function bump(map: Map<string, Counts>, key: string, outcome: string, count: number): void {
  const counts = map.get(key) ?? {};
  counts[outcome] = (counts[outcome] ?? 0) + count;
  map.set(key, counts);
}

function areaReport(
  policeArea: string,
  months: readonly string[],
  rows: readonly CountRow[],
): AreaReport {
  const whole: Counts = {};
  const byMonth = new Map<string, Counts>();
  const byCut = new Map<string, Counts>();
  const lateness = new Map<number, number>();
  const feedback = new Map<string, Counts>();
  for (const r of rows) {
    if (r.outcome === RESPONSE) {
      bump(feedback, r.dimension, r.value, r.count);
    } else if (r.dimension === 'all') {
      whole[r.outcome] = (whole[r.outcome] ?? 0) + r.count;
      bump(byMonth, r.month, r.outcome, r.count);
      if (r.outcome === 'met-late')
        lateness.set(r.workingDaysLate, (lateness.get(r.workingDaysLate) ?? 0) + r.count);
    } else if (r.dimension === AGENCY_RULE) {
      const { agency, right, ruleId } = agencyRuleOf(r.value);
      bump(byCut, `agency\u0000${agency}`, r.outcome, r.count);
      bump(byCut, `right\u0000${right}`, r.outcome, r.count);
      bump(byCut, `rule\u0000${ruleId}`, r.outcome, r.count);
    } else {
      bump(byCut, `${r.dimension}\u0000${r.value}`, r.outcome, r.count);
    }
  }

  const equations: Cell[][] = [];
  const withRow = (row: Row) => {
    equations.push(rowEquation(row));
    return row;
  };
  const area = withRow(rowOf(whole));

  const trend = months.map((month) => ({ month, row: withRow(rowOf(byMonth.get(month) ?? {})) }));
  equations.push(
    ...partitionEquations(
      trend.map((t) => t.row),
      area,
    ),
  );

  const breakdowns = REPORT_DIMENSIONS.map((dimension) => {
    const values = [...byCut.keys()]
      .filter((k) => k.startsWith(`${dimension}\u0000`))
      .map((k) => k.slice(dimension.length + 1));
    const rowsOf = values
      .map((value) => ({
        value,
        label: labelOf(dimension, value),
        row: withRow(rowOf(byCut.get(`${dimension}\u0000${value}`) ?? {})),
      }))
      .sort((a, b) => orderOf(dimension, a.value, b.value) || a.label.localeCompare(b.label));
    if (PARTITIONS.has(dimension))
      equations.push(
        ...partitionEquations(
          rowsOf.map((r) => r.row),
          area,
        ),
      );
    return { dimension, rows: rowsOf };
  });

  const ruleRows = new Map(
    (breakdowns.find((b) => b.dimension === 'rule')?.rows ?? []).map((r) => [r.value, r.row]),
  );
  const measures = MOJ_MEASURES.map((m) => {
    const parts = m.ruleIds.flatMap((id) => {
      const row = ruleRows.get(id);
      return row ? [row] : [];
    });
    const counts: Counts = {};
    for (const p of parts)
      for (const o of REPORT_OUTCOMES) counts[o] = (counts[o] ?? 0) + p.counts[o].count;
    const row = withRow(rowOf(counts));
    equations.push(...partitionEquations(parts, row));
    return { m, row };
  });

  const feedbackRows = feedbackFiguresOf(feedback, equations);

  suppressSecondary(equations);

  const metLate = area.counts['met-late'];
  const publishLateness = !metLate.suppressed && metLate.count >= SUPPRESSION_THRESHOLD;
  return {
    policeArea,
    figures: figuresOf(area),
    lateness: {
      metLate: shown(metLate),
      medianWorkingDaysLate: publishLateness ? percentile(lateness, 0.5) : null,
      p90WorkingDaysLate: publishLateness ? percentile(lateness, 0.9) : null,
    },
    breakdowns: breakdowns.map((b) => ({
      dimension: b.dimension,
      rows: b.rows.map((r) => ({ value: r.value, label: r.label, figures: figuresOf(r.row) })),
    })),
    trend: trend.map((t) => ({ month: t.month, figures: figuresOf(t.row) })),
    measures: measures.map(({ m, row }): Measure => ({
      id: m.id,
      title: m.title,
      ruleIds: m.ruleIds,
      measured: m.notMeasured === undefined,
      ...(m.notMeasured !== undefined ? { note: m.notMeasured } : {}),
      figures: figuresOf(row),
    })),
    feedback: feedbackRows(),
  };
}

/** Breakdown rows in a reader's order: Rights by number, age bands youngest first. */
function orderOf(dimension: ReportDimension, a: string, b: string): number {
  if (dimension === 'right') return Number(a) - Number(b);
  if (dimension === 'age-band') {
    const order = Object.keys(AGE_BAND_LABELS);
    return order.indexOf(a) - order.indexOf(b);
  }
  return 0;
}

/** Feedback cells and their equations now; the figures once suppression is done. */
function feedbackFiguresOf(feedback: Map<string, Counts>, equations: Cell[][]) {
  const question = (counts: Counts, answers: readonly string[]) => {
    const cells = answers.map((answer) => ({ answer, cell: cell(counts[answer] ?? 0) }));
    const responses = cell(cells.reduce((n, c) => n + c.cell.count, 0));
    equations.push([...cells.map((c) => c.cell), responses]);
    return { cells, responses };
  };
  const answersOf = (q: ReturnType<typeof question>): AnswerFigures[] =>
    q.cells.map(({ answer, cell: c }) => ({
      answer,
      count: shown(c),
      rate:
        c.suppressed || q.responses.suppressed || q.responses.count === 0
          ? null
          : c.count / q.responses.count,
    }));
  const overall = question(feedback.get(FEEDBACK_OVERALL) ?? {}, FEEDBACK_OVERALL_ANSWERS);
  const byRight = [...feedback.keys()]
    .filter((d) => d.startsWith('feedback-right-'))
    .map((d) => ({
      right: Number(d.slice('feedback-right-'.length)),
      q: question(feedback.get(d) ?? {}, FEEDBACK_RIGHT_ANSWERS),
    }))
    .sort((a, b) => a.right - b.right);
  return () => ({
    responses: shown(overall.responses),
    overall: answersOf(overall),
    byRight: byRight.map(({ right, q }) => ({
      right,
      responses: shown(q.responses),
      answers: answersOf(q),
    })),
  });
}
