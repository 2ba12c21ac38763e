import { urgencyOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * Two suspects: the police decide not to prosecute the first, the CPS decides not to charge the
 * second. The victim asks for both decisions to be reviewed (Victims' Right to Review). These
 * requests were posted before the scheme was recorded on them: each is under the scheme of the
 * agency that received it (scenario 52 records it). The police scheme: acknowledgement within 10
 * working days, decision within 30. The CPS scheme: acknowledgement with no clock (a product
 * default), decision within 30 working days. The August bank holiday (Mon 31 Aug 2026) is in
 * the clocks.
 */
describe("Scenario 17: Victims' Right to Review, police and CPS", () => {
  const NOW = '2026-10-02T12:00:00Z'; // Fri 2 Oct 2026
  const events = journey()
    .reported('2026-08-03T09:00:00Z', { offenceCategory: 'violence-with-injury' }) // Mon 3 Aug
    .told('report-acknowledgement', '2026-08-03T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-08-03T13:00:00Z', { service: 'victim-support' })
    .event('decided-not-to-prosecute', '2026-08-12T14:00:00Z', {
      suspectNumber: 1,
      reason: 'No realistic prospect of conviction',
    })
    .by('cps', 'cps-decided-not-to-charge', '2026-08-13T11:00:00Z', { suspectNumber: 2 })
    .told('charge-decision-update', '2026-08-14T10:00:00Z')
    .by('police', 'review-requested', '2026-08-17T09:00:00Z', { reviewId: 'VRR-P-1' })
    .told('cps-decision-letter', '2026-08-18T10:00:00Z', { by: 'cps' })
    .by('cps', 'review-requested', '2026-08-25T16:00:00Z', { reviewId: 'VRR-C-1' })
    .by('police', 'review-acknowledged', '2026-08-27T10:00:00Z', { reviewId: 'VRR-P-1' })
    .by('cps', 'review-acknowledged', '2026-09-14T10:00:00Z', { reviewId: 'VRR-C-1' })
    .by('police', 'review-decided', '2026-10-01T10:00:00Z', {
      reviewId: 'VRR-P-1',
      outcome: 'decision-upheld',
    })
    .build();

  it('owes each review from the agency that received the request', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 3 Aug (day 0) + 5 wd: Tue 4 to Fri 7, Mon 10 = Mon 10 Aug.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-08-10',
      },
      // Reported Mon 3 Aug (day 0) + 2 wd: Tue 4, Wed 5 = Wed 5 Aug.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-08-05',
      },
      ...noClockOnReport(),
      // Police decision not to prosecute Wed 12 Aug (day 0) + 5 wd: Thu 13, Fri 14, Mon 17,
      // Tue 18, Wed 19 = Wed 19 Aug. Told Fri 14 Aug.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-08-19',
      },
      // CPS decision not to charge Thu 13 Aug (day 0) + 5 wd: Fri 14, Mon 17, Tue 18, Wed 19,
      // Thu 20 = Thu 20 Aug. Letter Tue 18 Aug.
      {
        rule: 'cps-decision-letter',
        status: 'met',
        owedBy: 'cps',
        enhanced: false,
        due: '2026-08-20',
      },
      // Police review requested Mon 17 Aug (day 0). Acknowledgement + 10 wd: Tue 18 (1),
      // Wed 19 (2), Thu 20 (3), Fri 21 (4), Mon 24 (5), Tue 25 (6), Wed 26 (7), Thu 27 (8),
      // Fri 28 (9), [Mon 31 Aug bank holiday], Tue 1 Sep (10) = Tue 1 Sep. Acknowledged Thu 27 Aug.
      {
        rule: 'review-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-01',
      },
      // Decision + 30 wd, on from Tue 1 Sep (10): Wed 2 (11), Thu 3 (12), Fri 4 (13), Mon 7 (14),
      // Tue 8 (15), Wed 9 (16), Thu 10 (17), Fri 11 (18), Mon 14 (19), Tue 15 (20), Wed 16 (21),
      // Thu 17 (22), Fri 18 (23), Mon 21 (24), Tue 22 (25), Wed 23 (26), Thu 24 (27),
      // Fri 25 (28), Mon 28 (29), Tue 29 Sep (30) = Tue 29 Sep. Decided Thu 1 Oct:
      // Wed 30 Sep (1), Thu 1 Oct (2) = 2 wd late.
      {
        rule: 'review-decision',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due: '2026-09-29',
        late: 2,
      },
      // CPS review requested Tue 25 Aug (day 0), posted by the CPS with no scheme: the CPS
      // scheme. Acknowledgement has no clock: given Mon 14 Sep (under the police scheme's 10 wd
      // it would have been 3 wd late).
      {
        rule: 'cps-review-acknowledgement',
        status: 'given',
        owedBy: 'cps',
        enhanced: false,
        due: null,
      },
      // Decision + 30 wd: Wed 26 (1), Thu 27 (2), Fri 28 (3), [Mon 31 Aug], Tue 1 Sep (4),
      // Wed 2 (5), Thu 3 (6), Fri 4 (7), Mon 7 (8), Tue 8 (9), Wed 9 Sep (10), Thu 10 (11), Fri 11 (12), Mon 14 (13),
      // Tue 15 (14), Wed 16 (15), Thu 17 (16), Fri 18 (17), Mon 21 (18), Tue 22 (19), Wed 23 (20),
      // Thu 24 (21), Fri 25 (22), Mon 28 (23), Tue 29 (24), Wed 30 (25), Thu 1 Oct (26),
      // Fri 2 (27), Mon 5 (28), Tue 6 (29), Wed 7 Oct (30) = Wed 7 Oct. Not yet decided.
      {
        rule: 'cps-review-decision',
        status: 'pending',
        owedBy: 'cps',
        enhanced: false,
        due: '2026-10-07',
        endsAt: '2026-10-07T23:00:00.000Z',
      },
    ]);
  });

  it("puts the CPS decision in the CPS's caseload as due soon", () => {
    // Now Fri 2 Oct; due soon means within 5 wd: Mon 5, Tue 6, Wed 7, Thu 8, Fri 9 Oct.
    const pending = entitlementsAt(events, NOW).filter((e) => e.status === 'pending');
    expect(pending.map((e) => [e.owedBy, urgencyOf(e, new Date(NOW))])).toEqual([
      ['cps', 'due-soon'],
    ]);
  });
});
