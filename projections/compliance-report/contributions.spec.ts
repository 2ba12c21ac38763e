import { endOfLondonDay, londonDateOf } from '@vj/victims-code';
import { journey } from '../testing/journey-builder';
import { entitlementsOf } from '../victim-journey/entitlements';
import { evolveJourney, initialJourneyState } from '../victim-journey/journey-state';
import type { JourneyEvent } from '../journey-event';
import { contributionsOf, type Contribution } from './contributions';

const LATER = new Date('2027-01-01T00:00:00Z');
const stateOf = (events: JourneyEvent[]) => events.reduce(evolveJourney, initialJourneyState());

/** The contributions of one rule in one cut, as [outcome, from, count, workingDaysLate]. */
function steps(events: JourneyEvent[], ruleId: string, dimension = 'all') {
  const all = contributionsOf(
    stateOf(events),
    entitlementsOf(events, LATER).filter((e) => e.ruleId === ruleId),
  );
  return all
    .filter((c) => c.dimension === dimension)
    .map((c) => [c.outcome, c.from, c.count, c.workingDaysLate])
    .sort((a, b) => `${a[1]}${a[0]}`.localeCompare(`${b[1]}${b[0]}`));
}

/** The figures as of the end of a London date: every step from that date or before. */
function asOf(rows: Contribution[], date: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (r.from <= date) out[r.outcome] = (out[r.outcome] ?? 0) + r.count;
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
}

