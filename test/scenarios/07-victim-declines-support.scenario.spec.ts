import { entitlementsAt, expectEntitlements, journey } from './support';

/**
 * A robbery victim who, when reporting, declines referral to support services and does not want
 * to make a Victim Personal Statement. Declining support removes that entitlement only: the
 * police still owe every update on the investigation.
 */
describe('Scenario 07: victim declines referral to support', () => {
  const NOW = '2026-02-20T12:00:00Z';
  const events = journey()
    .reported('2026-02-03T11:00:00Z', { offenceCategory: 'robbery' }) // Tue 3 Feb 2026
    .told('report-acknowledgement', '2026-02-03T11:00:00Z', { method: 'email' })
    .event('support-referral-declined', '2026-02-03T11:20:00Z')
    .event('needs-assessed', '2026-02-03T11:30:00Z', { needs: ['none'] })
    .event('vps-offered', '2026-02-03T11:40:00Z', { accepted: false })
    .event('suspect-arrested', '2026-02-09T08:00:00Z', { suspectNumber: 1 }) // Mon 9 Feb
    .told('arrest-update', '2026-02-11T10:00:00Z')
    .build();

  it('makes the support referral not applicable, and nothing else', () => {
    const all = entitlementsAt(events, NOW);
    expectEntitlements(all, [
      // Right 3: reported Tue 3 Feb (day 0) + 5 wd: Wed 4, Thu 5, Fri 6, Mon 9, Tue 10 = Tue 10
      // Feb. Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-10',
      },
      // Reported Tue 3 Feb (day 0) + 2 wd: Wed 4 (1), Thu 5 (2) = Thu 5 Feb. Declined at 11:20
      // on the day of the report, before the deadline: not applicable, never breached.
      {
        rule: 'support-referral',
        status: 'not-applicable',
        because: 'support-declined',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-05',
      },
      { rule: 'vps-offer', status: 'declined', owedBy: 'police', enhanced: false, due: null },
      {
        rule: 'compensation-information',
        status: 'owed',
        owedBy: 'police',
        enhanced: false,
        due: null,
      },
      { rule: 'needs-assessment', status: 'given', owedBy: 'police', enhanced: false, due: null },
      // Arrest Mon 9 Feb (day 0) + 5 wd: Tue 10 (1), Wed 11 (2), Thu 12 (3), Fri 13 (4),
      // Mon 16 (5) = Mon 16 Feb. Told Wed 11 Feb.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-16',
      },
    ]);
    expect(all.find((e) => e.ruleId === 'support-referral')?.notApplicable).toEqual({
      because: 'support-declined',
      from: '2026-02-03T11:20:00.000Z',
    });
  });
});
