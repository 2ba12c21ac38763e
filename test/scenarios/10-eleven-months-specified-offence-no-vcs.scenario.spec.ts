import { entitlementsAt, expectEntitlements, journey, noClockOnReport, vcsAt } from './support';

/**
 * A specified violent offence, but 11 months' custody: one month short of the 12 the Victim
 * Contact Scheme needs. The sentence is told (over the August bank holiday); no referral to the
 * scheme is owed, and the offender's record says why.
 */
describe('Scenario 10: 11 months for a specified offence: no Victim Contact Scheme', () => {
  const NOW = '2026-09-15T12:00:00Z';
  const events = journey()
    .reported('2026-07-06T09:00:00Z', { offenceCategory: 'violence-with-injury' }) // Mon 6 Jul
    .told('report-acknowledgement', '2026-07-06T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-07-06T13:00:00Z', { service: 'victim-support' })
    .event('suspect-charged', '2026-07-07T12:00:00Z', { suspectNumber: 1, caseUrn: '13WY0031126' })
    .told('charge-decision-update', '2026-07-08T10:00:00Z')
    .event('plea-entered', '2026-08-03T10:00:00Z', { suspectNumber: 1, plea: 'guilty' })
    .by('court', 'result-sent-to-witness-care', '2026-08-03T12:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    })
    .told('verdict-outcome', '2026-08-04T14:00:00Z', { by: 'witness-care-unit' })
    .event('sentenced', '2026-08-28T13:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'violence-with-injury',
      specifiedOffence: true,
      custodyMonths: 11,
      disposal: 'immediate-custody',
    }) // Fri 28 Aug 2026
    .by('court', 'result-sent-to-witness-care', '2026-08-28T15:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2026-09-01T08:30:00Z', { by: 'witness-care-unit' })
    .build();

  it('owes the sentence, and no referral to the Victim Contact Scheme', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 6 Jul (day 0) + 5 wd: Tue 7 to Fri 10, Mon 13 = Mon 13 Jul.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-07-13',
      },
      // Reported Mon 6 Jul (day 0) + 2 wd: Tue 7, Wed 8 = Wed 8 Jul.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-07-08',
      },
      ...noClockOnReport(),
      // Charge Tue 7 Jul (day 0) + 5 wd: Wed 8, Thu 9, Fri 10, Mon 13, Tue 14 = Tue 14 Jul.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-07-14',
      },
      // Guilty plea Mon 3 Aug (day 0) + 1 wd = Tue 4 Aug. Told Tue 4 Aug.
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-08-04',
      },
      // The court sent the plea the same day. 5 wd from Mon 3 Aug: Tue 4, Wed 5, Thu 6, Fri 7,
      // Mon 10 Aug = Mon 10 Aug.
      {
        rule: 'court-verdict-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2026-08-10',
      },
      // Sentenced Fri 28 Aug (day 0) + 1 wd: Mon 31 Aug is a bank holiday, so Tue 1 Sep
      // (BST: ends 23:00 UTC). Told Tue 1 Sep, 09:30 BST. No vcs-referral row: 11 < 12 months.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-09-01',
        endsAt: '2026-09-01T23:00:00.000Z',
      },
      // The court sent the sentence the same day. 5 wd from Fri 28 Aug: [Mon 31 Aug bank holiday],
      // Tue 1 Sep (1), Wed 2 (2), Thu 3 (3), Fri 4 (4), Mon 7 Sep (5) = Mon 7 Sep.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2026-09-07',
      },
    ]);
  });

  it('records the offender as not eligible for the scheme, and why', () => {
    expect(vcsAt(events, NOW)).toEqual([
      expect.objectContaining({
        suspectNumber: 1,
        eligible: false,
        eligibility: 'custody under 12 months (11)',
        status: 'not-eligible',
        referredAt: null,
      }),
    ]);
  });
});
