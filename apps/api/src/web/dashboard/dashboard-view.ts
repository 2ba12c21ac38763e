import {
  REPORT_OUTCOMES,
  type AreaReport,
  type BreakdownRow,
  type ComplianceReport,
  type Figure,
  type Measure,
  type OutcomeFigures,
  type ReportDimension,
  type ReportOutcome,
} from '@vj/projections';
import { OUTCOME_SERIES, percentOf, stackedBarChart, trendChart, type StackedBar } from './charts';
import { answerLabelOf, dateNameOf, monthNameOf, policeAreaNameOf } from './labels';

/**
 * The PCC dashboard's view model: everything `dashboard.njk` renders, worked out from a
 * `ComplianceReport` by pure code, so what the page shows is tested without a browser.
 * Suppressed figures read "[c]" (the Office for National Statistics' marker), explained in a
 * footnote beneath each table that has one.
 */

/** A cell of a GOV.UK table (`govukTable`): `html` only where we escaped it ourselves. */
export interface TableCell {
  text?: string;
  html?: string;
  format?: 'numeric';
  colspan?: number;
}

export interface TableView {
  caption: string;
  head: TableCell[];
  rows: TableCell[][];
  /** Whether any cell reads "[c]": the page then prints the suppression footnote. */
  suppressed: boolean;
}

export interface ChartView {
  /** The chart's id on the page; its heading's id is `${id}-heading`. */
  id: string;
  heading: string;
  svg: string;
  table: TableView;
}

export interface HeadlineFigure {
  key: ReportOutcome | 'total';
  label: string;
  count: string;
  /** Its share of the total, "" for the total itself. */
  rate: string;
}

export interface AreaView {
  policeArea: string;
  name: string;
  complianceRate: string;
  headline: HeadlineFigure[];
  /** The same as GOV.UK summary list rows: "Met on time" / "70 (70.0%)". */
  headlineRows: { key: { text: string }; value: { text: string } }[];
  lateness: { metLate: string; median: string; p90: string };
  feedback: { responses: string; satisfiedRate: string; table: TableView };
  measures: TableView;
  byRight: ChartView;
  byAgency: ChartView;
  trend: ChartView;
  /** The breach list of this area over the report's period, without personal data; null where the caller may not read it. */
  breachesHref: string | null;
}

export interface SelectItem {
  value: string;
  text: string;
  selected: boolean;
}

export interface FilterView {
  action: string;
  from: string;
  to: string;
  asOf: string;
  policeArea: string;
  /** Offered when the caller may choose between areas; empty otherwise. */
  areaItems: SelectItem[];
}

/** A bad filter, as the GOV.UK error summary lists it and the field shows it. */
export interface FieldError {
  field: 'from' | 'to' | 'asOf' | 'policeArea';
  text: string;
}

export interface DashboardView {
  pageTitle: string;
  heading: string;
  /** "January 2026 to March 2026, as at 31 March 2026"; empty when there are no figures. */
  periodText: string;
  filters: FilterView;
  errors: { text: string; href: string }[];
  fieldErrors: Partial<Record<FieldError['field'], { text: string }>>;
  suppressionNote: string;
  /** Every area side by side, for a report of several areas. */
  comparison: ChartView | null;
  /** The chosen area's figures; null for a report of several areas with none chosen. */
  area: AreaView | null;
  csvHref: string | null;
}

export interface DashboardOptions {
  /** The area to show in detail; by default the report's only area. */
  policeArea?: string;
  /** The areas the caller may report on, offered in the filter form (none: no choice offered). */
  areaChoices?: readonly string[];
  /** Where the page lives (the filter form's action and the drill-down's base). */
  basePath?: string;
  /** The CSV export of the same report. */
  csvPath?: string;
  /** Whether the caller may read the breach list (a national analyst may not): no links if not. */
  drillDown?: boolean;
}

const SUPPRESSED = '[c]';
const BASE_PATH = '/dashboard';
const CSV_PATH = '/v1/reports/compliance';
const TITLE = "Victims' Code compliance";

const OUTCOME_LABELS = Object.fromEntries(OUTCOME_SERIES.map((s) => [s.key, s.label])) as Record<
  ReportOutcome,
  string
>;

/** A count as the page shows it: "1,234", or "[c]" where suppressed. */
export const countText = (figure: Figure): string =>
  figure === null ? SUPPRESSED : figure.toLocaleString('en-GB');

