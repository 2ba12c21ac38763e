import { dashboardErrorViewOf, dashboardViewOf, type TableCell } from './dashboard-view';
import { kentReport, nationalReport } from './test-fixtures/compliance-report';

const textOf = (cell: TableCell | undefined) =>
  cell?.text ?? cell?.html?.replace(/<[^>]+>/g, '') ?? '';
const rowTexts = (rows: TableCell[][]) => rows.map((row) => row.map(textOf));

describe("the PCC dashboard's view of one area's report", () => {
  const view = dashboardViewOf(kentReport(), { areaChoices: ['kent'] });
  const area = view.area!;

  it('names the area, the period and the as-of date', () => {
    expect(view.heading).toBe("Victims' Code compliance: Kent");
    expect(view.pageTitle).toBe("Kent: Victims' Code compliance");
    expect(view.periodText).toBe('January 2026 to March 2026, as at 15 April 2026');
  });

  it('headlines the compliance rate and each outcome with its share', () => {
    expect(area.complianceRate).toBe('87.5%');
    expect(area.headline.map((h) => [h.label, h.count, h.rate])).toEqual([
      ['Due in the period', '100', ''],
      ['Met on time', '70', '70.0%'],
      ['Met late', '6', '6.0%'],
      ['Breached', '4', '4.0%'],
      ['Pending', '15', '15.0%'],
      ['Not applicable', '5', '5.0%'],
    ]);
  });

  it('gives the working days late and the feedback', () => {
    expect(area.lateness).toEqual({
      metLate: '6',
      median: '3 working days',
      p90: '7 working days',
    });
    // 45% very and 30% fairly satisfied.
    expect(area.feedback.responses).toBe('20');
    expect(area.feedback.satisfiedRate).toBe('75.0%');
    expect(rowTexts(area.feedback.table.rows)).toContainEqual(['Neither', '[c]', '[c]']);
    expect(area.feedback.table.suppressed).toBe(true);
  });

  it('lists the measures with the rules each counts; one not measured says so and why, not 0', () => {
    expect(rowTexts(area.measures.rows)).toEqual([
      [
        'Acknowledgement of the crime report',
        'R3-written-acknowledgement',
        '40',
        '40 (100.0%)',
        '0 (0.0%)',
        '0 (0.0%)',
        '0 (0.0%)',
        '0 (0.0%)',
        '100.0%',
      ],
      [
        'Release date told in advance',
        'none: the events do not show it',
        'Not measured: No event tells when a release date was given to the victim.',
      ],
    ]);
  });

  it('tabulates the Rights beneath their chart, suppressed counts as [c]', () => {
    const { byRight } = area;
    expect(byRight.table.head.map(textOf)).toEqual([
      'Right',
      'Due',
      'Met on time',
      'Met late',
      'Breached',
      'Pending',
      'Not applicable',
      'Compliance rate',
    ]);
    expect(rowTexts(byRight.table.rows)).toEqual([
      [
        'Right 6: to be provided with information about the investigation and prosecution',
        '80',
        '60 (75.0%)',
        '6 (7.5%)',
        '4 (5.0%)',
        '10 (12.5%)',
        '0 (0.0%)',
        '85.7%',
      ],
      [
        'Right 7: to make a Victim Personal Statement',
        '20',
        '[c]',
        '0 (0.0%)',
        '[c]',
        '5 (25.0%)',
        '5 (25.0%)',
        '[c]',
      ],
    ]);
    expect(byRight.table.suppressed).toBe(true);
    expect(byRight.svg).toContain('<title id="chart-by-right-title">Outcomes by Right</title>');
    expect(byRight.svg).toContain('>20, part suppressed</text>');
    expect(view.suppressionNote).toMatch(
      /^\[c\] means the figure is suppressed: counts from 1 to 4/,
    );
  });

  it('links each Right and agency with breaches to the breach list for the period', () => {
    expect(area.byRight.table.rows[0]![0]!.html).toBe(
      '<a class="govuk-link" href="/dashboard/breaches?policeArea=kent&amp;right=6&amp;from=2026-01-01&amp;to=2026-03-31">' +
        'Right 6: to be provided with information about the investigation and prosecution</a>',
    );
    expect(area.byAgency.table.rows[0]![0]!.html).toContain(
      'href="/dashboard/breaches?policeArea=kent&amp;owedBy=police&amp;from=2026-01-01&amp;to=2026-03-31"',
    );
    // Nothing breached or met late: nothing to list.
    expect(area.byAgency.table.rows[1]![0]).toEqual({ text: 'Witness Care Unit <WCU>' });
    expect(area.breachesHref).toBe(
      '/dashboard/breaches?policeArea=kent&from=2026-01-01&to=2026-03-31',
    );
  });

  it('links nothing to the breach list for a caller who may not read it', () => {
    const national = dashboardViewOf(kentReport(), { drillDown: false }).area!;
    expect(national.breachesHref).toBeNull();
    expect(national.byRight.table.rows[0]![0]).toEqual({
      text: 'Right 6: to be provided with information about the investigation and prosecution',
    });
  });

  it('escapes labels it puts in links', () => {
    const report = kentReport();
    report.areas[0]!.breakdowns[1]!.rows[1]!.figures.counts.breached = 1;
    const cell = dashboardViewOf(report).area!.byAgency.table.rows[1]![0]!;
    expect(cell.html).toContain('>Witness Care Unit &lt;WCU&gt;</a>');
  });

  it('charts and tabulates the monthly trend, a suppressed month as [c]', () => {
    const { trend } = area;
    expect(rowTexts(trend.table.rows).map((r) => [r[0], r[1], r.at(-1)])).toEqual([
      ['January 2026', '37', '85.7%'],
      ['February 2026', '[c]', '[c]'],
      ['March 2026', '63', '88.9%'],
    ]);
    expect(trend.svg.match(/<circle class="app-chart__point"/g)).toHaveLength(2);
    expect(trend.svg).toContain('>no rate</text>');
  });

  it('offers the CSV of the same report, and no area choice to a one-area caller', () => {
    expect(view.csvHref).toBe(
      '/v1/reports/compliance?policeArea=kent&from=2026-01&to=2026-03&asOf=2026-04-15&format=csv',
    );
    expect(view.filters).toEqual({
      action: '/dashboard',
      from: '2026-01',
      to: '2026-03',
      asOf: '2026-04-15',
      policeArea: '',
      areaItems: [],
    });
    expect(view.comparison).toBeNull();
  });
});

