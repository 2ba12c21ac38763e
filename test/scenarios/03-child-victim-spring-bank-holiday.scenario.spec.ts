import { journeyViewOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * A victim assaulted on Fri 15 May 2026, five days before their 18th birthday (born 20 May
 * 2008), who reports a week later, by then 18. Under 18 at the time of the offence: enhanced
 * rights, whatever their age when they report. The deadlines run over the spring bank holiday
 * (Mon 25 May 2026).
 */
describe('Scenario 03: child victim (17 at the offence, 18 at the report), spring bank holiday', () => {
  const NOW = '2026-06-03T12:00:00Z';
  const built = journey()
    .reported('2026-05-22T10:00:00Z', {
      offenceCategory: 'violence-with-injury',
      offenceDate: '2026-05-15',
      victimDateOfBirth: '2008-05-20',
    }) // Fri 22 May 2026, 11:00 BST
    .told('report-acknowledgement', '2026-05-22T10:00:00Z', { method: 'email' })
    .event('suspect-arrested', '2026-05-22T14:00:00Z', { suspectNumber: 1 })
    .event('suspect-interviewed-under-caution', '2026-05-22T17:00:00Z', { suspectNumber: 1 })
    .told('arrest-update', '2026-05-26T10:00:00Z')
    .told('interview-update', '2026-05-27T09:00:00Z')
    // 23:30 BST on Wed 27 May: the last half hour of the deadline day.
    .event('referred-to-support', '2026-05-27T22:30:00Z', { service: 'victim-support' })
    .event('suspect-released-under-investigation', '2026-05-29T15:00:00Z', { suspectNumber: 1 })
    .told('bail-update', '2026-06-01T08:00:00Z');
  const events = built.build();

  it('judges every deadline as enhanced, across the bank holiday', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Fri 22 May (day 0) + 1 wd (enhanced): Mon 25 May is a bank holiday, so
      // Tue 26 May. Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-05-26',
      },
      // Reported Fri 22 May (day 0); Sat, Sun, Mon 25 May (bank holiday) do not count:
      // Tue 26 (1), Wed 27 (2) = Wed 27 May, ending at midnight BST = 23:00 UTC.
      // Referred at 22:30 UTC = 23:30 BST on Wed 27 May: met, with half an hour to spare.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-05-27',
        endsAt: '2026-05-27T23:00:00.000Z',
      },
      ...noClockOnReport({}, true),
      // Arrest Fri 22 May (day 0) + 1 wd: Mon 25 May is a bank holiday, so Tue 26 May.
      // Told Tue 26 May. (A standard victim would have had until Mon 1 Jun.)
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-05-26',
      },
      // Interview Fri 22 May + 1 wd = Tue 26 May. Told Wed 27 May: 1 wd late. (A standard
      // victim's 5 wd would have run to Mon 1 Jun, and this would have been on time.)
      {
        rule: 'interview-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: true,
        due: '2026-05-26',
        late: 1,
      },
      // Released under investigation Fri 29 May + 1 wd = Mon 1 Jun. Told Mon 1 Jun, 09:00 BST.
      {
        rule: 'bail-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-01',
        endsAt: '2026-06-01T23:00:00.000Z',
      },
    ]);
  });

  it('gives the reason as under 18 at the offence', () => {
    const view = journeyViewOf(built.state(), new Date(NOW));
    expect(view.enhancedRights).toEqual({ enhanced: true, reasons: ['under-18'] });
    expect(view.cases).toMatchObject([{ enhancedReasons: ['under-18'] }]);
  });
});
