import { nunjucksEnvironment } from '../nunjucks-setup';
import { breachListViewOf } from './breach-list-view';
import { dashboardErrorViewOf, dashboardViewOf } from './dashboard-view';
import { kentReport, nationalReport } from './test-fixtures/compliance-report';

// The pages' own environment and layout, as the routes render them.
const env = nunjucksEnvironment();

/** The page's text with tags dropped and white space collapsed, as a reader meets it. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
/** The cells of the table with this caption, row by row, as text. */
function tableOf(html: string, caption: string): string[][] {
  const tables = html.split('<table').slice(1);
  const table = tables.find((t) => textOf(t.slice(0, t.indexOf('</caption>'))).endsWith(caption));
  if (!table) throw new Error(`no table captioned ${caption}`);
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!)),
  );
}
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('the dashboard page', () => {
  const html = env.render('dashboard/dashboard.njk', {
    dashboard: dashboardViewOf(kentReport(), { areaChoices: ['kent'] }),
  });
  const main = mainOf(html);

  it('is titled and headed for the area and period', () => {
    expect(html).toContain('<title>Kent: Victims&#39;');
    expect(textOf(main)).toContain(
      "January 2026 to March 2026, as at 15 April 2026 Victims' Code compliance: Kent",
    );
    expect(textOf(main)).toContain('Met on time 87.5% of entitlements whose deadline has ended');
  });

  it('shows the headline figures and the five measures', () => {
    expect(textOf(main)).toContain(
      'Due in the period 100 Met on time 70 (70.0%) Met late 6 (6.0%)',
    );
    expect(textOf(main)).toContain('Median working days late 3 working days');
    expect(tableOf(main, 'The five measures returned to the Ministry of Justice')[1]).toEqual([
      'Acknowledgement of the crime report',
      'R3-written-acknowledgement',
      '40',
      '40 (100.0%)',
      '0 (0.0%)',
      '0 (0.0%)',
      '0 (0.0%)',
      '0 (0.0%)',
      '100.0%',
    ]);
    expect(tableOf(main, 'The five measures returned to the Ministry of Justice')[2]).toEqual([
      'Release date told in advance',
      'none: the events do not show it',
      'Not measured: No event tells when a release date was given to the victim.',
    ]);
  });

  it('draws each chart with its table beneath, rows headed by their category', () => {
    for (const title of ['Outcomes by Right', 'Outcomes by agency', 'Compliance rate by month'])
      expect(main).toMatch(
        new RegExp(`<h2 class="govuk-heading-m" id="chart-[a-z-]+-heading">${title}</h2>`),
      );
    expect(main).toContain('<title id="chart-by-right-title">Outcomes by Right</title>');
    expect(main).toContain('role="img" aria-labelledby="chart-trend-title chart-trend-desc"');

    const byRight = tableOf(main, 'Outcomes by Right, Kent');
    expect(byRight[0]).toEqual([
      'Right',
      'Due',
      'Met on time',
      'Met late',
      'Breached',
      'Pending',
      'Not applicable',
      'Compliance rate',
    ]);
    expect(byRight[2]).toEqual([
      'Right 7: to make a Victim Personal Statement',
      '20',
      '[c]',
      '0 (0.0%)',
      '[c]',
      '5 (25.0%)',
      '5 (25.0%)',
      '[c]',
    ]);
    expect(main).toMatch(/<th scope="col" class="govuk-table__header">\s*Right\s*<\/th>/);
    expect(main).toMatch(/<th scope="row" class="govuk-table__header">\s*<a class="govuk-link"/);
    expect(tableOf(main, 'Outcomes by month of deadline, Kent').map((r) => r[0])).toEqual([
      'Month',
      'January 2026',
      'February 2026',
      'March 2026',
    ]);
    expect(textOf(main)).toContain('[c] means the figure is suppressed: counts from 1 to 4');
  });

  it('escapes labels and links to the drill-down and the CSV', () => {
    expect(main).toContain('Witness Care Unit &lt;WCU&gt;');
    expect(main).not.toContain('<WCU>');
    expect(main).toContain(
      'href="/dashboard/breaches?policeArea=kent&amp;right=6&amp;from=2026-01-01&amp;to=2026-03-31"',
    );
    expect(main).toContain(
      'href="/v1/reports/compliance?policeArea=kent&amp;from=2026-01&amp;to=2026-03&amp;asOf=2026-04-15&amp;format=csv"',
    );
  });

  it('has a GET filter form and no inline style', () => {
    expect(main).toMatch(/<form method="get" action="\/dashboard"/);
    expect(main).toMatch(/id="from" name="from" type="text" value="2026-01"/);
    expect(main).not.toContain('id="policeArea"');
    expect(main).not.toMatch(/\sstyle=/);
  });
});