describe('the national view of several areas', () => {
  it('compares the areas side by side and shows no one area unless chosen', () => {
    const view = dashboardViewOf(nationalReport(), { areaChoices: ['kent', 'surrey'] });

    expect(view.area).toBeNull();
    expect(view.heading).toBe("Victims' Code compliance");
    expect(rowTexts(view.comparison!.table.rows).map((r) => [r[0], r[1], r[2], r.at(-1)])).toEqual([
      ['Kent', '100', '70 (70.0%)', '87.5%'],
      ['Surrey', '10', '[c]', '[c]'],
    ]);
    expect(view.comparison!.table.rows[1]![0]!.html).toContain(
      'href="/dashboard?policeArea=surrey&amp;from=2026-01&amp;to=2026-03&amp;asOf=2026-04-15"',
    );
    expect(view.comparison!.svg).toContain('Outcomes by police area</title>');
    expect(view.filters.areaItems).toEqual([
      { value: '', text: 'All your areas', selected: true },
      { value: 'kent', text: 'Kent', selected: false },
      { value: 'surrey', text: 'Surrey', selected: false },
    ]);
    expect(view.csvHref).toBe(
      '/v1/reports/compliance?from=2026-01&to=2026-03&asOf=2026-04-15&format=csv',
    );
  });

  it('shows the chosen area in detail beneath the comparison', () => {
    const view = dashboardViewOf(nationalReport(), {
      policeArea: 'surrey',
      areaChoices: ['kent', 'surrey'],
    });

    expect(view.area!.name).toBe('Surrey');
    expect(view.area!.complianceRate).toBe('[c]');
    expect(view.area!.byRight.svg).toContain('No figures for this period');
    expect(view.comparison).not.toBeNull();
    expect(view.filters.areaItems.find((i) => i.selected)).toEqual({
      value: 'surrey',
      text: 'Surrey',
      selected: true,
    });
  });
});

describe('a refused filter', () => {
  it('keeps what was typed, lists each error against its field and shows no figures', () => {
    const view = dashboardErrorViewOf(
      { from: '2026-13', to: '2026-03', asOf: '' },
      [{ field: 'from', text: 'from must be a month as YYYY-MM' }],
      { areaChoices: ['kent'] },
    );

    expect(view.errors).toEqual([{ text: 'from must be a month as YYYY-MM', href: '#from' }]);
    expect(view.fieldErrors).toEqual({ from: { text: 'from must be a month as YYYY-MM' } });
    expect(view.filters.from).toBe('2026-13');
    expect(view.pageTitle).toBe("Error: Victims' Code compliance");
    expect(view.area).toBeNull();
    expect(view.csvHref).toBeNull();
  });
});
