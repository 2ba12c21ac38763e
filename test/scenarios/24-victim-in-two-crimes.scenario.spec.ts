import { journeyViewOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, flags, journey, NO_FLAGS } from './support';

/**
 * One victim, two crimes: a burglary (A, standard at first) and domestic abuse (B, enhanced).
 * Each crime has its own enhanced status, its own reassessment, its own tellings, and its own
 * withdrawal: the victim withdraws from all contact about B (a common choice in domestic abuse
 * cases) and still wants to hear about A. The police reassess A (the victim is now intimidated),
 * which shortens A's later deadlines and leaves B alone.
 */
describe('Scenario 24: a victim in two crimes', () => {
  const NOW = '2026-03-16T12:00:00Z';
  const A = '13/200001/26';
  const B = '13/200555/26';
  const onB = { crimeReference: B };
  const built = journey(A)
    .reported('2026-03-02T10:00:00Z') // A: Mon 2 Mar, burglary, standard
    .told('report-acknowledgement', '2026-03-02T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-03-03T10:00:00Z', { service: 'victim-support' })
    .event(
      'crime-reported',
      '2026-03-04T20:00:00Z',
      {
        victimNumber: 1,
        offenceCategory: 'domestic-abuse',
        victimDateOfBirth: '1988-07-14',
        enhancedRights: NO_FLAGS,
      },
      onB,
    ) // B: Wed 4 Mar, domestic abuse, enhanced by its category
    .told('report-acknowledgement', '2026-03-04T20:00:00Z', { crime: B, method: 'email' })
    .event('support-referral-declined', '2026-03-04T20:30:00Z', {}, onB)
    .event('suspect-arrested', '2026-03-05T09:00:00Z', { suspectNumber: 1 }) // A
    .event('suspect-arrested', '2026-03-05T11:00:00Z', { suspectNumber: 1 }, onB)
    .told('arrest-update', '2026-03-06T10:00:00Z', { crime: B })
    .event('enhanced-rights-reassessed', '2026-03-09T12:00:00Z', {
      enhancedRights: flags({ intimidated: true }),
    }) // A only
    .event('suspect-charged', '2026-03-10T14:00:00Z', { suspectNumber: 1, caseUrn: '13WY0200001' })
    .event('victim-withdrew', '2026-03-10T16:00:00Z', { scope: 'all-contact' }, onB)
    .told('arrest-update', '2026-03-11T10:00:00Z', { crime: A })
    .told('charge-decision-update', '2026-03-11T10:05:00Z', { crime: A })
    .event('suspect-interviewed-under-caution', '2026-03-11T10:00:00Z', { suspectNumber: 1 }, onB)
    .event('suspect-released-on-bail', '2026-03-12T15:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: true,
    }) // A
    .told('bail-update', '2026-03-13T11:00:00Z', { crime: A });
  const events = built.build();

  it('keeps each crime’s deadlines, tellings and withdrawal to itself', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported A: Mon 2 Mar (day 0) + 5 wd: Tue 3 to Fri 6, Mon 9 = Mon 9 Mar.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-09',
      },
      // A reported Mon 2 Mar (day 0) + 2 wd: Tue 3, Wed 4 = Wed 4 Mar. Referred Tue 3 Mar.
      {
        crime: A,
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-04',
      },
      { crime: A, rule: 'vps-offer', status: 'owed', owedBy: 'police', enhanced: false, due: null },
      {
        crime: A,
        rule: 'compensation-information',
        status: 'owed',
        owedBy: 'police',
        enhanced: false,
        due: null,
      },
      {
        crime: A,
        rule: 'needs-assessment',
        status: 'owed',
        owedBy: 'police',
        enhanced: false,
        due: null,
      },
      // Right 3: reported B: Wed 4 Mar (day 0) + 1 wd (enhanced: domestic abuse) = Thu 5 Mar.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        crime: B,
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-05',
      },
      // B reported Wed 4 Mar (day 0) + 2 wd: Thu 5, Fri 6 = Fri 6 Mar. Declined for B only.
      {
        crime: B,
        rule: 'support-referral',
        status: 'not-applicable',
        because: 'support-declined',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-06',
      },
      // B's entitlements with no clock end with the withdrawal from B (Tue 10 Mar).
      {
        crime: B,
        rule: 'vps-offer',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: null,
      },
      {
        crime: B,
        rule: 'compensation-information',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: null,
      },
      {
        crime: B,
        rule: 'needs-assessment',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: null,
      },
      // A's arrest Thu 5 Mar, before A's reassessment: standard, + 5 wd: Fri 6 (1), Mon 9 (2),
      // Tue 10 (3), Wed 11 (4), Thu 12 (5) = Thu 12 Mar. Told (about A) Wed 11 Mar.
      {
        crime: A,
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-12',
      },
      // B's arrest Thu 5 Mar, enhanced: + 1 wd = Fri 6 Mar. Told (about B) Fri 6 Mar; that
      // telling answers B's arrest, not A's earlier one.
      {
        crime: B,
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-06',
      },
      // A charged Tue 10 Mar, after A's reassessment (Mon 9 Mar): enhanced, + 1 wd = Wed 11 Mar.
      // Told Wed 11 Mar. The withdrawal from B that afternoon does not touch A.
      {
        crime: A,
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-11',
      },
      // B's suspect interviewed Wed 11 Mar, after the withdrawal from B (+ 1 wd = Thu 12 Mar):
      // not applicable.
      {
        crime: B,
        rule: 'interview-update',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-12',
      },
      // A's suspect bailed Thu 12 Mar, enhanced: + 1 wd = Fri 13 Mar. Told Fri 13 Mar.
      {
        crime: A,
        rule: 'bail-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-13',
      },
    ]);
  });

  it('shows each case with its own reasons for enhanced rights', () => {
    const view = journeyViewOf(built.state(), new Date(NOW));
    expect(view.cases.map((c) => [c.crimeReference, c.enhancedReasons])).toEqual([
      [A, ['intimidated']],
      [B, ['most-serious-crime']],
    ]);
    expect(view.enhancedRights).toEqual({
      enhanced: true,
      reasons: ['intimidated', 'most-serious-crime'],
    });
  });
});
