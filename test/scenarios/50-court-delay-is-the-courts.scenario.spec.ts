import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * The court is slow to pass on a listing and a verdict; the Witness Care Unit tells the victim
 * within its 1 working day of receiving each. The court owes 5 working days from the listing or
 * the outcome (Code 2020, Rights 8 and 9), the unit 1 working day from its receipt: the delay is
 * the court's, and the unit has no breach. The sentence is sent on time and the unit records no
 * receipt: its clock starts when the court sent it. Standard victim, January to April 2027
 * (Good Friday 26 Mar, Easter Monday 29 Mar, BST from Sun 28 Mar).
 */
describe("Scenario 50: a court's delay is the court's, not the Witness Care Unit's", () => {
  const NOW = '2027-04-09T12:00:00Z'; // Fri 9 Apr 2027
  const WCU = { by: 'witness-care-unit' } as const;
  const events = journey()
    .reported('2027-01-04T10:00:00Z', { offenceCategory: 'violence-with-injury' }) // Mon 4 Jan
    .told('report-acknowledgement', '2027-01-04T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2027-01-05T10:00:00Z', { service: 'victim-support' })
    .event('suspect-charged', '2027-01-06T15:00:00Z', { suspectNumber: 1, caseUrn: '13WY0050127' })
    .told('charge-decision-update', '2027-01-07T10:00:00Z')
    .event('hearing-listed', '2027-01-08T10:00:00Z', {
      hearingId: 'H-1',
      court: 'Leeds Crown Court',
      hearingAt: '2027-02-15T10:00:00Z',
    })
    .event('result-sent-to-witness-care', '2027-01-19T09:00:00Z', {
      result: 'hearing-details',
      hearingId: 'H-1',
    })
    .event('hearing-details-received', '2027-01-19T11:00:00Z', {
      hearingId: 'H-1',
      court: 'Leeds Crown Court',
      hearingAt: '2027-02-15T10:00:00Z',
    })
    .told('hearing-details', '2027-01-20T10:00:00Z', WCU)
    .event('verdict-given', '2027-02-18T15:00:00Z', { suspectNumber: 1, verdict: 'guilty' })
    .event('result-sent-to-witness-care', '2027-03-02T10:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    })
    .event('court-result-received', '2027-03-02T14:00:00Z', { result: 'verdict', suspectNumber: 1 })
    .told('verdict-outcome', '2027-03-03T10:00:00Z', WCU)
    .event('sentenced', '2027-03-19T11:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'violence-with-injury',
      specifiedOffence: false,
      custodyMonths: 8,
      disposal: 'immediate-custody',
    })
    .event('result-sent-to-witness-care', '2027-03-22T10:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2027-03-23T15:00:00Z', WCU)
    .build();

  it("charges each step to the agency that took it: the court's to the court, the unit's from its receipt", () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 4 Jan 2027 (day 0) + 5 wd: Tue 5 to Fri 8, Mon 11 = Mon 11 Jan.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-01-11',
      },
      // Reported Mon 4 Jan (day 0) + 2 wd: Tue 5, Wed 6 = Wed 6 Jan. Referred Tue 5 Jan.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-01-06',
      },
      ...noClockOnReport(),
      // Charged Wed 6 Jan (day 0) + 5 wd: Thu 7, Fri 8, Mon 11, Tue 12, Wed 13 = Wed 13 Jan.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-01-13',
      },
      // Listed Fri 8 Jan (day 0); the court's 5 wd: Mon 11, Tue 12, Wed 13, Thu 14, Fri 15 Jan
      // = Fri 15 Jan. Sent Tue 19 Jan: Mon 18 (1), Tue 19 (2) = 2 wd late.
      {
        rule: 'court-hearing-details-sent',
        status: 'met-late',
        owedBy: 'court',
        enhanced: false,
        due: '2027-01-15',
        late: 2,
      },
      // The unit received the details Tue 19 Jan (day 0) + 1 wd = Wed 20 Jan. Told Wed 20 Jan.
      {
        rule: 'hearing-details',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-01-20',
      },
      // Verdict Thu 18 Feb. The unit received it Tue 2 Mar (day 0) + 1 wd = Wed 3 Mar. Told
      // Wed 3 Mar. (Counted from the verdict it would have been due Fri 19 Feb, 8 wd late.)
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-03-03',
      },
      // The court's 5 wd from Thu 18 Feb: Fri 19, Mon 22, Tue 23, Wed 24, Thu 25 Feb = Thu 25 Feb.
      // Sent Tue 2 Mar: Fri 26 (1), Mon 1 Mar (2), Tue 2 Mar (3) = 3 wd late.
      {
        rule: 'court-verdict-sent',
        status: 'met-late',
        owedBy: 'court',
        enhanced: false,
        due: '2027-02-25',
        late: 3,
      },
      // Sentenced Fri 19 Mar; the court sent it Mon 22 Mar and the unit recorded no receipt: its
      // clock starts at the sending, Mon 22 Mar (day 0) + 1 wd = Tue 23 Mar. Told Tue 23 Mar.
      // 8 months for an offence that is not specified: no VCS referral is owed.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-03-23',
      },
      // The court's 5 wd from Fri 19 Mar: Mon 22 (1), Tue 23 (2), Wed 24 (3), Thu 25 (4),
      // [Good Friday 26, Easter Monday 29], Tue 30 Mar (5) = Tue 30 Mar, in BST. Sent Mon 22 Mar.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2027-03-30',
        endsAt: '2027-03-30T23:00:00.000Z',
      },
    ]);
  });

  it("reports the court's two late steps, and none of the unit's", () => {
    expect(
      breachesOf(entitlementsAt(events, NOW)).map((b) => [b.owedBy, b.ruleId, b.workingDaysLate]),
    ).toEqual([
      ['court', 'court-hearing-details-sent', 2],
      ['court', 'court-verdict-sent', 3],
    ]);
  });
});