describe('the national dashboard', () => {
  it('compares the areas in a chart and a table and offers each area', () => {
    const html = env.render('dashboard/dashboard.njk', {
      dashboard: dashboardViewOf(nationalReport(), { areaChoices: ['kent', 'surrey'] }),
    });
    const main = mainOf(html);

    expect(main).toContain('<title id="chart-by-area-title">Outcomes by police area</title>');
    expect(tableOf(main, 'Outcomes by police area').map((r) => r.slice(0, 3))).toEqual([
      ['Police area', 'Due', 'Met on time'],
      ['Kent', '100', '70 (70.0%)'],
      ['Surrey', '10', '[c]'],
    ]);
    expect(main).toContain('<select class="govuk-select" id="policeArea" name="policeArea"');
    expect(main).not.toContain('data-qa="area-heading"');
  });
});

describe('the dashboard with a refused filter', () => {
  it('shows the GOV.UK error summary linked to the field, and its message', () => {
    const html = env.render('dashboard/dashboard.njk', {
      dashboard: dashboardErrorViewOf(
        { from: '2026-13', to: '2026-03' },
        [{ field: 'from', text: 'Enter the first month as YYYY-MM, for example 2026-01' }],
        {},
      ),
    });
    const main = mainOf(html);

    expect(html).toContain('<title>Error: Victims&#39; Code compliance');
    expect(main).toContain('govuk-error-summary');
    expect(main).toContain(
      '<a href="#from">Enter the first month as YYYY-MM, for example 2026-01</a>',
    );
    expect(main).toMatch(
      /id="from-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:<\/span> Enter the first month/,
    );
    expect(main).not.toContain('<svg');
  });
});

describe('the breach list page', () => {
  it('lists breaches by pseudonymous reference with pagination and a way back', () => {
    const html = env.render('dashboard/breaches.njk', {
      breachList: breachListViewOf(
        {
          policeAreas: ['kent'],
          owedBy: 'police',
          total: 60,
          byStatus: { breached: 45, 'met-late': 15 },
          limit: 50,
          offset: 0,
          breaches: [
            {
              reference: 'pcc-7f3a',
              policeArea: 'kent',
              owedBy: 'police',
              right: 6,
              ruleId: 'R6-charge-decision',
              edition: 'code-2020',
              enhanced: false,
              deadline: '2026-02-10',
              status: 'breached',
              workingDaysLate: 4,
              fulfilledAt: null,
            },
          ],
        },
        { filters: { policeArea: 'kent', owedBy: 'police' } },
      ),
    });
    const main = mainOf(html);

    expect(textOf(main)).toContain('Kent, Police Entitlements breached or met late');
    expect(tableOf(main, 'Entitlements breached or met late, by pseudonymous reference')).toEqual([
      [
        'Reference',
        'Police area',
        'Owed by',
        'Right',
        'Rule',
        'Deadline',
        'Status',
        'Working days late',
        'Met on',
      ],
      [
        'pcc-7f3a',
        'Kent',
        'Police',
        'Right 6',
        'R6-charge-decision',
        '10 February 2026',
        'Breached',
        '4',
        'Not yet',
      ],
    ]);
    expect(textOf(main)).toContain('Showing 1 to 1 of 60 entitlements');
    expect(main).toContain('govuk-pagination');
    expect(main).toContain(
      'href="/dashboard/breaches?policeArea=kent&amp;owedBy=police&amp;offset=50&amp;limit=50"',
    );
    expect(html).toContain('href="/dashboard?policeArea=kent"');
  });
});
