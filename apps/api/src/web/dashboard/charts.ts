/**
 * The PCC dashboard's charts, drawn on the server as SVG strings: they show without JavaScript,
 * scale with their container (sizes are viewBox units) and carry no inline style (the pages' CSP
 * allows none): colours and fonts are SVG presentation attributes. Every text is escaped.
 *
 * Each chart is an image with a title and a description (`role="img"`, `aria-labelledby`); the
 * figures themselves are in the GOV.UK table the page puts beneath it.
 */

/** Text made safe for SVG (XML) content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A pattern of marks over a segment's colour, so an outcome is told apart without colour. */
export type SegmentPattern = 'solid' | 'diagonal' | 'cross' | 'dots' | 'horizontal';

export interface ChartSeries {
  key: string;
  label: string;
  /** A GOV.UK palette colour with at least 3:1 contrast against white. */
  colour: string;
  pattern: SegmentPattern;
  /** The colour of the pattern's marks: white on dark colours, black on light ones. */
  marks: string;
}

/**
 * The outcomes in the order they are stacked. Neighbours alternate light and dark so that each
 * pair of adjacent outcomes has at least 3:1 contrast, every colour has at least 3:1 against
 * white, and segments are parted by a white gap, so the contrast holds when one is missing too.
 * (GOV.UK Frontend 6 palette: green tint-25, purple shade-50, red tint-25, blue shade-50, black tint-50.)
 */
export const OUTCOME_SERIES = [
  {
    key: 'met',
    label: 'Met on time',
    colour: '#4b9b7d',
    pattern: 'solid',
    marks: '#0b0c0c',
  },
  {
    key: 'met-late',
    label: 'Met late',
    colour: '#2a1950',
    pattern: 'diagonal',
    marks: '#ffffff',
  },
  {
    key: 'breached',
    label: 'Breached',
    colour: '#d76868',
    pattern: 'cross',
    marks: '#0b0c0c',
  },
  {
    key: 'pending',
    label: 'Pending',
    colour: '#0f385c',
    pattern: 'dots',
    marks: '#ffffff',
  },
  {
    key: 'not-applicable',
    label: 'Not applicable',
    colour: '#858686',
    pattern: 'horizontal',
    marks: '#0b0c0c',
  },
] as const satisfies readonly ChartSeries[];

/** GOV.UK text colour and the line colour of the trend (blue primary, 5.2:1 against white). */
const TEXT = '#0b0c0c';
const LINE = '#1d70b8';
const GRID = '#cecece';
const FONT = 'GDS Transport, arial, sans-serif';

/** One bar: a category and its counts per series key; null where suppressed. */
export interface StackedBar {
  label: string;
  total: number | null;
  counts: Record<string, number | null>;
}

export interface StackedBarChart {
  /** Unique on the page: the title's and description's ids derive from it. */
  id: string;
  title: string;
  description: string;
  bars: readonly StackedBar[];
  series?: readonly ChartSeries[];
}

/** Chart geometry, in viewBox units. */
export const BAR_GEOMETRY = {
  width: 800,
  /** Where the bars' axis starts and how long it is: a share s of the total is s * axis wide. */
  axisX: 0,
  axis: 620,
  legendHeight: 56,
  labelHeight: 20,
  barHeight: 24,
  rowGap: 14,
  axisLabelsHeight: 28,
} as const;

/** The text a bar carries at its end: how many it counts, or why it has no segments. */
export function barNoteOf(bar: StackedBar, series: readonly ChartSeries[]): string {
  if (bar.total === null) return 'suppressed';
  if (bar.total === 0) return 'none';
  const partly = series.some((s) => bar.counts[s.key] === null);
  return `${bar.total.toLocaleString('en-GB')}${partly ? ', part suppressed' : ''}`;
}

