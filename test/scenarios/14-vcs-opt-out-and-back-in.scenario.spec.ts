import {
  entitlementsAt,
  expectEntitlements,
  journey,
  knownAt,
  noClockOnReport,
  vcsAt,
} from './support';

/**
 * A victim of a sexual offence (enhanced rights) in the Victim Contact Scheme opts out a year
 * into a six-year sentence, and back in two months later. A Parole Board hearing listed while
 * they were out owes no VPS; the hearing listed after they came back does.
 */
describe('Scenario 14: opted out of the Victim Contact Scheme, then back in', () => {
  const NOW = '2027-07-02T12:00:00Z';
  const events = journey()
    .reported('2026-01-12T10:00:00Z', { offenceCategory: 'sexual-offence' }) // Mon 12 Jan 2026
    .told('report-acknowledgement', '2026-01-12T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-01-12T15:00:00Z', { service: 'sexual-violence-service' })
    .event('sentenced', '2026-02-06T14:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'sexual-offence',
      specifiedOffence: true,
      custodyMonths: 72,
      disposal: 'immediate-custody',
    }) // Fri 6 Feb 2026
    .by('court', 'result-sent-to-witness-care', '2026-02-06T15:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2026-02-06T16:00:00Z', { by: 'witness-care-unit' })
    .by('witness-care-unit', 'vcs-referral-made', '2026-02-10T10:00:00Z', { suspectNumber: 1 })
    .by('probation', 'vcs-referral-received', '2026-02-11T10:00:00Z', { suspectNumber: 1 })
    .by('probation', 'vlo-contact-made', '2026-03-02T10:00:00Z', {
      suspectNumber: 1,
      method: 'in-person',
    })
    .by('probation', 'vcs-opted-in', '2026-03-02T10:30:00Z', { suspectNumber: 1 })
    .by('probation', 'vcs-opted-out', '2027-03-01T10:00:00Z', { suspectNumber: 1 })
    .by('parole-board', 'parole-hearing-listed', '2027-04-07T10:00:00Z', {
      suspectNumber: 1,
      paroleHearingId: 'PB-A',
      hearingDate: '2027-06-21',
    })
    .by('probation', 'vcs-opted-in', '2027-05-10T09:00:00Z', { suspectNumber: 1 })
    .by('parole-board', 'parole-hearing-listed', '2027-06-14T09:00:00Z', {
      suspectNumber: 1,
      paroleHearingId: 'PB-B',
      hearingDate: '2027-09-06',
    })
    .build();

  it('owes no VPS for the hearing listed while opted out, and one for the next', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 12 Jan (day 0) + 1 wd (enhanced) = Tue 13 Jan. Acknowledged in
      // writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-13',
      },
      // Reported Mon 12 Jan 2026 (day 0) + 2 wd: Tue 13, Wed 14 = Wed 14 Jan.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-14',
      },
      ...noClockOnReport({}, true),
      // Sentenced Fri 6 Feb (day 0) + 1 wd = Mon 9 Feb. Told Fri 6 Feb.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-02-09',
      },
      // The court sent the sentence the same day. 5 wd from Fri 6 Feb: Mon 9, Tue 10, Wed 11,
      // Thu 12, Fri 13 Feb = Fri 13 Feb.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: true,
        due: '2026-02-13',
      },
      // Fri 6 Feb + 10 wd: Mon 9 (1), Tue 10 (2), Wed 11 (3), Thu 12 (4), Fri 13 (5), Mon 16 (6),
      // Tue 17 (7), Wed 18 (8), Thu 19 (9), Fri 20 (10) = Fri 20 Feb. Referred Tue 10 Feb.
      {
        rule: 'vcs-referral',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-02-20',
      },
      // Received Wed 11 Feb (day 0) + 20 wd: Thu 12 (1), Fri 13 (2), Mon 16 (3), Tue 17 (4),
      // Wed 18 (5), Thu 19 (6), Fri 20 (7), Mon 23 (8), Tue 24 (9), Wed 25 (10), Thu 26 (11),
      // Fri 27 (12), Mon 2 Mar (13), Tue 3 (14), Wed 4 (15), Thu 5 (16), Fri 6 (17), Mon 9 (18),
      // Tue 10 (19), Wed 11 Mar (20) = Wed 11 Mar. Contact Mon 2 Mar.
      {
        rule: 'vlo-first-contact',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2026-03-11',
      },
      // Hearing PB-A on Mon 21 Jun 2027: 28 calendar days before is 21 Jun - 21 = 31 May,
      // - 7 more = Mon 24 May. Listed Wed 7 Apr 2027, while the victim was opted out (from
      // Mon 1 Mar 2027): not applicable. Opting back in on Mon 10 May, before 24 May, does not
      // revive it (the brief: a hearing listed while opted out owes no VPS).
      {
        rule: 'parole-vps',
        status: 'not-applicable',
        because: 'vcs-opted-out',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-05-24',
      },
      // Telling the victim release is being considered (key stage, 5 wd a product default):
      // listed Wed 7 Apr 2027 (day 0) + 5 wd: Thu 8, Fri 9, Mon 12, Tue 13, Wed 14 = Wed 14 Apr.
      // Opted out then: not applicable.
      {
        rule: 'key-stage-release-considered',
        status: 'not-applicable',
        because: 'vcs-opted-out',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-04-14',
      },
      // Hearing PB-B on Mon 6 Sep 2027: 6 Sep - 6 = 31 Aug, - 22 more = Mon 9 Aug 2027 (BST:
      // ends 23:00 UTC). Listed Mon 14 Jun, after the victim opted back in: owed, pending now.
      {
        rule: 'parole-vps',
        status: 'pending',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-08-09',
        endsAt: '2027-08-09T23:00:00.000Z',
      },
      // Listed Mon 14 Jun 2027 (day 0) + 5 wd: Tue 15, Wed 16, Thu 17, Fri 18, Mon 21 = Mon 21
      // Jun (BST: ends 23:00 UTC). Not told by now, Fri 2 Jul: breached, late Tue 22 (1), Wed 23
      // (2), Thu 24 (3), Fri 25 (4), Mon 28 (5), Tue 29 (6), Wed 30 (7), Thu 1 Jul (8), Fri 2 (9).
      {
        rule: 'key-stage-release-considered',
        status: 'breached',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-06-21',
        endsAt: '2027-06-21T23:00:00.000Z',
        late: 9,
      },
    ]);
  });

  it('shows the opt-out, then the scheme active again', () => {
    expect(vcsAt(knownAt(events, '2027-04-08T12:00:00Z'), '2027-04-08T12:00:00Z')).toMatchObject([
      { status: 'opted-out', optedOutAt: '2027-03-01T10:00:00Z' },
    ]);
    // Reading: a key stage (the parole consideration) reached while the victim was out is still
    // a fact of the sentence; once they opt back in, the VLO passes it on, so the scheme is
    // active at that stage.
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        status: 'active',
        keyStage: 'parole-consideration',
        optedOutAt: '2027-03-01T10:00:00Z',
        optedInAt: '2027-05-10T09:00:00Z',
      },
    ]);
  });
});
