import type { JourneyEvent } from '@vj/projections';
import {
  entitlementsAt,
  expectEntitlements,
  journey,
  noClockOnReport,
  postedAtVersion,
  vcsAt,
} from './support';

/**
 * A court system still on version 1 of `sentenced` (no disposal field) sentences two robbers on
 * Thu 23 Dec 2027: 30 months' custody for one, no custody for the other. The projections lift
 * version 1 to version 2 as they read it: custody above 0 months was immediate custody, 0 says
 * nothing more than "other". The referral clock runs over Christmas 2027 (both holidays fall at
 * the weekend: substitute days Mon 27 and Tue 28 Dec) and New Year 2028 (Sat 1 Jan: substitute
 * day Mon 3 Jan 2028).
 */
describe('Scenario 25: version 1 sentences, over Christmas 2027 and New Year 2028', () => {
  const NOW = '2028-01-12T12:00:00Z';
  const v1 = (suspectNumber: number, custodyMonths: number) => ({
    suspectNumber,
    offenceCategory: 'robbery',
    specifiedOffence: true,
    custodyMonths,
  });
  const asPosted = (e: JourneyEvent) =>
    e.type === 'sentenced'
      ? postedAtVersion(e, 1, v1(e.data.suspectNumber, e.data.custodyMonths))
      : e;
  const events = journey()
    .reported('2027-07-05T09:00:00Z', { offenceCategory: 'robbery' }) // Mon 5 Jul 2027
    .told('report-acknowledgement', '2027-07-05T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2027-07-05T10:00:00Z', { service: 'victim-support' })
    .event('sentenced', '2027-12-23T12:00:00Z', v1(1, 30)) // Thu 23 Dec 2027
    .event('sentenced', '2027-12-23T12:30:00Z', v1(2, 0))
    .by('court', 'result-sent-to-witness-care', '2027-12-23T14:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .by('court', 'result-sent-to-witness-care', '2027-12-23T14:00:00Z', {
      result: 'sentence',
      suspectNumber: 2,
    })
    .told('sentence-outcome', '2027-12-24T10:00:00Z', { by: 'witness-care-unit' })
    .told('sentence-outcome', '2027-12-24T10:05:00Z', { by: 'witness-care-unit' })
    .by('witness-care-unit', 'vcs-referral-made', '2028-01-04T10:00:00Z', { suspectNumber: 1 })
    .build()
    .map(asPosted);

  it('reads the version 1 sentences as version 2', () => {
    expect(events.filter((e) => e.type === 'sentenced').map((e) => e.data.disposal)).toEqual([
      'immediate-custody',
      'other',
    ]);
  });

  it('owes a referral for the 30-month offender only', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 5 Jul 2027 (day 0) + 5 wd: Tue 6 to Fri 9, Mon 12 = Mon 12 Jul.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-07-12',
      },
      // Reported Mon 5 Jul 2027 (day 0) + 2 wd: Tue 6, Wed 7 = Wed 7 Jul.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-07-07',
      },
      ...noClockOnReport(),
      // Suspect 1 sentenced Thu 23 Dec 2027 (day 0) + 1 wd = Fri 24 Dec (Christmas Eve is a
      // working day). Told Fri 24 Dec.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-12-24',
      },
      // The court sent both sentences the same day. 5 wd from Thu 23 Dec 2027: Fri 24 (1),
      // [Mon 27 and Tue 28 Dec, the Christmas and Boxing Day substitutes], Wed 29 (2), Thu 30 (3),
      // Fri 31 (4), [Mon 3 Jan 2028, the New Year substitute], Tue 4 Jan (5) = Tue 4 Jan 2028.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2028-01-04',
      },
      // VCS referral, 10 wd from Thu 23 Dec 2027: Fri 24 (1), [Sat 25, Sun 26, Mon 27 and
      // Tue 28 substitute days], Wed 29 (2), Thu 30 (3), Fri 31 (4), [Sat 1 Jan 2028, Sun 2,
      // Mon 3 Jan substitute day], Tue 4 (5), Wed 5 (6), Thu 6 (7), Fri 7 (8), Mon 10 (9),
      // Tue 11 Jan (10) = Tue 11 Jan 2028. Referred Tue 4 Jan.
      {
        rule: 'vcs-referral',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2028-01-11',
        endsAt: '2028-01-12T00:00:00.000Z',
      },
      // Suspect 2, no custody: the sentence only. Fri 24 Dec; told Fri 24 Dec.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-12-24',
      },
      // The second sentence, sent the same day: due Tue 4 Jan 2028, as above.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2028-01-04',
      },
    ]);
  });

  it('keeps one scheme record per offender', () => {
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        suspectNumber: 1,
        eligible: true,
        eligibility: "30 months' custody for a specified offence",
        status: 'referred',
      },
      {
        suspectNumber: 2,
        eligible: false,
        eligibility: 'no immediate custody (other)',
        status: 'not-eligible',
      },
    ]);
  });
});