describe('compliance report: contributions', () => {
  // Given a burglary reported Mon 2 March 2026 and an arrest on Fri 6 March (day 0): a standard
  // victim is owed the arrest update by the end of Fri 13 March.
  const arrested = () =>
    journey()
      .reported('2026-03-02T10:15:00Z')
      .event('suspect-arrested', '2026-03-06T16:30:00Z', { suspectNumber: 1 });

  it('counts an entitlement met on its deadline date pending from the trigger, met from that date', () => {
    const events = arrested().informed('arrest-update', '2026-03-13T18:00:00Z').build();
    expect(steps(events, 'arrest-update')).toEqual([
      ['pending', '2026-03-06', 1, null],
      ['met', '2026-03-13', 1, null],
      ['pending', '2026-03-13', -1, null],
    ]);
  });

  it('counts one met late breached from the day after the deadline until told, then met late', () => {
    // Told Tue 17 March: 2 working days late (Mon 16, Tue 17).
    const events = arrested().informed('arrest-update', '2026-03-17T09:00:00Z').build();
    expect(steps(events, 'arrest-update')).toEqual([
      ['pending', '2026-03-06', 1, null],
      ['breached', '2026-03-14', 1, null],
      ['pending', '2026-03-14', -1, null],
      ['breached', '2026-03-17', -1, null],
      ['met-late', '2026-03-17', 1, 2],
    ]);
  });

  it('counts one never met as breached from the day after the deadline, whatever "now" is', () => {
    const events = arrested().build();
    expect(steps(events, 'arrest-update')).toEqual([
      ['pending', '2026-03-06', 1, null],
      ['breached', '2026-03-14', 1, null],
      ['pending', '2026-03-14', -1, null],
    ]);
  });

  it('judges the deadline by the London date: told at 00:30 BST on the day after is late, 0 working days late', () => {
    // Arrest Fri 5 June 2026; due by the end of Fri 12 June (BST). Told 2026-06-12T23:30Z =
    // 00:30 on Sat 13 June in London: late, though no working day has passed.
    const events = journey()
      .reported('2026-06-01T10:00:00Z')
      .event('suspect-arrested', '2026-06-05T10:00:00Z', { suspectNumber: 1 })
      .informed('arrest-update', '2026-06-12T23:30:00Z')
      .build();
    expect(steps(events, 'arrest-update')).toEqual([
      ['pending', '2026-06-05', 1, null],
      ['met-late', '2026-06-13', 1, 0],
      ['pending', '2026-06-13', -1, null],
    ]);
  });

  it('counts one the victim withdrew from as not applicable from the withdrawal date', () => {
    const events = arrested()
      .event('victim-withdrew', '2026-03-10T12:00:00Z', { scope: 'all-contact' })
      .build();
    expect(steps(events, 'arrest-update')).toEqual([
      ['pending', '2026-03-06', 1, null],
      ['not-applicable', '2026-03-10', 1, null],
      ['pending', '2026-03-10', -1, null],
    ]);
  });

  it('counts a waiver (the victim asked not to be told) as not applicable from its date', () => {
    const events = arrested()
      .informed('arrest-update', '2026-03-09T09:00:00Z', { waived: true })
      .build();
    expect(steps(events, 'arrest-update')).toEqual([
      ['pending', '2026-03-06', 1, null],
      ['not-applicable', '2026-03-09', 1, null],
      ['pending', '2026-03-09', -1, null],
    ]);
  });

  it('puts the entitlement in every cut it belongs to, by deadline month', () => {
    const events = journey()
      .reported('2026-03-02T10:15:00Z', {
        offenceCategory: 'domestic-abuse',
        victimDateOfBirth: '2010-01-01',
      })
      .event('suspect-arrested', '2026-03-31T16:30:00Z', { suspectNumber: 1 })
      .build();
    // Enhanced: 1 working day, due Wed 1 April (a new month).
    const rows = contributionsOf(
      stateOf(events),
      entitlementsOf(events, LATER).filter((e) => e.ruleId === 'arrest-update'),
    ).filter((c) => c.count === 1 && c.outcome === 'pending');
    expect(rows.map((r) => [r.dimension, r.value, r.month])).toEqual(
      expect.arrayContaining([
        ['all', 'all', '2026-04'],
        ['enhanced', 'enhanced', '2026-04'],
        ['enhanced-reason', 'most-serious-crime', '2026-04'],
        ['enhanced-reason', 'under-18', '2026-04'],
        ['offence-group', 'violence-against-the-person', '2026-04'],
        ['age-band', 'under-18', '2026-04'],
        ['agency-rule', 'police/6/arrest-update', '2026-04'],
      ]),
    );
    expect(rows).toHaveLength(7);
  });

  it('leaves entitlements without a clock out, and counts feedback by its own date', () => {
    const events = journey()
      .reported('2026-03-02T10:15:00Z')
      .event('victim-feedback-given', '2026-04-20T10:00:00Z', {
        overall: 'fairly-satisfied',
        rights: [
          { right: 6, answer: 'yes' },
          { right: 4, answer: 'no' },
        ],
      })
      .build();
    const rows = contributionsOf(stateOf(events), entitlementsOf(events, LATER));
    expect(rows.some((r) => r.value.endsWith('/vps-offer'))).toBe(false);
    expect(rows.some((r) => r.value === 'police/3/report-acknowledgement')).toBe(true);
    expect(
      rows
        .filter((r) => r.outcome === 'response')
        .map((r) => [r.dimension, r.value, r.month, r.from]),
    ).toEqual([
      ['feedback-overall', 'fairly-satisfied', '2026-04', '2026-04-20'],
      ['feedback-right-4', 'no', '2026-04', '2026-04-20'],
      ['feedback-right-6', 'yes', '2026-04', '2026-04-20'],
    ]);
  });

  it('is the same whatever "now" the entitlements were judged at', () => {
    const events = arrested().informed('arrest-update', '2026-03-17T09:00:00Z').build();
    const state = stateOf(events);
    const early = contributionsOf(state, entitlementsOf(events, new Date('2026-03-20T00:00:00Z')));
    const late = contributionsOf(state, entitlementsOf(events, new Date('2030-01-01T00:00:00Z')));
    expect(early).toEqual(late);
  });

  // For every day of March, what the rows say as of that day is what the judge says at the end of
  // that day of the events that had happened by then (a waiver counted as not applicable).
  it.each([
    [
      'met',
      (b: ReturnType<typeof arrested>) => b.informed('arrest-update', '2026-03-12T09:00:00Z'),
    ],
    [
      'met late',
      (b: ReturnType<typeof arrested>) => b.informed('arrest-update', '2026-03-18T09:00:00Z'),
    ],
    ['breached', (b: ReturnType<typeof arrested>) => b],
    [
      'withdrawn',
      (b: ReturnType<typeof arrested>) =>
        b.event('victim-withdrew', '2026-03-11T09:00:00Z', { scope: 'all-contact' }),
    ],
  ])('agrees with the judged status on every day when %s', (_, then) => {
    const events = then(arrested()).build();
    const rows = contributionsOf(stateOf(events), entitlementsOf(events, LATER)).filter(
      (c) => c.dimension === 'all',
    );
    for (let day = 2; day <= 31; day += 1) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      const now = new Date(new Date(endOfLondonDay(date)).getTime() - 1);
      const happened = events.filter((e) => londonDateOf(e.occurredAt) <= date);
      const judged: Record<string, number> = {};
      for (const e of entitlementsOf(happened, now)) {
        if (!e.deadline) continue;
        const outcome = e.status === 'waived' ? 'not-applicable' : e.status;
        judged[outcome] = (judged[outcome] ?? 0) + 1;
      }
      expect([date, asOf(rows, date)]).toEqual([date, judged]);
    }
  });
});
