import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * The police outcomes that end a case without a charge. Crime A (criminal damage): one suspect
 * released with no further action, the other given a community resolution (an out-of-court
 * disposal). Crime B (theft from the victim's car), reported later: the police decide not to
 * investigate. Standard victim throughout; the clocks go back on Sun 25 Oct 2026.
 */
describe('Scenario 26: no further action, out-of-court disposal, decision not to investigate', () => {
  const NOW = '2026-11-11T12:00:00Z'; // Wed 11 Nov 2026
  const A = '13/300001/26';
  const B = '13/300777/26';
  const events = journey(A)
    .reported('2026-10-12T09:00:00Z', { offenceCategory: 'criminal-damage' }) // Mon 12 Oct
    .told('report-acknowledgement', '2026-10-12T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-10-12T11:00:00Z', { service: 'victim-support' })
    .event('suspect-arrested', '2026-10-13T09:00:00Z', { suspectNumber: 1 })
    .told('arrest-update', '2026-10-13T15:00:00Z')
    .event('suspect-released-no-further-action', '2026-10-16T15:00:00Z', { suspectNumber: 1 })
    .event('suspect-arrested', '2026-10-21T10:00:00Z', { suspectNumber: 2 })
    .told('arrest-update', '2026-10-22T10:00:00Z')
    .told('release-no-further-action-update', '2026-10-24T10:00:00Z') // Sat 24 Oct
    .event('out-of-court-disposal-given', '2026-10-30T12:00:00Z', {
      suspectNumber: 2,
      disposal: 'community-resolution',
    })
    .event(
      'crime-reported',
      '2026-11-02T09:00:00Z',
      {
        victimNumber: 1,
        offenceCategory: 'vehicle-offence',
        victimDateOfBirth: '1988-07-14',
        enhancedRights: {
          vulnerable: false,
          intimidated: false,
          persistentlyTargeted: false,
          mostSeriousCrime: false,
          bereaved: false,
        },
      },
      { crimeReference: B },
    ) // Mon 2 Nov
    .told('report-acknowledgement', '2026-11-02T09:00:00Z', { crime: B, method: 'email' })
    .event(
      'referred-to-support',
      '2026-11-03T09:00:00Z',
      { service: 'victim-support' },
      {
        crimeReference: B,
      },
    )
    .event(
      'decided-not-to-investigate',
      '2026-11-03T11:00:00Z',
      {
        reason: 'No lines of enquiry: no witnesses, no forensic opportunities, no CCTV',
      },
      { crimeReference: B },
    )
    .told('decision-not-to-investigate-update', '2026-11-03T14:00:00Z', { crime: B })
    .build();

  it('owes a telling of each outcome, from the police', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported A: Mon 12 Oct (day 0) + 5 wd: Tue 13 to Fri 16, Mon 19 = Mon 19 Oct.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-19',
      },
      // A reported Mon 12 Oct (day 0) + 2 wd: Tue 13, Wed 14 = Wed 14 Oct.
      {
        crime: A,
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-14',
      },
      ...noClockOnReport(),
      // Suspect 1 arrested Tue 13 Oct (day 0) + 5 wd: Wed 14, Thu 15, Fri 16, Mon 19, Tue 20 =
      // Tue 20 Oct. Told Tue 13 Oct.
      {
        crime: A,
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-20',
      },
      // Suspect 1 released with no further action Fri 16 Oct (day 0) + 5 wd: Mon 19 (1),
      // Tue 20 (2), Wed 21 (3), Thu 22 (4), Fri 23 (5) = Fri 23 Oct, ending 23:00 UTC (BST).
      // Told Sat 24 Oct: late, yet no working day had passed, so 0 working days late (the
      // reading of workingDaysBetween: working days after the deadline up to the telling).
      {
        crime: A,
        rule: 'release-no-further-action-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-23',
        endsAt: '2026-10-23T23:00:00.000Z',
        late: 0,
      },
      // Suspect 2 arrested Wed 21 Oct (day 0) + 5 wd: Thu 22 (1), Fri 23 (2), Mon 26 (3),
      // Tue 27 (4), Wed 28 (5) = Wed 28 Oct. The clocks went back on Sun 25 Oct: the day ends
      // at midnight GMT. Told Thu 22 Oct.
      {
        crime: A,
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-28',
        endsAt: '2026-10-29T00:00:00.000Z',
      },
      // Community resolution Fri 30 Oct (day 0) + 5 wd: Mon 2 Nov (1), Tue 3 (2), Wed 4 (3),
      // Thu 5 (4), Fri 6 (5) = Fri 6 Nov. Never told; now Wed 11 Nov: Mon 9 (1), Tue 10 (2),
      // Wed 11 (3) = 3 wd late.
      {
        crime: A,
        rule: 'charge-decision-update',
        status: 'breached',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-06',
        late: 3,
      },
      // Right 3: reported B: Mon 2 Nov (day 0) + 5 wd: Tue 3 to Fri 6, Mon 9 = Mon 9 Nov.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        crime: B,
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-09',
      },
      // B reported Mon 2 Nov (day 0) + 2 wd: Tue 3, Wed 4 = Wed 4 Nov. Referred Tue 3 Nov.
      {
        crime: B,
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-04',
      },
      ...noClockOnReport(),
      // Decision not to investigate Tue 3 Nov (day 0) + 5 wd: Wed 4, Thu 5, Fri 6, Mon 9,
      // Tue 10 = Tue 10 Nov. Told, with the reasons, the same afternoon.
      {
        crime: B,
        rule: 'decision-not-to-investigate-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-10',
      },
    ]);
  });

  it('reports both late tellings as breaches, the weekend one with 0 working days late', () => {
    expect(
      breachesOf(entitlementsAt(events, NOW)).map((b) => [b.ruleId, b.status, b.workingDaysLate]),
    ).toEqual([
      ['release-no-further-action-update', 'met-late', 0],
      ['charge-decision-update', 'breached', 3],
    ]);
  });
});
