import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * The CPS decides not to charge one suspect and the police not to prosecute another; the victim
 * asks for both decisions to be reviewed, and each request records its scheme. The police scheme:
 * acknowledgement within 10 working days, decision within 30. The CPS scheme has its own rules:
 * acknowledgement with no clock (owed until given: a product default) and a decision within 30
 * working days (a product default, marked unsettled). October to December 2026, no bank holiday
 * in the clocks.
 */
describe('Scenario 52: CPS and police Right to Review, the scheme recorded on each request', () => {
  const NOW = '2026-12-11T12:00:00Z'; // Fri 11 Dec 2026
  const events = journey()
    .reported('2026-10-05T09:00:00Z', { offenceCategory: 'violence-with-injury' }) // Mon 5 Oct
    .told('report-acknowledgement', '2026-10-05T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-10-06T10:00:00Z', { service: 'victim-support' })
    .by('cps', 'cps-decided-not-to-charge', '2026-10-12T11:00:00Z', { suspectNumber: 1 })
    .event('decided-not-to-prosecute', '2026-10-13T14:00:00Z', {
      suspectNumber: 2,
      reason: 'No realistic prospect of conviction',
    })
    .told('cps-decision-letter', '2026-10-14T10:00:00Z', { by: 'cps' })
    .told('charge-decision-update', '2026-10-15T10:00:00Z')
    .by('cps', 'review-requested', '2026-10-19T10:00:00Z', {
      reviewId: 'VRR-C-7',
      scheme: 'cps-vrr',
    })
    .by('police', 'review-requested', '2026-10-20T10:00:00Z', {
      reviewId: 'VRR-P-7',
      scheme: 'police-vrr',
    })
    .by('police', 'review-acknowledged', '2026-10-30T10:00:00Z', { reviewId: 'VRR-P-7' })
    .by('cps', 'review-decided', '2026-12-03T10:00:00Z', {
      reviewId: 'VRR-C-7',
      outcome: 'decision-upheld',
    })
    .build();

  it('judges each request by its own scheme', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 5 Oct (day 0) + 5 wd: Tue 6 to Fri 9, Mon 12 = Mon 12 Oct.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-12',
      },
      // Reported Mon 5 Oct (day 0) + 2 wd: Tue 6, Wed 7 = Wed 7 Oct. Referred Tue 6 Oct.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-07',
      },
      ...noClockOnReport(),
      // CPS decision Mon 12 Oct (day 0) + 5 wd: Tue 13, Wed 14, Thu 15, Fri 16, Mon 19 = Mon 19 Oct.
      // Letter Wed 14 Oct.
      {
        rule: 'cps-decision-letter',
        status: 'met',
        owedBy: 'cps',
        enhanced: false,
        due: '2026-10-19',
      },
      // Police decision Tue 13 Oct (day 0) + 5 wd: Wed 14, Thu 15, Fri 16, Mon 19, Tue 20 = Tue 20 Oct.
      // Told Thu 15 Oct.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-20',
      },
      // CPS scheme, requested Mon 19 Oct. Acknowledgement: no clock, never acknowledged: owed.
      {
        rule: 'cps-review-acknowledgement',
        status: 'owed',
        owedBy: 'cps',
        enhanced: false,
        due: null,
      },
      // Decision + 30 wd from Mon 19 Oct: Tue 20 (1), Wed 21 (2), Thu 22 (3), Fri 23 (4),
      // Mon 26 (5), Tue 27 (6), Wed 28 (7), Thu 29 (8), Fri 30 (9), Mon 2 Nov (10), Tue 3 (11),
      // Wed 4 (12), Thu 5 (13), Fri 6 (14), Mon 9 (15), Tue 10 (16), Wed 11 (17), Thu 12 (18),
      // Fri 13 (19), Mon 16 (20), Tue 17 (21), Wed 18 (22), Thu 19 (23), Fri 20 (24), Mon 23 (25),
      // Tue 24 (26), Wed 25 (27), Thu 26 (28), Fri 27 (29), Mon 30 Nov (30) = Mon 30 Nov.
      // Decided Thu 3 Dec: Tue 1 (1), Wed 2 (2), Thu 3 (3) = 3 wd late.
      {
        rule: 'cps-review-decision',
        status: 'met-late',
        owedBy: 'cps',
        enhanced: false,
        due: '2026-11-30',
        late: 3,
      },
      // Police scheme, requested Tue 20 Oct. Acknowledgement + 10 wd: Wed 21 (1), Thu 22 (2),
      // Fri 23 (3), Mon 26 (4), Tue 27 (5), Wed 28 (6), Thu 29 (7), Fri 30 (8), Mon 2 Nov (9),
      // Tue 3 Nov (10) = Tue 3 Nov. Acknowledged Fri 30 Oct.
      {
        rule: 'review-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-03',
      },
      // Decision + 30 wd: one working day after the CPS count above, Tue 1 Dec. Not decided by
      // Fri 11 Dec: Wed 2 (1), Thu 3 (2), Fri 4 (3), Mon 7 (4), Tue 8 (5), Wed 9 (6), Thu 10 (7),
      // Fri 11 (8) = 8 wd late.
      {
        rule: 'review-decision',
        status: 'breached',
        owedBy: 'police',
        enhanced: false,
        due: '2026-12-01',
        late: 8,
      },
    ]);
  });

  it("reports the CPS's late decision and the police's missing one, each to its owner", () => {
    expect(
      breachesOf(entitlementsAt(events, NOW)).map((b) => [b.owedBy, b.ruleId, b.status]),
    ).toEqual([
      ['cps', 'cps-review-decision', 'met-late'],
      ['police', 'review-decision', 'breached'],
    ]);
  });
});
