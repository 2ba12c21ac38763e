import { assembleReport, monthsBetween, suppressSecondary, type CountRow } from './assemble';
import { REPORT_OUTCOMES, type AreaReport, type OutcomeFigures } from './report';

const AREA = 'west-yorkshire';

/** Rows of the read model for one month: every cut given, each [dimension, value, outcome, count]. */
function rows(
  month: string,
  cuts: [string, string, string, number][],
  late: [number, number][] = [],
): CountRow[] {
  return [
    ...cuts.map(([dimension, value, outcome, count]) => ({
      policeArea: AREA,
      month,
      dimension,
      value,
      outcome,
      workingDaysLate: 0,
      count,
    })),
    ...late.map(([days, count]) => ({
      policeArea: AREA,
      month,
      dimension: 'all',
      value: 'all',
      outcome: 'met-late',
      workingDaysLate: days,
      count,
    })),
  ];
}

const report = (r: CountRow[], from = '2026-03', to = '2026-03') =>
  assembleReport({ rows: r, policeAreas: [AREA], from, to, asOf: '2026-06-30' })
    .areas[0] as AreaReport;

const counts = (f: OutcomeFigures) => [
  f.counts.met,
  f.counts['met-late'],
  f.counts.breached,
  f.counts.pending,
  f.counts['not-applicable'],
  f.total,
];