/** The compliance rate: "87.5%", "[c]" when a count it needs is suppressed, else "no rate". */
export function complianceRateText(figures: OutcomeFigures): string {
  if (figures.complianceRate !== null) return percentOf(figures.complianceRate);
  const ended = (['met', 'met-late', 'breached'] as const).map((o) => figures.counts[o]);
  return ended.some((c) => c === null) ? SUPPRESSED : 'no rate';
}

/** An outcome's share: "60.0%", "[c]" where its count is suppressed, "" where there is none. */
function rateText(figures: OutcomeFigures, outcome: ReportOutcome): string {
  const rate = figures.rates[outcome];
  if (rate !== null) return percentOf(rate);
  return figures.counts[outcome] === null || figures.total === null ? SUPPRESSED : '';
}

function countAndRate(figures: OutcomeFigures, outcome: ReportOutcome): string {
  const count = countText(figures.counts[outcome]);
  const rate = rateText(figures, outcome);
  return count === SUPPRESSED || rate === '' || rate === SUPPRESSED ? count : `${count} (${rate})`;
}

const isSuppressed = (figures: OutcomeFigures): boolean =>
  figures.total === null || REPORT_OUTCOMES.some((o) => figures.counts[o] === null);

const numeric = (text: string): TableCell => ({ text, format: 'numeric' });

const OUTCOME_HEAD: TableCell[] = [
  numeric('Due'),
  ...REPORT_OUTCOMES.map((o) => numeric(OUTCOME_LABELS[o])),
  numeric('Compliance rate'),
];

