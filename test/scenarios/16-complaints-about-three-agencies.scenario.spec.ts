import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, flags, journey, noClockOnReport } from './support';

/**
 * An intimidated victim (enhanced rights) makes three complaints (Right 12): about the police,
 * about the Witness Care Unit (received by the police), and about the CPS. Each answer is owed
 * by the agency complained of, within 10 working days for every victim, and is matched to its
 * complaint by id, not by order: the second complaint is answered before the first.
 */
describe('Scenario 16: complaints about the police, the WCU and the CPS', () => {
  const NOW = '2026-03-12T12:00:00Z'; // Thu 12 Mar 2026
  const events = journey()
    .reported('2026-01-19T10:00:00Z', {
      offenceCategory: 'theft',
      enhancedRights: flags({ intimidated: true }),
    }) // Mon 19 Jan
    .told('report-acknowledgement', '2026-01-19T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-01-19T14:00:00Z', { service: 'victim-support' })
    .event('complaint-received', '2026-02-02T10:00:00Z', { complaintId: 'C-1', about: 'police' })
    .event('complaint-received', '2026-02-04T15:00:00Z', {
      complaintId: 'C-2',
      about: 'witness-care-unit',
    })
    .by('witness-care-unit', 'complaint-answered', '2026-02-10T11:00:00Z', { complaintId: 'C-2' })
    .event('complaint-answered', '2026-02-18T11:00:00Z', { complaintId: 'C-1' })
    .by('cps', 'complaint-received', '2026-02-23T09:00:00Z', { complaintId: 'C-3', about: 'cps' })
    .build();

  it('owes each answer from the agency complained of, matched by complaint id', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 19 Jan (day 0) + 1 wd (enhanced: intimidated) = Tue 20 Jan.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-20',
      },
      // Reported Mon 19 Jan (day 0) + 2 wd: Tue 20, Wed 21 = Wed 21 Jan.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-21',
      },
      ...noClockOnReport({}, true),
      // C-1 (police) received Mon 2 Feb (day 0) + 10 wd (enhanced too): Tue 3 (1), Wed 4 (2),
      // Thu 5 (3), Fri 6 (4), Mon 9 (5), Tue 10 (6), Wed 11 (7), Thu 12 (8), Fri 13 (9),
      // Mon 16 (10) = Mon 16 Feb. Answered Wed 18 Feb: Tue 17 (1), Wed 18 (2) = 2 wd late.
      {
        rule: 'complaint-response',
        status: 'met-late',
        owedBy: 'police',
        enhanced: true,
        due: '2026-02-16',
        late: 2,
      },
      // C-2 (WCU) received Wed 4 Feb (day 0) + 10 wd: Thu 5 (1), Fri 6 (2), Mon 9 (3),
      // Tue 10 (4), Wed 11 (5), Thu 12 (6), Fri 13 (7), Mon 16 (8), Tue 17 (9), Wed 18 (10) =
      // Wed 18 Feb. Answered Tue 10 Feb. (Had the answers been matched by order, C-1 would
      // look met and C-2 answered on its last day.)
      {
        rule: 'complaint-response',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-02-18',
      },
      // C-3 (CPS) received Mon 23 Feb (day 0) + 10 wd: Tue 24 (1), Wed 25 (2), Thu 26 (3),
      // Fri 27 (4), Mon 2 Mar (5), Tue 3 (6), Wed 4 (7), Thu 5 (8), Fri 6 (9), Mon 9 Mar (10)
      // = Mon 9 Mar. Never answered; now Thu 12 Mar: Tue 10, Wed 11, Thu 12 = 3 wd late.
      {
        rule: 'complaint-response',
        status: 'breached',
        owedBy: 'cps',
        enhanced: true,
        due: '2026-03-09',
        late: 3,
      },
    ]);
  });

  it('reports the late and the missing answer against the police and the CPS', () => {
    expect(breachesOf(entitlementsAt(events, NOW))).toMatchObject([
      { ruleId: 'complaint-response', owedBy: 'police', right: 12, status: 'met-late' },
      { ruleId: 'complaint-response', owedBy: 'cps', right: 12, status: 'breached' },
    ]);
  });
});