/** Formats a share 0..1 as a percentage with one decimal: 0.875 -> "87.5%". */
export function percentOf(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

function patternDefs(id: string, series: readonly ChartSeries[]): string {
  return series
    .filter((s) => s.pattern !== 'solid')
    .map((s) => {
      const pid = `${id}-pattern-${s.key}`;
      const base = `<rect width="8" height="8" fill="${s.colour}"/>`;
      const marks = {
        diagonal: `<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${s.marks}" stroke-width="1.5"/>`,
        cross: `<path d="M0,0 l8,8 M8,0 l-8,8" stroke="${s.marks}" stroke-width="1"/>`,
        dots: `<circle cx="4" cy="4" r="1.5" fill="${s.marks}"/>`,
        horizontal: `<path d="M0,4 h8" stroke="${s.marks}" stroke-width="1.5"/>`,
      }[s.pattern as Exclude<SegmentPattern, 'solid'>];
      return `<pattern id="${escapeXml(pid)}" width="8" height="8" patternUnits="userSpaceOnUse">${base}${marks}</pattern>`;
    })
    .join('');
}

const fillOf = (id: string, s: ChartSeries): string =>
  s.pattern === 'solid' ? s.colour : `url(#${escapeXml(`${id}-pattern-${s.key}`)})`;

function svgOpen(
  id: string,
  title: string,
  description: string,
  width: number,
  height: number,
): string {
  const titleId = escapeXml(`${id}-title`);
  const descId = escapeXml(`${id}-desc`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${width} ${fmt(height)}"` +
    ` role="img" aria-labelledby="${titleId} ${descId}" focusable="false"` +
    ` font-family="${FONT}" font-size="14" fill="${TEXT}">` +
    `<title id="${titleId}">${escapeXml(title)}</title>` +
    `<desc id="${descId}">${escapeXml(description)}</desc>`
  );
}

function legend(id: string, series: readonly ChartSeries[], y: number): string {
  const step = BAR_GEOMETRY.width / series.length;
  return (
    `<g class="app-chart__legend">` +
    series
      .map(
        (s, i) =>
          `<rect x="${fmt(i * step)}" y="${y}" width="18" height="18" fill="${fillOf(id, s)}" stroke="${TEXT}" stroke-width="0.5"/>` +
          `<text x="${fmt(i * step + 24)}" y="${y + 14}">${escapeXml(s.label)}</text>`,
      )
      .join('') +
    `</g>`
  );
}

const MAX_LABEL = 96;
const shortened = (label: string): string =>
  label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;

/**
 * A horizontal stacked bar per category: each outcome's segment is its share of the bar's total
 * (60 met of 100 is 60% of the axis). A suppressed count is not drawn: the suppressed counts'
 * sum is left as an outlined gap and the bar's note says "part suppressed"; a suppressed total
 * draws no bar, and the note says "suppressed".
 */
export function stackedBarChart(chart: StackedBarChart): string {
  const series = chart.series ?? OUTCOME_SERIES;
  const g = BAR_GEOMETRY;
  const rowHeight = g.labelHeight + g.barHeight + g.rowGap;
  const plotTop = g.legendHeight;
  const rows = chart.bars.length === 0 ? 1 : chart.bars.length;
  const plotHeight = rows * rowHeight;
  const height = plotTop + plotHeight + g.axisLabelsHeight;

  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((tick) => {
      const x = g.axisX + tick * g.axis;
      return (
        `<line x1="${fmt(x)}" y1="${plotTop}" x2="${fmt(x)}" y2="${plotTop + plotHeight}" stroke="${GRID}" stroke-width="1"/>` +
        `<text x="${fmt(x)}" y="${plotTop + plotHeight + 20}" text-anchor="${tick === 0 ? 'start' : tick === 1 ? 'end' : 'middle'}">${percentOf(tick).replace('.0%', '%')}</text>`
      );
    })
    .join('');

  const bars =
    chart.bars.length === 0
      ? `<text x="0" y="${plotTop + g.labelHeight}">No figures for this period</text>`
      : chart.bars
          .map((bar, row) => {
            const top = plotTop + row * rowHeight;
            const barY = top + g.labelHeight;
            let x = g.axisX;
            const segments: string[] = [];
            if (bar.total !== null && bar.total > 0) {
              const total = bar.total;
              const known = series.reduce((sum, s) => sum + (bar.counts[s.key] ?? 0), 0);
              let gapLeft = Math.max(total - known, 0);
              for (const s of series) {
                const count = bar.counts[s.key];
                if (count === null || count === undefined) {
                  // The suppressed counts together fill what the known ones leave: an outlined,
                  // unfilled gap where the first of them sits (their sum is known, not each).
                  if (gapLeft > 0) {
                    const width = (gapLeft / total) * g.axis;
                    segments.push(
                      `<rect class="app-chart__suppressed" x="${fmt(x)}" y="${barY}" width="${fmt(width)}" height="${g.barHeight}" fill="none" stroke="${TEXT}" stroke-width="1" stroke-dasharray="4 3">` +
                        `<title>${escapeXml(`${bar.label}: ${gapLeft === 1 ? 'one entitlement' : 'entitlements'} with suppressed outcomes`)}</title></rect>`,
                    );
                    x += width;
                    gapLeft = 0;
                  }
                  continue;
                }
                if (count === 0) continue;
                const width = (count / total) * g.axis;
                segments.push(
                  `<rect class="app-chart__segment" data-outcome="${escapeXml(s.key)}" x="${fmt(x)}" y="${barY}" width="${fmt(width)}" height="${g.barHeight}" fill="${fillOf(chart.id, s)}" stroke="#ffffff" stroke-width="1">` +
                    `<title>${escapeXml(`${bar.label}: ${s.label} ${count.toLocaleString('en-GB')} (${percentOf(count / total)})`)}</title></rect>`,
                );
                x += width;
              }
            }
            const note = barNoteOf(bar, series);
            const noteX = bar.total === null || bar.total === 0 ? g.axisX : g.axisX + g.axis + 8;
            return (
              `<g class="app-chart__bar">` +
              `<text x="${g.axisX}" y="${top + 15}" font-weight="bold">${escapeXml(shortened(bar.label))}</text>` +
              segments.join('') +
              `<text class="app-chart__note" x="${fmt(noteX + (noteX === g.axisX ? 4 : 0))}" y="${barY + 17}">${escapeXml(note)}</text>` +
              `</g>`
            );
          })
          .join('');

  return (
    svgOpen(chart.id, chart.title, chart.description, g.width, height) +
    `<defs>${patternDefs(chart.id, series)}</defs>` +
    legend(chart.id, series, 8) +
    grid +
    bars +
    `</svg>`
  );
}

/** One month of the trend: its rate 0..1, or null where unknown or suppressed. */
export interface TrendPoint {
  /** YYYY-MM. */
  month: string;
  rate: number | null;
}

export interface TrendChart {
  id: string;
  title: string;
  description: string;
  points: readonly TrendPoint[];
}

export const TREND_GEOMETRY = {
  width: 800,
  height: 320,
  left: 56,
  right: 16,
  top: 16,
  bottom: 48,
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03" -> "Mar 2026". */
export function shortMonthOf(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}

/** Where each month's point sits, in viewBox units; null for a month without a rate. */
export function trendPointsOf(
  points: readonly TrendPoint[],
): { month: string; x: number; y: number | null }[] {
  const g = TREND_GEOMETRY;
  const plotWidth = g.width - g.left - g.right;
  const plotHeight = g.height - g.top - g.bottom;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  return points.map((p, i) => ({
    month: p.month,
    x: Math.round((points.length > 1 ? g.left + i * step : g.left + plotWidth / 2) * 100) / 100,
    y:
      p.rate === null
        ? null
        : Math.round((g.top + (1 - Math.min(Math.max(p.rate, 0), 1)) * plotHeight) * 100) / 100,
  }));
}

/**
 * The compliance rate month by month, 0-100%: a line through the months with a rate, broken
 * where a month has none (suppressed or nothing due), each point marked with a circle.
 */
export function trendChart(chart: TrendChart): string {
  const g = TREND_GEOMETRY;
  const plotBottom = g.height - g.bottom;
  const at = trendPointsOf(chart.points);

  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((tick) => {
      const y = g.top + (1 - tick) * (plotBottom - g.top);
      return (
        `<line x1="${g.left}" y1="${fmt(y)}" x2="${g.width - g.right}" y2="${fmt(y)}" stroke="${GRID}" stroke-width="1"/>` +
        `<text x="${g.left - 8}" y="${fmt(y + 5)}" text-anchor="end">${Math.round(tick * 100)}%</text>`
      );
    })
    .join('');

  // Runs of consecutive months with a rate: one path each, so a null month leaves a gap.
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  for (const p of at) {
    if (p.y === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ x: p.x, y: p.y });
  }
  if (run.length) runs.push(run);
  const lines = runs
    .filter((r) => r.length > 1)
    .map(
      (r) =>
        `<path class="app-chart__line" d="${r.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(p.x)},${fmt(p.y)}`).join(' ')}" fill="none" stroke="${LINE}" stroke-width="3"/>`,
    )
    .join('');

  // Month labels: every month when few, else every other/third so they do not overlap (a
  // year's twelve labels of "Sep 2025" touch at 800 units wide, so at most seven are drawn).
  const every = Math.max(1, Math.ceil(at.length / 7));
  const labels = at
    .map((p, i) =>
      i % every === 0
        ? `<text x="${fmt(p.x)}" y="${plotBottom + 22}" text-anchor="${at.length > 1 && i === 0 ? 'start' : at.length > 1 && i === at.length - 1 ? 'end' : 'middle'}">${escapeXml(shortMonthOf(p.month))}</text>`
        : '',
    )
    .join('');

  const points = at
    .map((p, i) => {
      const rate = chart.points[i]?.rate ?? null;
      return p.y === null
        ? `<text class="app-chart__gap" x="${fmt(p.x)}" y="${plotBottom - 6}" text-anchor="middle" font-size="12">no rate</text>`
        : `<circle class="app-chart__point" cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="5" fill="${LINE}" stroke="#ffffff" stroke-width="1.5">` +
            `<title>${escapeXml(`${shortMonthOf(p.month)}: ${percentOf(rate ?? 0)}`)}</title></circle>`;
    })
    .join('');

  const body =
    chart.points.length === 0
      ? `<text x="${g.left}" y="${g.top + 40}">No figures for this period</text>`
      : lines + points + labels;

  return (
    svgOpen(chart.id, chart.title, chart.description, g.width, g.height) +
    grid +
    `<line x1="${g.left}" y1="${plotBottom}" x2="${g.width - g.right}" y2="${plotBottom}" stroke="${TEXT}" stroke-width="1"/>` +
    body +
    `</svg>`
  );
}