function outcomeCells(figures: OutcomeFigures): TableCell[] {
  return [
    numeric(countText(figures.total)),
    ...REPORT_OUTCOMES.map((o) => numeric(countAndRate(figures, o))),
    numeric(complianceRateText(figures)),
  ];
}

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const link = (href: string, text: string): TableCell => ({
  html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`,
});

/** A path with its query, leaving out empty parameters. */
export function hrefOf(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const barOf = (label: string, figures: OutcomeFigures): StackedBar => ({
  label,
  total: figures.total,
  counts: figures.counts,
});

/** A short sentence on the rates, for the chart's description (the table has every figure). */
function describe(what: string, rows: { label: string; figures: OutcomeFigures }[]): string {
  if (rows.length === 0) return `${what}: no entitlements were due in this period.`;
  const rates = rows.map((r) => `${r.label}: ${complianceRateText(r.figures)} met on time`);
  return `${what}, each bar split into met on time, met late, breached, pending and not applicable as shares of those due. ${rates.join('; ')}. The table below gives the figures.`;
}

/** The period's first and last deadline dates, for the breach list's from/to. */
function periodDates(report: ComplianceReport): { from: string; to: string } {
  const [toYear, toMonth] = report.to.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  return { from: `${report.from}-01`, to: `${report.to}-${String(lastDay).padStart(2, '0')}` };
}

/** Whether a drill-down can list anything: some breached or met late, or a suppressed count. */
const hasBreaches = (figures: OutcomeFigures): boolean =>
  figures.counts.breached !== 0 || figures.counts['met-late'] !== 0;

function breakdownChart(
  id: string,
  heading: string,
  caption: string,
  firstColumn: string,
  rows: readonly BreakdownRow[],
  drillDown: (row: BreakdownRow) => string | null,
): ChartView {
  return {
    id,
    heading,
    svg: stackedBarChart({
      id,
      title: heading,
      description: describe(heading, [...rows]),
      bars: rows.map((r) => barOf(r.label, r.figures)),
    }),
    table: {
      caption,
      head: [{ text: firstColumn }, ...OUTCOME_HEAD],
      rows: rows.map((r) => {
        const href = hasBreaches(r.figures) ? drillDown(r) : null;
        return [href ? link(href, r.label) : { text: r.label }, ...outcomeCells(r.figures)];
      }),
      suppressed: rows.some((r) => isSuppressed(r.figures)),
    },
  };
}

const rowsOf = (area: AreaReport, dimension: ReportDimension): BreakdownRow[] =>
  area.breakdowns.find((b) => b.dimension === dimension)?.rows ?? [];

const SATISFIED = ['very-satisfied', 'fairly-satisfied'];

function feedbackOf(area: AreaReport): AreaView['feedback'] {
  const { feedback } = area;
  const satisfied = feedback.overall.filter((a) => SATISFIED.includes(a.answer));
  const satisfiedRate =
    feedback.responses === 0
      ? 'no responses'
      : satisfied.some((a) => a.rate === null) || feedback.responses === null
        ? SUPPRESSED
        : percentOf(satisfied.reduce((sum, a) => sum + (a.rate ?? 0), 0));
  return {
    responses: countText(feedback.responses),
    satisfiedRate,
    table: {
      caption: "Victims' answers to the overall question",
      head: [{ text: 'Answer' }, numeric('Responses'), numeric('Share')],
      rows: feedback.overall.map((a) => [
        { text: answerLabelOf(a.answer) },
        numeric(countText(a.count)),
        numeric(a.rate !== null ? percentOf(a.rate) : a.count === null ? SUPPRESSED : ''),
      ]),
      suppressed: feedback.responses === null || feedback.overall.some((a) => a.count === null),
    },
  };
}

const daysText = (days: number | null, metLate: Figure): string =>
  days !== null
    ? `${days} working day${days === 1 ? '' : 's'}`
    : metLate === null || (metLate > 0 && metLate < 5)
      ? SUPPRESSED
      : 'not enough met late';

/** A measure's row: its figures, or, where the events cannot support it, that it is not measured and why. */
function measureRow(m: Measure): TableCell[] {
  const head: TableCell[] = [
    { text: m.title },
    { text: m.ruleIds.length ? m.ruleIds.join(', ') : 'none: the events do not show it' },
  ];
  if (m.measured) return [...head, ...outcomeCells(m.figures)];
  return [
    ...head,
    { text: `Not measured${m.note ? `: ${m.note}` : ''}`, colspan: OUTCOME_HEAD.length },
  ];
}

function areaViewOf(
  report: ComplianceReport,
  area: AreaReport,
  basePath: string,
  drillDown: boolean,
): AreaView {
  const name = policeAreaNameOf(area.policeArea);
  const period = periodDates(report);
  const breaches = (params: Record<string, string | undefined>) =>
    hrefOf(`${basePath}/breaches`, { policeArea: area.policeArea, ...params, ...period });
  const figures = area.figures;
  const headline: HeadlineFigure[] = [
    { key: 'total', label: 'Due in the period', count: countText(figures.total), rate: '' },
    ...REPORT_OUTCOMES.map((o) => ({
      key: o,
      label: OUTCOME_LABELS[o],
      count: countText(figures.counts[o]),
      rate: rateText(figures, o),
    })),
  ];
  return {
    policeArea: area.policeArea,
    name,
    complianceRate: complianceRateText(figures),
    headline,
    headlineRows: headline.map((h) => ({
      key: { text: h.label },
      value: {
        text:
          h.rate && h.rate !== SUPPRESSED && h.count !== SUPPRESSED
            ? `${h.count} (${h.rate})`
            : h.count,
      },
    })),
    lateness: {
      metLate: countText(area.lateness.metLate),
      median: daysText(area.lateness.medianWorkingDaysLate, area.lateness.metLate),
      p90: daysText(area.lateness.p90WorkingDaysLate, area.lateness.metLate),
    },
    feedback: feedbackOf(area),
    measures: {
      caption: 'The five measures returned to the Ministry of Justice',
      head: [{ text: 'Measure' }, { text: 'Rules counted' }, ...OUTCOME_HEAD],
      rows: area.measures.map(measureRow),
      suppressed: area.measures.some((m) => m.measured && isSuppressed(m.figures)),
    },
    byRight: breakdownChart(
      'chart-by-right',
      'Outcomes by Right',
      `Outcomes by Right, ${name}`,
      'Right',
      rowsOf(area, 'right'),
      (row) => (drillDown ? breaches({ right: row.value }) : null),
    ),
    byAgency: breakdownChart(
      'chart-by-agency',
      'Outcomes by agency',
      `Outcomes by agency, ${name}`,
      'Agency',
      rowsOf(area, 'agency'),
      (row) => (drillDown ? breaches({ owedBy: row.value }) : null),
    ),
    trend: {
      id: 'chart-trend',
      heading: 'Compliance rate by month',
      svg: trendChart({
        id: 'chart-trend',
        title: 'Compliance rate by month',
        description:
          area.trend.length === 0
            ? 'No months in this period.'
            : `Share of entitlements met on time of those whose deadline has ended, month by month by deadline date: ${area.trend
                .map((m) => `${monthNameOf(m.month)} ${complianceRateText(m.figures)}`)
                .join('; ')}. The table below gives the figures.`,
        points: area.trend.map((m) => ({ month: m.month, rate: m.figures.complianceRate })),
      }),
      table: {
        caption: `Outcomes by month of deadline, ${name}`,
        head: [{ text: 'Month' }, ...OUTCOME_HEAD],
        rows: area.trend.map((m) => [{ text: monthNameOf(m.month) }, ...outcomeCells(m.figures)]),
        suppressed: area.trend.some((m) => isSuppressed(m.figures)),
      },
    },
    breachesHref: drillDown ? breaches({}) : null,
  };
}

function comparisonOf(report: ComplianceReport, basePath: string): ChartView {
  const rows = report.areas.map((a) => ({
    value: a.policeArea,
    label: policeAreaNameOf(a.policeArea),
    figures: a.figures,
  }));
  const heading = 'Outcomes by police area';
  return {
    id: 'chart-by-area',
    heading,
    svg: stackedBarChart({
      id: 'chart-by-area',
      title: heading,
      description: describe(heading, rows),
      bars: rows.map((r) => barOf(r.label, r.figures)),
    }),
    table: {
      caption: 'Outcomes by police area',
      head: [{ text: 'Police area' }, ...OUTCOME_HEAD],
      rows: rows.map((r) => [
        link(
          hrefOf(basePath, {
            policeArea: r.value,
            from: report.from,
            to: report.to,
            asOf: report.asOf,
          }),
          r.label,
        ),
        ...outcomeCells(r.figures),
      ]),
      suppressed: rows.some((r) => isSuppressed(r.figures)),
    },
  };
}

function filtersOf(
  values: { from: string; to: string; asOf: string; policeArea?: string },
  options: DashboardOptions,
): FilterView {
  const choices = options.areaChoices ?? [];
  const chosen = values.policeArea ?? '';
  return {
    action: options.basePath ?? BASE_PATH,
    from: values.from,
    to: values.to,
    asOf: values.asOf,
    policeArea: chosen,
    areaItems:
      choices.length > 1
        ? [
            { value: '', text: 'All your areas', selected: chosen === '' },
            ...choices.map((a) => ({
              value: a,
              text: policeAreaNameOf(a),
              selected: a === chosen,
            })),
          ]
        : [],
  };
}

/** What the page shows of a report: the chosen area in detail and, for several areas, all side by side. */
export function dashboardViewOf(
  report: ComplianceReport,
  options: DashboardOptions = {},
): DashboardView {
  const basePath = options.basePath ?? BASE_PATH;
  const chosen =
    options.policeArea !== undefined
      ? report.areas.find((a) => a.policeArea === options.policeArea)
      : report.areas.length === 1
        ? report.areas[0]
        : undefined;
  const area = chosen ? areaViewOf(report, chosen, basePath, options.drillDown ?? true) : null;
  const periodText = `${monthNameOf(report.from)} to ${monthNameOf(report.to)}, as at ${dateNameOf(report.asOf)}`;
  return {
    pageTitle: `${area ? `${area.name}: ` : ''}${TITLE}`,
    heading: area ? `${TITLE}: ${area.name}` : TITLE,
    periodText,
    filters: filtersOf(
      { from: report.from, to: report.to, asOf: report.asOf, policeArea: options.policeArea },
      options,
    ),
    errors: [],
    fieldErrors: {},
    suppressionNote: `[c] means the figure is suppressed: ${report.suppression.rule}`,
    comparison: report.areas.length > 1 ? comparisonOf(report, basePath) : null,
    area,
    csvHref: hrefOf(options.csvPath ?? CSV_PATH, {
      policeArea: chosen?.policeArea,
      from: report.from,
      to: report.to,
      asOf: report.asOf,
      format: 'csv',
    }),
  };
}

/**
 * The page for a filter that was refused (the report's 400 names each field and why): the form
 * with what was typed, the GOV.UK error summary and no figures.
 */
export function dashboardErrorViewOf(
  typed: { from?: string; to?: string; asOf?: string; policeArea?: string },
  errors: readonly FieldError[],
  options: DashboardOptions = {},
): DashboardView {
  return {
    pageTitle: `Error: ${TITLE}`,
    heading: TITLE,
    periodText: '',
    filters: filtersOf(
      {
        from: typed.from ?? '',
        to: typed.to ?? '',
        asOf: typed.asOf ?? '',
        policeArea: typed.policeArea,
      },
      options,
    ),
    errors: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
    suppressionNote: '',
    comparison: null,
    area: null,
    csvHref: null,
  };
}
