import { entitlementsAt, expectEntitlements, journey, noClockOnReport, vcsAt } from './support';

/**
 * A sexual offence (enhanced rights) ending in a suspended sentence, posted with the version 2
 * `sentenced` schema, which names the disposal. A suspended sentence is not immediate custody
 * (custodyMonths counts immediate custody only, so 0): no Victim Contact Scheme, although the
 * offence is specified. The sentence is told after the early May bank holiday, a day late.
 */
describe('Scenario 12: suspended sentence (sentenced v2): not eligible for the scheme', () => {
  const NOW = '2026-05-08T12:00:00Z';
  const events = journey()
    .reported('2026-04-14T09:00:00Z', { offenceCategory: 'sexual-offence' }) // Tue 14 Apr
    .told('report-acknowledgement', '2026-04-14T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-04-14T12:00:00Z', { service: 'sexual-violence-service' })
    .event('suspect-charged', '2026-04-20T10:00:00Z', { suspectNumber: 1, caseUrn: '13WY0042026' })
    .told('charge-decision-update', '2026-04-20T15:00:00Z')
    .event('plea-entered', '2026-04-27T09:30:00Z', { suspectNumber: 1, plea: 'guilty' })
    .by('court', 'result-sent-to-witness-care', '2026-04-27T11:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    })
    .told('verdict-outcome', '2026-04-27T14:00:00Z', { by: 'witness-care-unit' })
    .event('sentenced', '2026-04-30T15:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'sexual-offence',
      specifiedOffence: true,
      custodyMonths: 0,
      disposal: 'suspended-sentence',
    }) // Thu 30 Apr 2026, 16:00 BST
    .by('court', 'result-sent-to-witness-care', '2026-04-30T16:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2026-05-05T09:00:00Z', { by: 'witness-care-unit' })
    .build();

  it('owes the sentence only, told a working day late', () => {
    const all = entitlementsAt(events, NOW);
    expect(events.find((e) => e.type === 'sentenced')?.schemaVersion).toBe(2);
    expectEntitlements(all, [
      // Right 3: reported Tue 14 Apr (day 0) + 1 wd (enhanced) = Wed 15 Apr. Acknowledged in
      // writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-04-15',
      },
      // Reported Tue 14 Apr (day 0) + 2 wd: Wed 15, Thu 16 = Thu 16 Apr.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-04-16',
      },
      ...noClockOnReport({}, true),
      // Charge Mon 20 Apr (day 0) + 1 wd = Tue 21 Apr. Told Mon 20 Apr.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-04-21',
      },
      // Guilty plea Mon 27 Apr (day 0) + 1 wd = Tue 28 Apr. Told Mon 27 Apr.
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-04-28',
      },
      // The court sent the plea the same day. 5 wd (enhanced or not) from Mon 27 Apr: Tue 28 (1),
      // Wed 29 (2), Thu 30 (3), Fri 1 May (4), [Mon 4 May bank holiday], Tue 5 May (5) = Tue 5 May.
      {
        rule: 'court-verdict-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2026-05-05',
      },
      // Sentenced Thu 30 Apr (day 0) + 1 wd = Fri 1 May. Told Tue 5 May: after Fri 1 May come
      // [Sat 2, Sun 3, Mon 4 May early May bank holiday], Tue 5 (1) = 1 wd late.
      // No vcs-referral row: no immediate custody.
      {
        rule: 'sentence-outcome',
        status: 'met-late',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-05-01',
        late: 1,
      },
      // The court sent the sentence the same day (17:00 BST). 5 wd from Thu 30 Apr: Fri 1 May (1),
      // [Mon 4 May], Tue 5 (2), Wed 6 (3), Thu 7 (4), Fri 8 May (5) = Fri 8 May.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2026-05-08',
      },
    ]);
  });

  it('records the offender as not eligible: no immediate custody', () => {
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        eligible: false,
        eligibility: 'no immediate custody (suspended-sentence)',
        status: 'not-eligible',
      },
    ]);
  });
});
