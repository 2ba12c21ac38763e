import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey } from './support';

/**
 * A burglary victim who does not want to hear about arrests, interviews or compensation, but
 * does want to know if anyone is charged. Asking not to be told (victim-informed with
 * waived: true) is a waiver, not a breach: if it comes before the deadline.
 */
describe('Scenario 21: victim waives some updates', () => {
  const NOW = '2026-09-28T12:00:00Z';
  const events = journey()
    .reported('2026-09-07T09:00:00Z') // Mon 7 Sep 2026
    .told('report-acknowledgement', '2026-09-07T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-09-07T15:00:00Z', { service: 'victim-support' })
    .told('compensation-information', '2026-09-07T15:30:00Z', { waived: true })
    .event('suspect-arrested', '2026-09-08T10:00:00Z', { suspectNumber: 1 })
    .told('arrest-update', '2026-09-08T12:00:00Z', { waived: true })
    .event('suspect-interviewed-under-caution', '2026-09-09T10:00:00Z', { suspectNumber: 1 })
    .told('interview-update', '2026-09-09T15:00:00Z', { waived: true })
    .event('suspect-released-under-investigation', '2026-09-09T16:00:00Z', { suspectNumber: 1 })
    .event('suspect-charged', '2026-09-17T11:00:00Z', { suspectNumber: 1, caseUrn: '13WY0091726' })
    .told('bail-update', '2026-09-18T10:00:00Z', { waived: true })
    .told('charge-decision-update', '2026-09-18T10:30:00Z')
    .build();

  it('records waivers as waived, and a waiver after the deadline as late', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 7 Sep (day 0) + 5 wd: Tue 8 to Fri 11, Mon 14 = Mon 14 Sep.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-14',
      },
      // Reported Mon 7 Sep (day 0) + 2 wd: Tue 8, Wed 9 = Wed 9 Sep. Referred Mon 7 Sep.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-09',
      },
      { rule: 'vps-offer', status: 'owed', owedBy: 'police', enhanced: false, due: null },
      {
        rule: 'compensation-information',
        status: 'waived',
        owedBy: 'police',
        enhanced: false,
        due: null,
      },
      { rule: 'needs-assessment', status: 'owed', owedBy: 'police', enhanced: false, due: null },
      // Arrest Tue 8 Sep (day 0) + 5 wd: Wed 9, Thu 10, Fri 11, Mon 14, Tue 15 = Tue 15 Sep.
      // Waived Tue 8 Sep.
      {
        rule: 'arrest-update',
        status: 'waived',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-15',
      },
      // Interview Wed 9 Sep (day 0) + 5 wd: Thu 10, Fri 11, Mon 14, Tue 15, Wed 16 = Wed 16 Sep.
      // Waived Wed 9 Sep.
      {
        rule: 'interview-update',
        status: 'waived',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-16',
      },
      // Released under investigation Wed 9 Sep: also Wed 16 Sep. The victim said they did not
      // want to be told only on Fri 18 Sep, after the deadline had passed unmet: the breach
      // stands, recorded as met late (the natural reading: a waiver cannot undo a breach).
      // Thu 17 (1), Fri 18 (2) = 2 wd late.
      {
        rule: 'bail-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-16',
        late: 2,
      },
      // Charge Thu 17 Sep (day 0) + 5 wd: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24 = Thu 24 Sep.
      // Told Fri 18 Sep.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-24',
      },
    ]);
  });

  it('reports no waiver as a breach, except the one that came too late', () => {
    expect(breachesOf(entitlementsAt(events, NOW)).map((b) => b.ruleId)).toEqual(['bail-update']);
  });
});
