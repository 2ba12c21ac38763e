import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * Right 3 (Code 2020 para 3.6): the police confirm the report in writing, with the crime
 * reference, the officer's contact details and information about the justice process, within
 * 5 working days of the report, 1 working day for a victim with enhanced rights. The police tell
 * the victim with `victim-informed` naming `report-acknowledgement`, as for every other telling.
 */
describe('Scenario 30: Right 3, written acknowledgement of the report', () => {
  it('gives a standard victim 5 working days, across the early May bank holiday: met a day late', () => {
    const events = journey()
      .reported('2026-04-30T14:00:00Z', { offenceCategory: 'theft' }) // Thu 30 Apr, 15:00 BST
      .event('referred-to-support', '2026-05-01T10:00:00Z', { service: 'victim-support' })
      .told('report-acknowledgement', '2026-05-11T10:00:00Z', { method: 'email' }) // Mon 11 May
      .build();
    expectEntitlements(entitlementsAt(events, '2026-05-20T12:00:00Z'), [
      // Reported Thu 30 Apr (day 0) + 5 wd: Fri 1 May (1); Mon 4 May is the early May bank
      // holiday; Tue 5 (2), Wed 6 (3), Thu 7 (4), Fri 8 (5) = Fri 8 May, ending at midnight BST
      // (23:00 UTC). Acknowledged Mon 11 May: 1 working day late.
      {
        rule: 'report-acknowledgement',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due: '2026-05-08',
        endsAt: '2026-05-08T23:00:00.000Z',
        late: 1,
      },
      // Reported Thu 30 Apr + 2 wd: Fri 1 May (1), Tue 5 May (2) = Tue 5 May. Referred Fri 1 May.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-05-05',
      },
      ...noClockOnReport(),
    ]);
  });

  it('gives a domestic abuse victim 1 working day, across the spring bank holiday: breached', () => {
    const events = journey()
      .reported('2026-05-22T21:00:00Z', { offenceCategory: 'domestic-abuse' }) // Fri 22 May, 22:00 BST
      .event('referred-to-support', '2026-05-23T09:00:00Z', { service: 'domestic-abuse-service' })
      .build();
    // Reported Fri 22 May (day 0) + 1 wd: Mon 25 May is the spring bank holiday, so Tue 26 May,
    // ending at midnight BST (23:00 UTC).
    const acknowledgement = {
      rule: 'report-acknowledgement',
      owedBy: 'police',
      enhanced: true,
      due: '2026-05-26',
      endsAt: '2026-05-26T23:00:00.000Z',
    };
    // Reported Fri 22 May + 2 wd: Tue 26 (1), Wed 27 (2) = Wed 27 May. Referred Sat 23 May.
    const referral = {
      rule: 'support-referral',
      status: 'met',
      owedBy: 'police',
      enhanced: true,
      due: '2026-05-27',
    } as const;

    // Tue 26 May at noon: the last day, still pending.
    expectEntitlements(entitlementsAt(events, '2026-05-26T11:00:00Z'), [
      { ...acknowledgement, status: 'pending' },
      referral,
      ...noClockOnReport({}, true),
    ]);

    // Fri 29 May at noon, never acknowledged: breached, Wed 27 (1), Thu 28 (2), Fri 29 (3) = 3
    // working days late, and it is the police's breach.
    const all = entitlementsAt(events, '2026-05-29T11:00:00Z');
    expectEntitlements(all, [
      { ...acknowledgement, status: 'breached', late: 3 },
      referral,
      ...noClockOnReport({}, true),
    ]);
    expect(breachesOf(all).map((b) => [b.ruleId, b.right, b.owedBy])).toEqual([
      ['report-acknowledgement', 3, 'police'],
    ]);
  });

  it('is no longer owed once the victim withdraws before the deadline', () => {
    const events = journey()
      .reported('2026-06-01T09:00:00Z') // Mon 1 Jun, 10:00 BST
      .event('victim-withdrew', '2026-06-03T15:00:00Z', { scope: 'all-contact' }) // Wed 3 Jun
      .build();
    const withdrew = (rule: string, due: string | null) =>
      ({
        rule,
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: false,
        due,
      }) as const;
    expectEntitlements(entitlementsAt(events, '2026-06-12T11:00:00Z'), [
      // Mon 1 Jun (day 0) + 5 wd: Tue 2 to Fri 5, Mon 8 = Mon 8 Jun; withdrew Wed 3 Jun, before it.
      withdrew('report-acknowledgement', '2026-06-08'),
      // Mon 1 Jun + 2 wd = Wed 3 Jun; withdrew at 16:00 BST that day, before the day ended.
      withdrew('support-referral', '2026-06-03'),
      withdrew('vps-offer', null),
      withdrew('compensation-information', null),
      withdrew('needs-assessment', null),
    ]);
  });
});
