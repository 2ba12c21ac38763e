import { entitlementsAt, expectEntitlements, journey } from './support';

/**
 * A harassment victim (persistently targeted: enhanced rights) withdraws from all contact three
 * days after reporting. What was met stays met; what was already breached stays breached; what
 * was pending, and everything triggered afterwards, becomes not applicable. A complaint made
 * before the withdrawal is still owed an answer (that rule has no exclusion).
 */
describe('Scenario 20: victim withdraws from all contact', () => {
  const NOW = '2026-06-12T12:00:00Z'; // Fri 12 Jun 2026
  const WITHDREW_AT = '2026-06-04T16:00:00Z'; // Thu 4 Jun, 17:00 BST
  const events = journey()
    .reported('2026-06-01T09:00:00Z', { offenceCategory: 'harassment' }) // Mon 1 Jun
    .told('report-acknowledgement', '2026-06-01T09:00:00Z', { method: 'email' })
    .event('needs-assessed', '2026-06-01T09:30:00Z', { needs: ['safeguarding'] })
    .event('suspect-arrested', '2026-06-02T10:00:00Z', { suspectNumber: 1 })
    .event('referred-to-support', '2026-06-02T10:00:00Z', { service: 'victim-support' })
    .event('suspect-released-on-bail', '2026-06-02T20:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: true,
    })
    .told('arrest-update', '2026-06-03T09:00:00Z')
    .event('complaint-received', '2026-06-03T12:00:00Z', { complaintId: 'C-1', about: 'police' })
    .event('suspect-interviewed-under-caution', '2026-06-04T11:00:00Z', { suspectNumber: 1 })
    .event('victim-withdrew', WITHDREW_AT, { scope: 'all-contact' })
    .event('suspect-charged', '2026-06-08T10:00:00Z', { suspectNumber: 1, caseUrn: '13WY0060826' })
    .build();

  it('keeps what was met or breached, and drops what was still owed', () => {
    const all = entitlementsAt(events, NOW);
    expectEntitlements(all, [
      // Right 3: reported Mon 1 Jun (day 0) + 1 wd (enhanced) = Tue 2 Jun. Acknowledged in writing
      // when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-02',
      },
      // Reported Mon 1 Jun (day 0) + 2 wd: Tue 2, Wed 3 = Wed 3 Jun. Referred Tue 2 Jun.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-03',
      },
      {
        rule: 'vps-offer',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: null,
      },
      {
        rule: 'compensation-information',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: null,
      },
      // Assessed before the withdrawal: stays given.
      { rule: 'needs-assessment', status: 'given', owedBy: 'police', enhanced: true, due: null },
      // Arrest Tue 2 Jun (day 0) + 1 wd = Wed 3 Jun. Told Wed 3 Jun.
      { rule: 'arrest-update', status: 'met', owedBy: 'police', enhanced: true, due: '2026-06-03' },
      // Bail Tue 2 Jun 21:00 BST (day 0) + 1 wd = Wed 3 Jun, ending 23:00 UTC. Never told; it
      // was breached before the withdrawal (Thu 4 Jun) and stays breached. Lateness is counted
      // to now, Fri 12 Jun (the engine's documented reading for a breach never fulfilled):
      // Thu 4 (1), Fri 5 (2), Mon 8 (3), Tue 9 (4), Wed 10 (5), Thu 11 (6), Fri 12 (7) = 7.
      {
        rule: 'bail-update',
        status: 'breached',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-03',
        endsAt: '2026-06-03T23:00:00.000Z',
        late: 7,
      },
      // Complaint Wed 3 Jun (day 0) + 10 wd: Thu 4 (1), Fri 5 (2), Mon 8 (3), Tue 9 (4),
      // Wed 10 (5), Thu 11 (6), Fri 12 (7), Mon 15 (8), Tue 16 (9), Wed 17 (10) = Wed 17 Jun.
      // Still owed.
      {
        rule: 'complaint-response',
        status: 'pending',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-17',
      },
      // Interview Thu 4 Jun 11:00 + 1 wd = Fri 5 Jun; pending when the victim withdrew at
      // 16:00 the same day: not applicable.
      {
        rule: 'interview-update',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-05',
      },
      // Charged Mon 8 Jun, after the withdrawal (+ 1 wd = Tue 9 Jun): not applicable.
      {
        rule: 'charge-decision-update',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-09',
      },
    ]);
    expect(
      all.filter((e) => e.status === 'not-applicable').map((e) => e.notApplicable?.from),
    ).toEqual(Array(4).fill('2026-06-04T16:00:00.000Z'));
  });
});
