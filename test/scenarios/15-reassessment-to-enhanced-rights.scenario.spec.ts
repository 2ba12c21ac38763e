import { journeyViewOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * Criminal damage, assessed as standard when reported. After the arrest the police learn the
 * victim is being targeted again and again, and reassess: persistently targeted, enhanced rights.
 * The reassessment shortens the deadlines of triggers from then on; triggers before it keep
 * their standard deadlines (a decision of this product, not retroactive).
 */
describe('Scenario 15: reassessed to enhanced rights mid-investigation', () => {
  const NOW = '2026-03-25T12:00:00Z';
  const built = journey()
    .reported('2026-03-02T10:00:00Z', { offenceCategory: 'criminal-damage' }) // Mon 2 Mar
    .told('report-acknowledgement', '2026-03-02T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-03-03T10:00:00Z', { service: 'victim-support' })
    .event('suspect-arrested', '2026-03-10T09:00:00Z', { suspectNumber: 1 }) // Tue 10 Mar
    .event('suspect-released-on-bail', '2026-03-10T18:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: true,
    })
    .event('enhanced-rights-reassessed', '2026-03-11T12:00:00Z', {
      enhancedRights: {
        vulnerable: false,
        intimidated: false,
        persistentlyTargeted: true,
        mostSeriousCrime: false,
        bereaved: false,
      },
    }) // Wed 11 Mar
    .event(
      'suspect-bail-varied',
      '2026-03-12T15:00:00Z',
      { suspectNumber: 1, change: 'extended' },
      { eventId: 'BAIL-VARIED-1' },
    )
    .told('arrest-update', '2026-03-16T10:00:00Z')
    .told('bail-update', '2026-03-16T10:05:00Z', { triggerEventId: 'BAIL-VARIED-1' })
    .told('bail-update', '2026-03-17T17:00:00Z')
    .event('suspect-charged', '2026-03-20T17:00:00Z', { suspectNumber: 1, caseUrn: '13WY0020326' })
    .told('charge-decision-update', '2026-03-23T12:00:00Z');
  const events = built.build();

  it('keeps standard deadlines before the reassessment and enhanced ones after', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 2 Mar (day 0) + 5 wd, standard when reported: Tue 3 to Fri 6, Mon 9 =
      // Mon 9 Mar. Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-09',
      },
      // Reported Mon 2 Mar (day 0) + 2 wd: Tue 3, Wed 4 = Wed 4 Mar. Standard then.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-04',
      },
      ...noClockOnReport(),
      // Arrest Tue 10 Mar, before the reassessment: standard, + 5 wd: Wed 11 (1), Thu 12 (2),
      // Fri 13 (3), Mon 16 (4), Tue 17 (5) = Tue 17 Mar. Told Mon 16 Mar: met. (Applied
      // retroactively, 1 wd would have made it due Wed 11 and 3 wd late.)
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-17',
      },
      // Bail Tue 10 Mar, also before: Tue 17 Mar. Told Tue 17 Mar at 17:00 UTC.
      { rule: 'bail-update', status: 'met', owedBy: 'police', enhanced: false, due: '2026-03-17' },
      // Bail extended Thu 12 Mar, after the reassessment: enhanced, + 1 wd = Fri 13 Mar.
      // Told Mon 16 Mar (the telling names this variation): Mon 16 = 1 wd late.
      {
        rule: 'bail-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-13',
        late: 1,
      },
      // Charged Fri 20 Mar (day 0) + 1 wd = Mon 23 Mar. Told Mon 23 Mar.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-23',
      },
    ]);
  });

  it('shows the victim as persistently targeted now', () => {
    const view = journeyViewOf(built.state(), new Date(NOW));
    expect(view.enhancedRights).toEqual({ enhanced: true, reasons: ['persistently-targeted'] });
    const bail = view.entitlements.filter((e) => e.ruleId === 'bail-update');
    expect(bail.map((e) => e.enhancedReasons)).toEqual([[], ['persistently-targeted']]);
  });
});
