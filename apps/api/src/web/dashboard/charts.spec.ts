import {
  BAR_GEOMETRY,
  OUTCOME_SERIES,
  escapeXml,
  percentOf,
  stackedBarChart,
  TREND_GEOMETRY,
  trendChart,
  trendPointsOf,
  type StackedBar,
} from './charts';

const counts = (
  met: number | null,
  metLate: number | null,
  breached: number | null,
  pending: number | null,
  notApplicable: number | null,
): StackedBar['counts'] => ({
  met,
  'met-late': metLate,
  breached,
  pending,
  'not-applicable': notApplicable,
});

/** Each drawn segment of the chart: its outcome and its width in viewBox units. */
function segmentsOf(svg: string): { outcome: string; x: number; width: number }[] {
  return [
    ...svg.matchAll(
      /<rect class="app-chart__segment" data-outcome="([^"]+)" x="([^"]+)" y="[^"]+" width="([^"]+)"/g,
    ),
  ].map((m) => ({ outcome: m[1]!, x: Number(m[2]), width: Number(m[3]) }));
}

const chartOf = (bars: StackedBar[]) =>
  stackedBarChart({ id: 'by-right', title: 'Outcomes by Right', description: 'A test', bars });

describe('the stacked bar chart of outcomes', () => {
  it('draws each outcome as its share of the bar: 60 met of 100 is 60% of the axis', () => {
    const svg = chartOf([{ label: 'Right 6', total: 100, counts: counts(60, 10, 20, 5, 5) }]);

    expect(segmentsOf(svg)).toEqual([
      { outcome: 'met', x: 0, width: 0.6 * BAR_GEOMETRY.axis },
      { outcome: 'met-late', x: 0.6 * BAR_GEOMETRY.axis, width: 0.1 * BAR_GEOMETRY.axis },
      { outcome: 'breached', x: 0.7 * BAR_GEOMETRY.axis, width: 0.2 * BAR_GEOMETRY.axis },
      { outcome: 'pending', x: 0.9 * BAR_GEOMETRY.axis, width: 0.05 * BAR_GEOMETRY.axis },
      {
        outcome: 'not-applicable',
        x: 0.95 * BAR_GEOMETRY.axis,
        width: 0.05 * BAR_GEOMETRY.axis,
      },
    ]);
    expect(svg).toContain('<title>Right 6: Met on time 60 (60.0%)</title>');
    expect(svg).toContain('>100</text>');
  });

  it('leaves suppressed counts undrawn, an outlined gap of their sum, and says the bar is part suppressed', () => {
    const svg = chartOf([{ label: 'Court', total: 40, counts: counts(30, null, null, 0, 0) }]);

    expect(segmentsOf(svg)).toEqual([{ outcome: 'met', x: 0, width: 0.75 * BAR_GEOMETRY.axis }]);
    expect(svg).toContain(
      `<rect class="app-chart__suppressed" x="${0.75 * BAR_GEOMETRY.axis}" y="76" width="${0.25 * BAR_GEOMETRY.axis}"`,
    );
    expect(svg).toContain('>40, part suppressed</text>');
  });

  it('keeps the known outcomes after a suppressed one in place, after the gap', () => {
    const svg = chartOf([{ label: 'Right 7', total: 20, counts: counts(null, 0, null, 5, 5) }]);

    expect(segmentsOf(svg)).toEqual([
      { outcome: 'pending', x: 0.5 * BAR_GEOMETRY.axis, width: 0.25 * BAR_GEOMETRY.axis },
      { outcome: 'not-applicable', x: 0.75 * BAR_GEOMETRY.axis, width: 0.25 * BAR_GEOMETRY.axis },
    ]);
    expect(svg).toContain('<rect class="app-chart__suppressed" x="0" y="76" width="310"');
  });

  it('draws no bar for a suppressed total and says "suppressed"', () => {
    const svg = chartOf([
      { label: 'Prison', total: null, counts: counts(null, null, null, null, null) },
      { label: 'Police', total: 10, counts: counts(10, 0, 0, 0, 0) },
    ]);

    expect(segmentsOf(svg)).toEqual([{ outcome: 'met', x: 0, width: BAR_GEOMETRY.axis }]);
    expect(svg).toContain('>suppressed</text>');
  });

  it('says "none" for a category with nothing due and a note for a chart with no categories', () => {
    expect(chartOf([{ label: 'Hospital', total: 0, counts: counts(0, 0, 0, 0, 0) }])).toContain(
      '>none</text>',
    );
    const empty = chartOf([]);
    expect(segmentsOf(empty)).toEqual([]);
    expect(empty).toContain('No figures for this period');
  });

  it('is an image named by its title and description', () => {
    const svg = chartOf([{ label: 'Right 1', total: 5, counts: counts(5, 0, 0, 0, 0) }]);

    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="by-right-title by-right-desc"/);
    expect(svg).toContain('<title id="by-right-title">Outcomes by Right</title>');
    expect(svg).toContain('<desc id="by-right-desc">A test</desc>');
    expect(svg).toContain('viewBox="0 0 800 ');
    expect(svg).not.toMatch(/style=/);
    expect(svg).not.toMatch(/\swidth="\d+%?" height="\d+%?"\s*role/);
  });

  it('names every outcome in its legend, each with its own pattern', () => {
    const svg = chartOf([{ label: 'Right 1', total: 5, counts: counts(5, 0, 0, 0, 0) }]);

    for (const s of OUTCOME_SERIES) expect(svg).toContain(`>${s.label}</text>`);
    expect(svg.match(/<pattern id="by-right-pattern-/g)).toHaveLength(4);
    expect(svg).toContain('fill="url(#by-right-pattern-breached)"');
  });

  it('escapes the labels, title and description', () => {
    const svg = stackedBarChart({
      id: 'x',
      title: 'A <b>&</b> "title"',
      description: "it's <script>",
      bars: [{ label: '<script>alert(1)</script>', total: 5, counts: counts(5, 0, 0, 0, 0) }],
    });

    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('A &lt;b&gt;&amp;&lt;/b&gt; &quot;title&quot;');
    expect(svg).toContain('it&#39;s &lt;script&gt;');
  });
});

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("the outcomes' colours", () => {
  it.each(OUTCOME_SERIES.map((s) => [s.label, s.colour]))(
    '%s (%s) has at least 3:1 contrast against white',
    (_label, colour) => {
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
    },
  );

  it.each(OUTCOME_SERIES.slice(1).map((s, i) => [OUTCOME_SERIES[i]!.label, s.label, i]))(
    '%s and %s, side by side in a bar, have at least 3:1 contrast',
    (_a, _b, i) => {
      expect(
        contrast(OUTCOME_SERIES[i]!.colour, OUTCOME_SERIES[i + 1]!.colour),
      ).toBeGreaterThanOrEqual(3);
    },
  );
});

describe('the monthly trend chart', () => {
  const g = TREND_GEOMETRY;
  const plotHeight = g.height - g.top - g.bottom;
  const plotWidth = g.width - g.left - g.right;

  it('puts each month at its rate: 0% at the bottom, 100% at the top, months evenly spaced', () => {
    expect(
      trendPointsOf([
        { month: '2026-01', rate: 1 },
        { month: '2026-02', rate: 0.5 },
        { month: '2026-03', rate: 0 },
      ]),
    ).toEqual([
      { month: '2026-01', x: g.left, y: g.top },
      { month: '2026-02', x: g.left + plotWidth / 2, y: g.top + plotHeight / 2 },
      { month: '2026-03', x: g.left + plotWidth, y: g.top + plotHeight },
    ]);
  });

  it('leaves a gap where a month has no rate', () => {
    const svg = trendChart({
      id: 'trend',
      title: 'Compliance rate by month',
      description: 'Rates',
      points: [
        { month: '2026-01', rate: 0.8 },
        { month: '2026-02', rate: 0.9 },
        { month: '2026-03', rate: null },
        { month: '2026-04', rate: 0.7 },
        { month: '2026-05', rate: 0.75 },
      ],
    });

    const paths = [...svg.matchAll(/<path class="app-chart__line" d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/^M\S+ L\S+$/);
    expect(paths[1]).toMatch(/^M\S+ L\S+$/);
    expect(svg.match(/<circle class="app-chart__point"/g)).toHaveLength(4);
    expect(svg).toContain('<title>Jan 2026: 80.0%</title>');
    expect(svg).toContain('>no rate</text>');
    expect(svg).toContain('>Mar 2026</text>');
    expect(svg).toContain('<title id="trend-title">Compliance rate by month</title>');
  });

  it('marks a lone month between gaps with its point only', () => {
    const svg = trendChart({
      id: 't',
      title: 'T',
      description: 'D',
      points: [
        { month: '2026-01', rate: null },
        { month: '2026-02', rate: 0.5 },
        { month: '2026-03', rate: null },
      ],
    });
    expect(svg).not.toContain('app-chart__line');
    expect(svg.match(/<circle class="app-chart__point"/g)).toHaveLength(1);
  });

  it("labels every other month of a year's trend, so the labels do not overlap", () => {
    const points = Array.from({ length: 12 }, (_, i) => ({
      month: `2025-${String(i + 1).padStart(2, '0')}`,
      rate: 0.5,
    }));
    const svg = trendChart({ id: 't', title: 'T', description: 'D', points });
    const labels = [...svg.matchAll(/>([A-Z][a-z]{2} 2025)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      'Jan 2025',
      'Mar 2025',
      'May 2025',
      'Jul 2025',
      'Sep 2025',
      'Nov 2025',
    ]);
  });

  it('says so when there are no months', () => {
    expect(trendChart({ id: 't', title: 'T', description: 'D', points: [] })).toContain(
      'No figures for this period',
    );
  });
});

describe('formatting', () => {
  it.each([
    [0.875, '87.5%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [2 / 3, '66.7%'],
  ])('%s is %s', (share, text) => expect(percentOf(share)).toBe(text));

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
