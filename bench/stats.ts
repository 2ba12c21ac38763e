/**
 * The benchmark's arithmetic and its Markdown: pure, so the figures it prints are tested once.
 */

/** The p-th quantile (0..1) of ascending `sorted`, nearest rank; NaN for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

/** Whole numbers grouped in thousands (en-GB): 12,345. */
export function grouped(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : '-';
}

/** `a / b` as "1.23x", or "-" when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0)
    return '-';
  return `${(a / b).toFixed(2)}x`;
}

/**
 * How a figure stands against its aim: "met (1.23x)" or "NOT met (0.45x)". `higher` is true when
 * more is better (a rate), false when less is (a latency, a growth).
 */
export function verdict(value: number | undefined, aim: number, higher: boolean): string {
  if (value === undefined || !Number.isFinite(value)) return 'unmeasured';
  const met = higher ? value >= aim : value <= aim;
  const times = higher ? value / aim : aim / value;
  return `${met ? 'met' : 'NOT met'} (${times.toFixed(2)}x)`;
}

/** A GitHub Markdown table; the columns named in `right` are right-aligned (figures). */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number> = new Set(),
): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) =>
    `| ${header.map((_, i) => escape(cells[i] ?? '')).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (right.has(i) ? '---:' : '---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
