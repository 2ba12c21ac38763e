import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * In British Summer Time, London is an hour ahead of UTC: 23:30 UTC is 00:30 the next day in
 * London, and the trigger's London date is day 0. Reading the UTC date instead would start every
 * clock a day early. One event is posted with a +01:00 offset rather than Z.
 */
describe('Scenario 23: a trigger late in the evening UTC, in BST, is the next day in London', () => {
  const NOW = '2026-06-24T12:00:00Z';
  const events = journey()
    .reported('2026-06-05T00:30:00+01:00') // 23:30 UTC Thu 4 Jun = 00:30 BST Fri 5 Jun
    .told('report-acknowledgement', '2026-06-05T00:30:00+01:00', { method: 'email' })
    .event('suspect-arrested', '2026-06-11T23:15:00Z', { suspectNumber: 1 }) // 00:15 BST Fri 12
    .event('referred-to-support', '2026-06-09T15:00:00Z', { service: 'victim-support' })
    .event('suspect-interviewed-under-caution', '2026-06-14T23:10:00Z', { suspectNumber: 1 })
    .event('suspect-released-under-investigation', '2026-06-15T09:00:00Z', { suspectNumber: 1 })
    .told('arrest-update', '2026-06-19T22:30:00Z') // 23:30 BST Fri 19 Jun
    .told('interview-update', '2026-06-22T10:00:00Z')
    .told('bail-update', '2026-06-22T23:00:00Z') // 00:00 BST Tue 23 Jun
    .build();

  it('starts each clock on the London date', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Fri 5 Jun, London (day 0) + 5 wd: Mon 8 to Fri 12 = Fri 12 Jun.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-06-12',
      },
      // Reported Fri 5 Jun in London (day 0) + 2 wd: Mon 8 (1), Tue 9 (2) = Tue 9 Jun, ending
      // at 23:00 UTC. Referred Tue 9 Jun: met. (From the UTC date, Thu 4 Jun, it would have been
      // due Mon 8 Jun and late.)
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-06-09',
        endsAt: '2026-06-09T23:00:00.000Z',
      },
      ...noClockOnReport(),
      // Arrest 00:15 BST Fri 12 Jun (day 0) + 5 wd: Mon 15 (1), Tue 16 (2), Wed 17 (3),
      // Thu 18 (4), Fri 19 (5) = Fri 19 Jun. Told 23:30 BST Fri 19 Jun: met. (From Thu 11 Jun,
      // it would have been due Thu 18.)
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-06-19',
        endsAt: '2026-06-19T23:00:00.000Z',
      },
      // Interview 00:10 BST Mon 15 Jun (day 0; Sun 14 Jun in UTC) + 5 wd: Tue 16 (1), Wed 17 (2),
      // Thu 18 (3), Fri 19 (4), Mon 22 (5) = Mon 22 Jun. Told Mon 22 Jun: met.
      {
        rule: 'interview-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-06-22',
      },
      // Released under investigation Mon 15 Jun 10:00 BST: also Mon 22 Jun, ending 23:00 UTC.
      // Told at 23:00 UTC = 00:00 BST Tue 23 Jun: Tue 23 = 1 wd late.
      {
        rule: 'bail-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due: '2026-06-22',
        endsAt: '2026-06-22T23:00:00.000Z',
        late: 1,
      },
    ]);
  });
});
