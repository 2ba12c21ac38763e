import type { PseudonymousBreach } from '@vj/access-policy';
import { breachListViewOf, type BreachesAnswer } from './breach-list-view';

const breach = (n: number, overrides: Partial<PseudonymousBreach> = {}): PseudonymousBreach => ({
  reference: `pcc-${String(n).padStart(4, '0')}`,
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
  ...overrides,
});

const answer = (overrides: Partial<BreachesAnswer> = {}): BreachesAnswer => ({
  policeAreas: ['kent'],
  owedBy: 'police',
  total: 2,
  byStatus: { breached: 1, 'met-late': 1 },
  limit: 50,
  offset: 0,
  breaches: [
    breach(1),
    breach(2, {
      status: 'met-late',
      enhanced: true,
      workingDaysLate: 2,
      fulfilledAt: '2026-03-31T23:30:00.000Z',
    }),
  ],
  ...overrides,
});

const filters = {
  policeArea: 'kent',
  owedBy: 'police',
  from: '2026-01-01',
  to: '2026-03-31',
};

describe('the breach list behind a dashboard figure', () => {
  it('lists each breach under its pseudonymous reference with what was owed and how late', () => {
    const view = breachListViewOf(answer(), { filters });

    expect(view.table.rows.map((r) => r.map((c) => c.text ?? c.html))).toEqual([
      [
        'pcc-0001',
        'Kent',
        'Police',
        'Right 6',
        'R6-charge-decision',
        '10 February 2026',
        '<strong class="govuk-tag govuk-tag--red">Breached</strong>',
        '4',
        'Not yet',
      ],
      [
        'pcc-0002',
        'Kent',
        'Police',
        'Right 6',
        'R6-charge-decision (enhanced)',
        '10 February 2026',
        '<strong class="govuk-tag govuk-tag--orange">Met late</strong>',
        '2',
        // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST).
        '1 April 2026',
      ],
    ]);
    expect(view.filterSummary).toEqual([
      'Kent',
      'Police',
      'deadlines from 1 January 2026 to 31 March 2026',
    ]);
    expect(view.showing).toBe('Showing 1 to 2 of 2 entitlements');
    expect(view.counts).toEqual({ breached: '1', metLate: '1' });
    expect(view.pagination).toBeNull();
    expect(view.dashboardHref).toBe('/dashboard?policeArea=kent&from=2026-01&to=2026-03');
  });

  it('says so when there is nothing to list', () => {
    const view = breachListViewOf(answer({ total: 0, byStatus: {}, breaches: [] }), { filters });
    expect(view.showing).toBe('No entitlements were breached or met late.');
    expect(view.table.rows).toEqual([]);
    expect(view.counts).toEqual({ breached: '0', metLate: '0' });
  });

  it('pages through a long list keeping its filters', () => {
    const view = breachListViewOf(
      answer({
        total: 120,
        limit: 10,
        offset: 50,
        breaches: Array.from({ length: 10 }, (_, i) => breach(51 + i)),
      }),
      { filters },
    );

    expect(view.showing).toBe('Showing 51 to 60 of 120 entitlements');
    const href = (offset: number) =>
      `/dashboard/breaches?policeArea=kent&owedBy=police&from=2026-01-01&to=2026-03-31${offset ? `&offset=${offset}` : ''}&limit=10`;
    expect(view.pagination).toEqual({
      previous: { href: href(40) },
      next: { href: href(60) },
      items: [
        { number: '1', href: href(0), current: false },
        { ellipsis: true },
        { number: '5', href: href(40), current: false },
        { number: '6', href: href(50), current: true },
        { number: '7', href: href(60), current: false },
        { ellipsis: true },
        { number: '12', href: href(110), current: false },
      ],
    });
  });

  it('shows no field a victim could be known by, even if the answer carried one', () => {
    const leaky = {
      ...breach(1),
      victimId: 'victim-123',
      crimeReference: 'CRIME/42',
    } as PseudonymousBreach;
    const view = breachListViewOf(answer({ breaches: [leaky], total: 1 }), { filters });
    const shown = JSON.stringify(view);
    expect(shown).not.toContain('victim-123');
    expect(shown).not.toContain('CRIME/42');
  });
});
