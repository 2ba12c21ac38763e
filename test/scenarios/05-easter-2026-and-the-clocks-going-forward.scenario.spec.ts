import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * A standard victim of theft at Easter 2026: Good Friday (3 Apr) and Easter Monday (6 Apr) are
 * bank holidays, and the clocks went forward on Sun 29 Mar, so a deadline set in GMT can end in
 * BST. Told of the arrest in the last hour, of the interview a day late, of the release never.
 */
describe('Scenario 05: Easter 2026, across the clocks going forward', () => {
  const NOW = '2026-04-17T12:00:00Z'; // Fri 17 Apr 2026
  const events = journey()
    .reported('2026-03-26T10:00:00Z', { offenceCategory: 'theft' }) // Thu 26 Mar, GMT
    .told('report-acknowledgement', '2026-03-26T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-03-27T10:00:00Z', { service: 'victim-support' })
    .event('suspect-arrested', '2026-03-27T14:00:00Z', { suspectNumber: 1 }) // Fri 27 Mar, GMT
    .event('suspect-interviewed-under-caution', '2026-04-02T11:00:00Z', { suspectNumber: 1 })
    .event('suspect-released-under-investigation', '2026-04-02T18:00:00Z', { suspectNumber: 1 })
    .told('arrest-update', '2026-04-07T22:30:00Z') // 23:30 BST on Tue 7 Apr
    .told('interview-update', '2026-04-14T09:00:00Z')
    .build();

  it('skips Good Friday and Easter Monday, and ends each deadline at London midnight', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Thu 26 Mar (day 0) + 5 wd: Fri 27, Mon 30, Tue 31, Wed 1 Apr, Thu 2 Apr =
      // Thu 2 Apr. Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-04-02',
      },
      // Reported Thu 26 Mar (day 0) + 2 wd: Fri 27 (1), Mon 30 (2) = Mon 30 Mar. The clocks went
      // forward on Sun 29 Mar, so the day ends at midnight BST = 23:00 UTC.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-30',
        endsAt: '2026-03-30T23:00:00.000Z',
      },
      ...noClockOnReport(),
      // Arrest Fri 27 Mar (day 0) + 5 wd: Mon 30 (1), Tue 31 (2), Wed 1 Apr (3), Thu 2 (4),
      // [Fri 3 Good Friday, Sat, Sun, Mon 6 Easter Monday], Tue 7 (5) = Tue 7 Apr, ending at
      // 23:00 UTC. Told at 22:30 UTC = 23:30 BST on Tue 7 Apr: met.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-04-07',
        endsAt: '2026-04-07T23:00:00.000Z',
      },
      // Interview Thu 2 Apr (day 0) + 5 wd: [Fri 3, Mon 6 bank holidays], Tue 7 (1), Wed 8 (2),
      // Thu 9 (3), Fri 10 (4), Mon 13 (5) = Mon 13 Apr. Told Tue 14 Apr: 1 wd late.
      {
        rule: 'interview-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due: '2026-04-13',
        late: 1,
      },
      // Released under investigation Thu 2 Apr: also Mon 13 Apr. Never told; now Fri 17 Apr:
      // Tue 14 (1), Wed 15 (2), Thu 16 (3), Fri 17 (4) = 4 wd late.
      {
        rule: 'bail-update',
        status: 'breached',
        owedBy: 'police',
        enhanced: false,
        due: '2026-04-13',
        endsAt: '2026-04-13T23:00:00.000Z',
        late: 4,
      },
    ]);
  });

  it('reports the late and the missing update, not the one told in the last hour', () => {
    expect(breachesOf(entitlementsAt(events, NOW))).toMatchObject([
      { ruleId: 'interview-update', status: 'met-late', workingDaysLate: 1 },
      { ruleId: 'bail-update', status: 'breached', workingDaysLate: 4 },
    ]);
  });
});
