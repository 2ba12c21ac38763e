import {
  entitlementsAt,
  expectEntitlements,
  journey,
  knownAt,
  noClockOnReport,
  vcsAt,
} from './support';

/**
 * Wounding with intent (the most serious crime: enhanced rights), 48 months' immediate custody
 * for a specified violent offence: the whole Victim Contact Scheme, from December 2025 to
 * September 2027. The WCU refers over Christmas 2025, the VLO makes contact, the victim opts in,
 * a Parole Board hearing is listed and the VPS goes in on time, the offender is released on
 * licence with conditions protecting the victim, and is later recalled. The VLO passes on the
 * hearing and the licence conditions in time, but not the recall.
 */
describe('Scenario 11: 4 years for a specified offence, the Victim Contact Scheme in full', () => {
  const NOW = '2027-09-20T12:00:00Z';
  const events = journey()
    .reported('2025-03-05T10:00:00Z', { offenceCategory: 'wounding-or-gbh-with-intent' })
    .told('report-acknowledgement', '2025-03-05T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2025-03-05T15:00:00Z', { service: 'victim-support' })
    .event('plea-entered', '2025-11-03T11:00:00Z', { suspectNumber: 1, plea: 'guilty' })
    .by('court', 'result-sent-to-witness-care', '2025-11-03T13:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    })
    .told('verdict-outcome', '2025-11-03T15:00:00Z', { by: 'witness-care-unit' })
    .event('sentenced', '2025-12-19T12:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'wounding-or-gbh-with-intent',
      specifiedOffence: true,
      custodyMonths: 48,
      disposal: 'immediate-custody',
    }) // Fri 19 Dec 2025
    .by('court', 'result-sent-to-witness-care', '2025-12-19T14:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2025-12-19T16:00:00Z', { by: 'witness-care-unit' })
    .by('witness-care-unit', 'vcs-referral-made', '2026-01-05T10:00:00Z', { suspectNumber: 1 })
    .by('probation', 'vcs-referral-received', '2026-01-06T10:00:00Z', { suspectNumber: 1 })
    .by('probation', 'vlo-contact-made', '2026-01-29T11:00:00Z', {
      suspectNumber: 1,
      method: 'letter',
    })
    .by('probation', 'vcs-opted-in', '2026-02-09T10:00:00Z', { suspectNumber: 1 })
    .by('parole-board', 'parole-hearing-listed', '2027-02-01T10:00:00Z', {
      suspectNumber: 1,
      paroleHearingId: 'PB-1',
      hearingDate: '2027-04-26',
    })
    .told('key-stage-release-considered', '2027-02-03T10:00:00Z', { by: 'probation' })
    .by('probation', 'vps-submitted', '2027-03-25T14:00:00Z', {
      suspectNumber: 1,
      paroleHearingId: 'PB-1',
    })
    .by('prison', 'offender-released-on-licence', '2027-06-01T09:00:00Z', {
      suspectNumber: 1,
      victimLicenceConditions: true,
    })
    .told('key-stage-licence-conditions', '2027-06-02T10:00:00Z', { by: 'probation' })
    .by('probation', 'offender-recalled', '2027-09-10T15:00:00Z', { suspectNumber: 1 })
    .build();

  it('owes the referral, first contact and the VPS, each met', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Wed 5 Mar 2025 (day 0) + 1 wd (enhanced) = Thu 6 Mar 2025. Acknowledged
      // in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2025-03-06',
      },
      // Reported Wed 5 Mar 2025 (day 0) + 2 wd: Thu 6, Fri 7 = Fri 7 Mar 2025.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2025-03-07',
      },
      ...noClockOnReport({}, true),
      // Guilty plea Mon 3 Nov 2025 (day 0) + 1 wd = Tue 4 Nov. Told the same day.
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2025-11-04',
      },
      // The court sent the plea the same day. The court's 5 wd are the same for enhanced rights:
      // Tue 4, Wed 5, Thu 6, Fri 7, Mon 10 Nov = Mon 10 Nov.
      {
        rule: 'court-verdict-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2025-11-10',
      },
      // Sentenced Fri 19 Dec 2025 (day 0) + 1 wd = Mon 22 Dec. Told the same day.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2025-12-22',
      },
      // The court sent the sentence the same day. 5 wd from Fri 19 Dec: Mon 22 (1), Tue 23 (2),
      // Wed 24 (3), [Christmas Thu 25, Boxing Day Fri 26], Mon 29 (4), Tue 30 Dec (5) = Tue 30 Dec.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2025-12-30',
      },
      // VCS referral, 10 wd from Fri 19 Dec 2025: Mon 22 (1), Tue 23 (2), Wed 24 (3),
      // [Thu 25 Christmas, Fri 26 Boxing Day, Sat, Sun], Mon 29 (4), Tue 30 (5), Wed 31 (6),
      // [Thu 1 Jan 2026], Fri 2 (7), Mon 5 (8), Tue 6 (9), Wed 7 Jan (10) = Wed 7 Jan 2026.
      // Referred Mon 5 Jan.
      {
        rule: 'vcs-referral',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-01-07',
        endsAt: '2026-01-08T00:00:00.000Z',
      },
      // Referral received Tue 6 Jan 2026 (day 0) + 20 wd: Wed 7 (1), Thu 8 (2), Fri 9 (3),
      // Mon 12 (4), Tue 13 (5), Wed 14 (6), Thu 15 (7), Fri 16 (8), Mon 19 (9), Tue 20 (10),
      // Wed 21 (11), Thu 22 (12), Fri 23 (13), Mon 26 (14), Tue 27 (15), Wed 28 (16),
      // Thu 29 (17), Fri 30 (18), Mon 2 Feb (19), Tue 3 Feb (20) = Tue 3 Feb. Contact Thu 29 Jan.
      {
        rule: 'vlo-first-contact',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2026-02-03',
      },
      // Hearing Mon 26 Apr 2027; the VPS must reach the Parole Board 28 calendar days before:
      // 26 Apr - 26 days = 31 Mar, - 2 more = Mon 29 Mar 2027. That is Easter Monday, a bank
      // holiday, but calendar days are not moved for holidays. BST (from Sun 28 Mar 2027), so
      // it ends at 23:00 UTC. Submitted Thu 25 Mar.
      {
        rule: 'parole-vps',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-03-29',
        endsAt: '2027-03-29T23:00:00.000Z',
      },
      // Key stages (Right 11; 5 working days a product default). Hearing listed Mon 1 Feb 2027
      // (day 0) + 5 wd: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 = Mon 8 Feb. Told Wed 3 Feb.
      {
        rule: 'key-stage-release-considered',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-02-08',
      },
      // Released Tue 1 Jun 2027 with conditions protecting the victim (day 0) + 5 wd: Wed 2,
      // Thu 3, Fri 4, Mon 7, Tue 8 = Tue 8 Jun (the spring bank holiday was Mon 31 May). Told
      // Wed 2 Jun.
      {
        rule: 'key-stage-licence-conditions',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-06-08',
        endsAt: '2027-06-08T23:00:00.000Z',
      },
      // Recalled Fri 10 Sep 2027 (day 0) + 5 wd: Mon 13, Tue 14, Wed 15, Thu 16, Fri 17 = Fri 17
      // Sep. Not told by now, Mon 20 Sep: breached, 1 working day late (Mon 20).
      {
        rule: 'key-stage-recall',
        status: 'breached',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-09-17',
        late: 1,
      },
    ]);
  });

  it('moves the scheme record on, stage by stage', () => {
    // Contacted Thu 29 Jan 2026; with no answer, no-response from the end of the 20th working
    // day after: Fri 30 Jan (1), Mon 2 Feb (2) ... Fri 20 Feb (16), Mon 23 (17), Tue 24 (18),
    // Wed 25 (19), Thu 26 Feb (20): the end of Thu 26 Feb 2026, midnight GMT.
    expect(vcsAt(knownAt(events, '2026-01-30T12:00:00Z'), '2026-01-30T12:00:00Z')).toMatchObject([
      { status: 'contacted', noResponseFrom: '2026-02-27T00:00:00.000Z' },
    ]);
    expect(vcsAt(knownAt(events, '2026-02-10T12:00:00Z'), '2026-02-10T12:00:00Z')).toMatchObject([
      { status: 'opted-in', keyStage: null },
    ]);
    expect(vcsAt(knownAt(events, '2027-06-02T12:00:00Z'), '2027-06-02T12:00:00Z')).toMatchObject([
      { status: 'active', keyStage: 'release-on-licence' },
    ]);
    expect(vcsAt(events, NOW)).toEqual([
      expect.objectContaining({
        suspectNumber: 1,
        eligible: true,
        eligibility: "48 months' custody for a specified offence",
        status: 'active',
        keyStage: 'recall',
        keyStages: [
          { stage: 'parole-consideration', at: '2027-02-01T10:00:00Z' },
          { stage: 'release-on-licence', at: '2027-06-01T09:00:00Z' },
          { stage: 'recall', at: '2027-09-10T15:00:00Z' },
        ],
        referredAt: '2026-01-05T10:00:00Z',
        contactedAt: '2026-01-29T11:00:00Z',
        optedInAt: '2026-02-09T10:00:00Z',
        optedOutAt: null,
        closedAt: null,
      }),
    ]);
  });
});
