import {
  entitlementsAt,
  expectEntitlements,
  journey,
  noClockOnReport,
  type Expected,
} from './support';

/**
 * A burglary victim agrees with the police to be updated every 14 days. Each update opens the
 * next, due 14 calendar days after it (the rule's unsettled note); a charge ends the
 * investigation and with it the chain. The same report, referral and agreement start both
 * journeys below.
 */
describe('Scenario 18: investigation updates at the agreed frequency (every 14 days)', () => {
  const NOW = '2026-03-20T12:00:00Z'; // Fri 20 Mar 2026
  const agreed = () =>
    journey()
      .reported('2026-02-02T09:00:00Z') // Mon 2 Feb 2026
      .told('report-acknowledgement', '2026-02-02T09:00:00Z', { method: 'email' })
      .event('update-frequency-agreed', '2026-02-02T11:00:00Z', { everyDays: 14 })
      .event('referred-to-support', '2026-02-02T12:00:00Z', { service: 'victim-support' });
  const reportRows: Expected[] = [
    // Right 3: reported Mon 2 Feb (day 0) + 5 wd: Tue 3 to Fri 6, Mon 9 = Mon 9 Feb. Acknowledged
    // in writing when reported.
    {
      rule: 'report-acknowledgement',
      status: 'met',
      owedBy: 'police',
      enhanced: false,
      due: '2026-02-09',
    },
    // Reported Mon 2 Feb (day 0) + 2 wd: Tue 3, Wed 4 = Wed 4 Feb. Referred the same day.
    {
      rule: 'support-referral',
      status: 'met',
      owedBy: 'police',
      enhanced: false,
      due: '2026-02-04',
    },
    ...noClockOnReport(),
  ];

  it('meets two updates, breaches the third, and owes no more once charged', () => {
    const events = agreed()
      .told('agreed-investigation-update', '2026-02-13T10:00:00Z')
      .told('agreed-investigation-update', '2026-02-26T10:00:00Z')
      .event('suspect-charged', '2026-03-18T10:00:00Z', {
        suspectNumber: 1,
        caseUrn: '13WY0018326',
      })
      .told('charge-decision-update', '2026-03-19T10:00:00Z')
      .build();
    expectEntitlements(entitlementsAt(events, NOW), [
      ...reportRows,
      // Agreed Mon 2 Feb + 14 calendar days = Mon 16 Feb. Updated Fri 13 Feb.
      {
        rule: 'agreed-investigation-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-16',
      },
      // From that update, Fri 13 Feb + 14 = Fri 27 Feb. Updated Thu 26 Feb.
      {
        rule: 'agreed-investigation-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-27',
      },
      // From Thu 26 Feb + 14 = Thu 12 Mar (26 Feb + 2 = 28 Feb, + 12 = 12 Mar). Missed. Now
      // Fri 20 Mar: Fri 13 (1), Mon 16 (2), Tue 17 (3), Wed 18 (4), Thu 19 (5), Fri 20 (6) =
      // 6 wd late. (The engine counts a breach's lateness up to now, even after the charge
      // ended the duty on Wed 18 Mar: its documented reading.)
      {
        rule: 'agreed-investigation-update',
        status: 'breached',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-12',
        late: 6,
      },
      // No fourth update: the third was never given, and the charge (Wed 18 Mar) ended the
      // investigation. Charge Wed 18 Mar + 5 wd: Thu 19, Fri 20, Mon 23, Tue 24, Wed 25 =
      // Wed 25 Mar. Told Thu 19 Mar.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-25',
      },
    ]);
  });

  it('restarts the clock from a late update, and a charge before the next falls due ends it', () => {
    const events = agreed()
      .told('agreed-investigation-update', '2026-02-18T10:00:00Z')
      .event('suspect-charged', '2026-03-02T10:00:00Z', {
        suspectNumber: 1,
        caseUrn: '13WY0018326',
      })
      .told('charge-decision-update', '2026-03-03T10:00:00Z')
      .build();
    expectEntitlements(entitlementsAt(events, NOW), [
      ...reportRows,
      // Due Mon 16 Feb; updated Wed 18 Feb: Tue 17 (1), Wed 18 (2) = 2 wd late. The next
      // would be due Wed 18 Feb + 14 = Wed 4 Mar, but the charge on Mon 2 Mar came first,
      // with no update in between: the chain ends, nothing more is owed.
      {
        rule: 'agreed-investigation-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-16',
        late: 2,
      },
      // Charge Mon 2 Mar + 5 wd: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 = Mon 9 Mar. Told Tue 3 Mar.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-09',
      },
    ]);
  });

  it('does not count an update given before the frequency was agreed as the first agreed one', () => {
    // The officer updates the victim at 10:55 and, in the same call, agrees updates every 14
    // days from then (11:00). The first agreed update is due Mon 2 Feb + 14 = Mon 16 Feb; now,
    // Tue 10 Feb, it is still to come.
    const events = journey()
      .reported('2026-02-02T09:00:00Z')
      .event('referred-to-support', '2026-02-02T12:00:00Z', { service: 'victim-support' })
      .told('agreed-investigation-update', '2026-02-02T10:55:00Z')
      .event('update-frequency-agreed', '2026-02-02T11:00:00Z', { everyDays: 14 })
      .build();
    const updates = entitlementsAt(events, '2026-02-10T12:00:00Z').filter(
      (e) => e.ruleId === 'agreed-investigation-update',
    );
    expect(updates.map((e) => [e.status, e.deadline?.localDate, e.fulfilment])).toEqual([
      ['pending', '2026-02-16', null],
    ]);
  });
});
