import { nunjucksEnvironment } from '../nunjucks-setup';
import { caseloadCountView } from './caseload-count';

// The page's own environment and layout, as the route renders it.
const env = nunjucksEnvironment();
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The caseload page with one row shown, as the route passes it. */
function render(total: number, totalCapped: boolean) {
  return env.render('caseload/caseload.njk', {
    pageTitle: 'Caseload',
    tabs: [],
    due: 'overdue',
    dueLabel: 'Overdue',
    owedBy: 'police',
    agencyItems: [],
    rightItems: [],
    ruleItems: [],
    sortItems: [],
    ...caseloadCountView(total, totalCapped),
    rows: [
      {
        victimId: 'v1',
        crimeReference: '13/500001/26',
        enhanced: false,
        title: 'Acknowledge the crime report',
        right: 3,
        deadline: { localDate: '2026-03-05' },
        status: 'breached',
      },
    ],
    areaNames: 'West Yorkshire',
    from: 1,
    to: 20,
  });
}

describe('the caseload page’s count', () => {
  it('says "more than" and how to see the rest when counting stopped at the cap', () => {
    const html = render(1000, true);
    expect(textOf(html)).toContain('Overdue: more than 1,000 entitlements (showing 1 to 20)');
    expect(textOf(html)).toContain(
      'The caseload stops counting at 1,000: choose a Right or a rule, or sort by the latest deadline, to see the rest.',
    );
  });

  it('gives the exact count, and no such note, under the cap', () => {
    const html = render(1, false);
    expect(textOf(html)).toContain('Overdue: 1 entitlement (showing 1 to 20)');
    expect(html).not.toContain('data-qa="caseload-capped"');
  });
});
