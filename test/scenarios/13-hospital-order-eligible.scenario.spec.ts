import { entitlementsAt, expectEntitlements, journey, noClockOnReport, vcsAt } from './support';

/**
 * Attempted murder (enhanced rights); the defendant is given a restricted hospital order under
 * the Mental Health Act 1983. A hospital order for a violent offence makes the victim eligible for the
 * Victim Contact Scheme whatever its length (scenario 40: not for a theft). The WCU refers late, across the clocks going back (Sun 25 Oct
 * 2026); the VLO makes contact; the victim never answers.
 */
describe('Scenario 13: restricted hospital order: eligible; referred late; no response', () => {
  const NOW = '2027-01-11T12:00:00Z';
  const events = journey()
    .reported('2026-06-01T09:00:00Z', { offenceCategory: 'attempted-murder' }) // Mon 1 Jun
    .told('report-acknowledgement', '2026-06-01T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-06-01T14:00:00Z', { service: 'victim-support' })
    .event('hospital-order-made', '2026-10-14T11:00:00Z', {
      suspectNumber: 1,
      restricted: true,
      offenceCategory: 'attempted-murder',
      specifiedOffence: true,
    })
    .by('court', 'result-sent-to-witness-care', '2026-10-14T13:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2026-10-15T10:00:00Z', { by: 'witness-care-unit' })
    .by('witness-care-unit', 'vcs-referral-made', '2026-11-02T10:00:00Z', { suspectNumber: 1 })
    .by('probation', 'vcs-referral-received', '2026-11-03T10:00:00Z', { suspectNumber: 1 })
    .by('probation', 'vlo-contact-made', '2026-11-19T10:00:00Z', {
      suspectNumber: 1,
      method: 'phone',
    })
    .build();

  it('owes the outcome and the referral, as for a custodial sentence', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 1 Jun (day 0) + 1 wd (enhanced) = Tue 2 Jun. Acknowledged in writing
      // when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-02',
      },
      // Reported Mon 1 Jun (day 0) + 2 wd: Tue 2, Wed 3 = Wed 3 Jun.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-06-03',
      },
      ...noClockOnReport({}, true),
      // Hospital order Wed 14 Oct (day 0) + 1 wd = Thu 15 Oct. Told Thu 15 Oct.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-10-15',
      },
      // The court sent the hospital order the same day. 5 wd from Wed 14 Oct: Thu 15, Fri 16,
      // Mon 19, Tue 20, Wed 21 Oct = Wed 21 Oct.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2026-10-21',
      },
      // VCS referral, 10 wd from Wed 14 Oct: Thu 15 (1), Fri 16 (2), Mon 19 (3), Tue 20 (4),
      // Wed 21 (5), Thu 22 (6), Fri 23 (7), Mon 26 (8), Tue 27 (9), Wed 28 Oct (10). The
      // order was made in BST; the clocks went back on Sun 25 Oct, so the deadline day ends at
      // midnight GMT. Referred Mon 2 Nov: Thu 29 (1), Fri 30 (2), Mon 2 Nov (3) = 3 wd late.
      {
        rule: 'vcs-referral',
        status: 'met-late',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-10-28',
        endsAt: '2026-10-29T00:00:00.000Z',
        late: 3,
      },
      // Referral received Tue 3 Nov (day 0) + 20 wd: Wed 4 (1), Thu 5 (2), Fri 6 (3), Mon 9 (4),
      // Tue 10 (5), Wed 11 (6), Thu 12 (7), Fri 13 (8), Mon 16 (9), Tue 17 (10), Wed 18 (11),
      // Thu 19 (12), Fri 20 (13), Mon 23 (14), Tue 24 (15), Wed 25 (16), Thu 26 (17),
      // Fri 27 (18), Mon 30 (19), Tue 1 Dec (20) = Tue 1 Dec. Contact Thu 19 Nov.
      {
        rule: 'vlo-first-contact',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2026-12-01',
      },
    ]);
  });

  it('shows no response 20 working days after contact', () => {
    // Contact Thu 19 Nov (day 0) + 20 wd: Fri 20 (1), Mon 23 (2), Tue 24 (3), Wed 25 (4),
    // Thu 26 (5), Fri 27 (6), Mon 30 (7), Tue 1 Dec (8), Wed 2 (9), Thu 3 (10), Fri 4 (11),
    // Mon 7 (12), Tue 8 (13), Wed 9 (14), Thu 10 (15), Fri 11 (16), Mon 14 (17), Tue 15 (18),
    // Wed 16 (19), Thu 17 Dec (20): no response from the end of Thu 17 Dec (midnight GMT).
    const noResponseFrom = '2026-12-18T00:00:00.000Z';
    expect(vcsAt(events, '2026-12-17T23:59:59Z')).toMatchObject([
      { status: 'contacted', noResponseFrom },
    ]);
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        eligible: true,
        eligibility: 'restricted hospital order for a specified offence',
        status: 'no-response',
        noResponseFrom,
        referredAt: '2026-11-02T10:00:00Z',
        contactedAt: '2026-11-19T10:00:00Z',
      },
    ]);
  });
});
