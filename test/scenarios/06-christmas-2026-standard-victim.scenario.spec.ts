import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * A burglary reported two days before Christmas 2026. Christmas Day is Fri 25 Dec; Boxing Day
 * falls on Saturday, so the bank holiday is the substitute day Mon 28 Dec; New Year's Day is
 * Fri 1 Jan 2027. The arrest update is due in the new year and told on its last day; the bail
 * update is never told.
 */
describe('Scenario 06: Christmas and New Year 2026, standard victim', () => {
  const NOW = '2027-01-08T12:00:00Z'; // Fri 8 Jan 2027
  const events = journey()
    .reported('2026-12-23T15:00:00Z') // Wed 23 Dec 2026
    .told('report-acknowledgement', '2026-12-23T15:00:00Z', { method: 'email' })
    .event('suspect-arrested', '2026-12-23T18:00:00Z', { suspectNumber: 1 })
    .event('suspect-released-on-bail', '2026-12-24T09:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: false,
      answerBailOn: '2027-01-21',
    })
    .event('referred-to-support', '2026-12-29T11:00:00Z', { service: 'victim-support' })
    .told('arrest-update', '2027-01-04T12:00:00Z')
    .build();

  it('skips Christmas Day, the Boxing Day substitute and New Year’s Day', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Wed 23 Dec (day 0) + 5 wd: Thu 24 (1); Fri 25 and Mon 28 Dec are bank
      // holidays; Tue 29 (2), Wed 30 (3), Thu 31 (4); Fri 1 Jan is a bank holiday; Mon 4 Jan 2027
      // (5). Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-01-04',
      },
      // Reported Wed 23 Dec (day 0) + 2 wd: Thu 24 (1), [Fri 25 Christmas, Sat 26, Sun 27,
      // Mon 28 Boxing Day substitute], Tue 29 (2) = Tue 29 Dec (GMT: ends midnight UTC).
      // Referred Tue 29 Dec.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-12-29',
        endsAt: '2026-12-30T00:00:00.000Z',
      },
      ...noClockOnReport(),
      // Arrest Wed 23 Dec (day 0) + 5 wd: Thu 24 (1), Tue 29 (2), Wed 30 (3), Thu 31 (4),
      // [Fri 1 Jan 2027 bank holiday, Sat 2, Sun 3], Mon 4 Jan (5) = Mon 4 Jan 2027.
      // Told Mon 4 Jan.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-01-04',
        endsAt: '2027-01-05T00:00:00.000Z',
      },
      // Bail Thu 24 Dec (day 0) + 5 wd: Tue 29 (1), Wed 30 (2), Thu 31 (3), Mon 4 Jan (4),
      // Tue 5 Jan (5) = Tue 5 Jan 2027. Never told; now Fri 8 Jan: Wed 6 (1), Thu 7 (2),
      // Fri 8 (3) = 3 wd late.
      {
        rule: 'bail-update',
        status: 'breached',
        owedBy: 'police',
        enhanced: false,
        due: '2027-01-05',
        late: 3,
      },
    ]);
  });
});
