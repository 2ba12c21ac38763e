import { entitlementsAt, expectEntitlements, journey, noClockOnReport, vcsAt } from './support';

/**
 * A theft; the defendant is given a hospital order under the Mental Health Act 1983. A hospital
 * order gives the victim the Victim Contact Scheme only for a sexual, violent or terrorism offence
 * (DVCVA 2004 ss36–36A): the victim is still told the outcome, but no referral to the scheme is
 * owed. (Scenario 13 is the same order for an attempted murder: eligible.)
 */
describe('Scenario 40: hospital order for a theft: no Victim Contact Scheme', () => {
  const NOW = '2026-11-30T12:00:00Z';
  const events = journey()
    .reported('2026-03-02T10:00:00Z', { offenceCategory: 'theft' }) // Mon 2 Mar 2026 (GMT)
    .told('report-acknowledgement', '2026-03-02T11:00:00Z')
    .event('referred-to-support', '2026-03-02T15:00:00Z', { service: 'victim-support' })
    .event('hospital-order-made', '2026-10-14T11:00:00Z', {
      suspectNumber: 1,
      restricted: false,
      offenceCategory: 'theft',
      specifiedOffence: false,
    }) // Wed 14 Oct 2026, 12:00 BST
    .by('court', 'result-sent-to-witness-care', '2026-10-14T13:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2026-10-15T10:00:00Z', { by: 'witness-care-unit' })
    .build();

  it('owes the outcome but no referral to the scheme', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 2 Mar (day 0) + 5 wd: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 = Mon 9
      // Mar. Acknowledged the same day.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-09',
      },
      // Reported Mon 2 Mar (day 0) + 2 wd: Tue 3, Wed 4 = Wed 4 Mar. Referred Mon 2 Mar.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-04',
      },
      ...noClockOnReport(),
      // Order made and sent to the unit Wed 14 Oct (day 0) + 1 wd = Thu 15 Oct (BST: ends 23:00
      // UTC). Told Thu 15 Oct. No `vcs-referral` row: a theft is not a specified offence.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-10-15',
        endsAt: '2026-10-15T23:00:00.000Z',
      },
      // The court sent the order the same day. 5 wd from Wed 14 Oct: Thu 15, Fri 16, Mon 19,
      // Tue 20, Wed 21 = Wed 21 Oct: met.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2026-10-21',
      },
    ]);
  });

  it('shows the victim as not eligible, and why', () => {
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        suspectNumber: 1,
        eligible: false,
        eligibility: 'hospital order, not a specified violent or sexual offence',
        status: 'not-eligible',
      },
    ]);
  });
});
