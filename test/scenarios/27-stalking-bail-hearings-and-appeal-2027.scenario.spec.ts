import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * Stalking (persistently targeted: enhanced rights) through 2027: bail refused then granted on
 * review, a guilty verdict the day before Good Friday, 20 months' custody (eligible for the
 * Victim Contact Scheme) the day before the early May bank holiday, and an appeal around the
 * spring bank holiday (Mon 31 May 2027). The Witness Care Unit owes the court information.
 */
describe('Scenario 27: stalking: bail hearings, verdict, sentence and appeal in 2027', () => {
  const NOW = '2027-07-07T12:00:00Z'; // Wed 7 Jul 2027
  const WCU = { by: 'witness-care-unit' } as const;
  const events = journey()
    .reported('2027-01-04T10:00:00Z', { offenceCategory: 'stalking' }) // Mon 4 Jan 2027
    .told('report-acknowledgement', '2027-01-04T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2027-01-05T10:00:00Z', { service: 'victim-support' })
    .event('suspect-charged', '2027-01-07T16:00:00Z', { suspectNumber: 1, caseUrn: '13WY0010727' })
    .told('charge-decision-update', '2027-01-08T09:00:00Z')
    .by('witness-care-unit', 'bail-hearing-outcome-received', '2027-01-08T15:00:00Z', {
      suspectNumber: 1,
      outcome: 'bail-refused',
    })
    .told('bail-hearing-outcome', '2027-01-11T10:00:00Z', WCU)
    .by('witness-care-unit', 'bail-hearing-outcome-received', '2027-02-12T17:00:00Z', {
      suspectNumber: 1,
      outcome: 'bail-granted',
    })
    .told('bail-hearing-outcome', '2027-02-16T10:00:00Z', WCU)
    .event('verdict-given', '2027-03-25T14:00:00Z', { suspectNumber: 1, verdict: 'guilty' })
    .by('court', 'result-sent-to-witness-care', '2027-03-25T16:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    })
    .told('verdict-outcome', '2027-03-30T09:00:00Z', WCU)
    .event('sentenced', '2027-04-30T11:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'stalking',
      specifiedOffence: true,
      custodyMonths: 20,
      disposal: 'immediate-custody',
    })
    .by('court', 'result-sent-to-witness-care', '2027-04-30T13:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2027-05-04T09:00:00Z', WCU)
    .by('witness-care-unit', 'vcs-referral-made', '2027-05-07T10:00:00Z', { suspectNumber: 1 })
    .by('witness-care-unit', 'appeal-information-received', '2027-05-26T13:00:00Z', {
      suspectNumber: 1,
      stage: 'permission',
    })
    .told('appeal-update', '2027-05-27T11:00:00Z', WCU)
    .by('witness-care-unit', 'appeal-information-received', '2027-05-28T16:00:00Z', {
      suspectNumber: 1,
      stage: 'hearing-date',
    })
    .told('appeal-update', '2027-06-02T10:00:00Z', WCU)
    .by('witness-care-unit', 'appeal-information-received', '2027-07-02T12:00:00Z', {
      suspectNumber: 1,
      stage: 'outcome',
    })
    .build();

  it('gives the WCU 1 working day for each piece of court news, skipping the 2027 holidays', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 4 Jan 2027 (day 0) + 1 wd (enhanced) = Tue 5 Jan 2027. Acknowledged
      // in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2027-01-05',
      },
      // Reported Mon 4 Jan 2027 (day 0) + 2 wd: Tue 5, Wed 6 = Wed 6 Jan. Referred Tue 5 Jan.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2027-01-06',
      },
      ...noClockOnReport({}, true),
      // Charged Thu 7 Jan (day 0) + 1 wd = Fri 8 Jan. Told Fri 8 Jan.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2027-01-08',
      },
      // Bail refused, received Fri 8 Jan (day 0) + 1 wd (enhanced; 5 for a standard victim) =
      // Mon 11 Jan. Told Mon 11 Jan.
      {
        rule: 'bail-hearing-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-01-11',
      },
      // Bail granted on review, received Fri 12 Feb 17:00 + 1 wd = Mon 15 Feb. Told Tue 16 Feb:
      // 1 wd late.
      {
        rule: 'bail-hearing-outcome',
        status: 'met-late',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-02-15',
        late: 1,
      },
      // Guilty verdict Thu 25 Mar 2027 (day 0) + 1 wd: [Fri 26 Good Friday, Sat 27, Sun 28 (the
      // clocks go forward), Mon 29 Easter Monday], Tue 30 Mar, ending 23:00 UTC. Told Tue 30 Mar.
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-03-30',
        endsAt: '2027-03-30T23:00:00.000Z',
      },
      // The court sent the verdict the same day. 5 wd from Thu 25 Mar: [Good Friday 26, Easter
      // Monday 29], Tue 30 (1), Wed 31 (2), Thu 1 Apr (3), Fri 2 (4), Mon 5 Apr (5) = Mon 5 Apr.
      {
        rule: 'court-verdict-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2027-04-05',
      },
      // Sentenced Fri 30 Apr (day 0) + 1 wd: [Mon 3 May early May bank holiday], Tue 4 May.
      // Told Tue 4 May.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-05-04',
      },
      // The court sent the sentence the same day. 5 wd from Fri 30 Apr: [Mon 3 May bank holiday],
      // Tue 4 (1), Wed 5 (2), Thu 6 (3), Fri 7 (4), Mon 10 May (5) = Mon 10 May.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2027-05-10',
      },
      // 20 months for a specified offence: referral within 10 wd of Fri 30 Apr: [Mon 3 May],
      // Tue 4 (1), Wed 5 (2), Thu 6 (3), Fri 7 (4), Mon 10 (5), Tue 11 (6), Wed 12 (7),
      // Thu 13 (8), Fri 14 (9), Mon 17 (10) = Mon 17 May. Referred Fri 7 May.
      {
        rule: 'vcs-referral',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-05-17',
      },
      // Appeal permission received Wed 26 May (day 0) + 1 wd = Thu 27 May. Told Thu 27 May.
      {
        rule: 'appeal-update',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-05-27',
      },
      // Appeal hearing date received Fri 28 May (day 0) + 1 wd: [Mon 31 May spring bank
      // holiday], Tue 1 Jun. Told Wed 2 Jun: 1 wd late.
      {
        rule: 'appeal-update',
        status: 'met-late',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-06-01',
        late: 1,
      },
      // Appeal outcome received Fri 2 Jul (day 0) + 1 wd = Mon 5 Jul. Not told; now Wed 7 Jul:
      // Tue 6 (1), Wed 7 (2) = 2 wd late.
      {
        rule: 'appeal-update',
        status: 'breached',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2027-07-05',
        late: 2,
      },
    ]);
  });
});