describe('compliance report: suppression', () => {
  it('hides a count of 1 to 4, and the next smallest in its row so it cannot be worked back from the total', () => {
    // met 10, met late 3, breached 7: 3 is hidden; alone, it would be 20 - 10 - 7.
    const area = report(
      rows(
        '2026-03',
        [
          ['all', 'all', 'met', 10],
          ['agency-rule', 'police/6/arrest-update', 'met', 10],
          ['all', 'all', 'breached', 7],
          ['agency-rule', 'police/6/arrest-update', 'breached', 7],
        ],
        [[2, 3]],
      ).concat(rows('2026-03', [['agency-rule', 'police/6/arrest-update', 'met-late', 3]])),
    );
    expect(counts(area.figures)).toEqual([10, null, null, 0, 0, 20]);
    expect(area.figures.rates.met).toBe(0.5);
    expect(area.figures.rates.breached).toBeNull();
    expect(area.figures.complianceRate).toBeNull();
    expect(area.lateness).toEqual({
      metLate: null,
      medianWorkingDaysLate: null,
      p90WorkingDaysLate: null,
    });
  });

  it('hides a second agency when one agency of two is hidden, so the area total does not give it away', () => {
    // Police 20 met; CPS 3 met: the area shows 23, so CPS's 3 would be 23 - 20. Both go.
    const area = report(
      rows('2026-03', [
        ['all', 'all', 'met', 23],
        ['agency-rule', 'police/6/arrest-update', 'met', 20],
        ['agency-rule', 'cps/6/cps-decision-letter', 'met', 3],
      ]),
    );
    const agency = area.breakdowns.find((b) => b.dimension === 'agency')?.rows ?? [];
    expect(agency.map((r) => [r.value, r.label, r.figures.counts.met, r.figures.total])).toEqual([
      ['cps', 'Crown Prosecution Service', null, null],
      ['police', 'Police', null, null],
    ]);
    expect(counts(area.figures)).toEqual([23, 0, 0, 0, 0, 23]);
    expect(area.figures.complianceRate).toBe(1);
  });

  it('shows zero, and a month of 5 or more, and hides months that would give a small one away', () => {
    const area = report(
      rows('2026-01', [['all', 'all', 'met', 12]]).concat(
        rows('2026-02', [['all', 'all', 'met', 2]]),
        rows('2026-03', [['all', 'all', 'met', 30]]),
      ),
      '2026-01',
      '2026-04',
    );
    expect(area.trend.map((t) => [t.month, t.figures.counts.met, t.figures.total])).toEqual([
      ['2026-01', null, null],
      ['2026-02', null, null],
      ['2026-03', 30, 30],
      ['2026-04', 0, 0],
    ]);
  });

  it('does not let enhanced reasons partition (a victim can have two), but suppresses within each row', () => {
    const area = report(
      rows('2026-03', [
        ['all', 'all', 'met', 9],
        ['enhanced-reason', 'vulnerable', 'met', 9],
        ['enhanced-reason', 'under-18', 'met', 6],
        ['enhanced-reason', 'under-18', 'breached', 1],
      ]),
    );
    const reasons = area.breakdowns.find((b) => b.dimension === 'enhanced-reason')?.rows ?? [];
    expect(reasons.map((r) => [r.value, counts(r.figures)])).toEqual([
      ['under-18', [null, 0, null, 0, 0, 7]],
      ['vulnerable', [9, 0, 0, 0, 0, 9]],
    ]);
  });

  it('publishes lateness from 5 met late: the median and 90th percentile working days by nearest rank', () => {
    const area = report(
      rows(
        '2026-03',
        [['agency-rule', 'police/6/arrest-update', 'met-late', 10]],
        [
          [1, 4],
          [2, 3],
          [5, 2],
          [9, 1],
        ],
      ),
    );
    expect(area.lateness).toEqual({ metLate: 10, medianWorkingDaysLate: 2, p90WorkingDaysLate: 5 });
  });

  it('counts feedback answers beside the figures, hiding small answers and the next smallest', () => {
    const area = report(
      rows('2026-03', [
        ['feedback-overall', 'very-satisfied', 'response', 6],
        ['feedback-overall', 'fairly-satisfied', 'response', 8],
        ['feedback-overall', 'very-dissatisfied', 'response', 2],
        ['feedback-right-6', 'yes', 'response', 5],
      ]),
    );
    expect(area.feedback.responses).toBe(16);
    expect(area.feedback.overall.map((a) => [a.answer, a.count])).toEqual([
      ['very-satisfied', null],
      ['fairly-satisfied', 8],
      ['neither', 0],
      ['fairly-dissatisfied', 0],
      ['very-dissatisfied', null],
    ]);
    expect(area.feedback.overall[1]?.rate).toBe(0.5);
    expect(area.feedback.byRight).toEqual([
      {
        right: 6,
        responses: 5,
        answers: [
          { answer: 'yes', count: 5, rate: 1 },
          { answer: 'partly', count: 0, rate: 0 },
          { answer: 'no', count: 0, rate: 0 },
          { answer: 'not-sure', count: 0, rate: 0 },
        ],
      },
    ]);
  });

  it('says which rules each measure counts, and that a VPS offer has no clock to measure', () => {
    const area = report(
      rows('2026-03', [
        ['agency-rule', 'police/4/support-referral', 'met', 7],
        ['all', 'all', 'met', 7],
      ]),
    );
    expect(area.measures.map((m) => [m.id, m.measured, m.figures.counts.met])).toEqual([
      ['report-acknowledged', true, 0],
      ['referred-to-support', true, 7],
      ['timely-updates', true, 0],
      ['vps-offered', false, 0],
      ['release-date-told', true, 0],
    ]);
    expect(area.measures[2]?.ruleIds).toContain('arrest-update');
  });

  it('leaves no suppressed count alone in any sum of shown figures (random tables)', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 200; run += 1) {
      const cuts: [string, string, string, number][] = [];
      const whole: Record<string, number> = {};
      for (const agency of ['police', 'cps', 'witness-care-unit']) {
        for (const outcome of REPORT_OUTCOMES) {
          const n = random(4) === 0 ? 0 : random(3) === 0 ? 1 + random(4) : random(40);
          cuts.push(['agency-rule', `${agency}/6/rule-of-${agency}`, outcome, n]);
          whole[outcome] = (whole[outcome] ?? 0) + n;
        }
      }
      for (const [o, n] of Object.entries(whole)) cuts.push(['all', 'all', o, n]);
      const area = report(rows('2026-03', cuts));
      const agencyRows = area.breakdowns.find((b) => b.dimension === 'agency')?.rows ?? [];
      const lone = (figures: (number | null)[]) => figures.filter((f) => f === null).length === 1;
      for (const r of [area.figures, ...agencyRows.map((a) => a.figures)]) {
        expect(lone(counts(r))).toBe(false);
        for (const c of counts(r)) expect(c === null || c === 0 || c >= 5).toBe(true);
      }
      for (const o of REPORT_OUTCOMES) {
        expect(lone([...agencyRows.map((a) => a.figures.counts[o]), area.figures.counts[o]])).toBe(
          false,
        );
      }
    }
  });

  it('suppresses the total when every other part of a sum is zero or hidden', () => {
    const cells = [
      { count: 3, suppressed: true },
      { count: 0, suppressed: false },
      { count: 3, suppressed: false },
    ];
    suppressSecondary([cells]);
    expect(cells.map((c) => c.suppressed)).toEqual([true, false, true]);
  });

  it('lists the months of a period across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});
