import {
  entitlementsAt,
  expectEntitlements,
  journey,
  knownAt,
  noClockOnReport,
  vcsAt,
} from './support';

/**
 * A burglary victim (standard rights) withdraws from all contact two days after reporting and
 * re-engages twelve days later, on Mon 19 Oct 2026. Decided here: what is triggered after the
 * re-engagement is owed as usual; what was still open when the victim came back (triggered before
 * or during the withdrawal, its deadline not yet ended) is owed again, its clock restarted from the
 * re-engagement (day 0); what ended while the victim was withdrawn stays not applicable.
 */
describe('Scenario 42: victim withdraws, then re-engages', () => {
  const NOW = '2026-11-02T12:00:00Z'; // Mon 2 Nov 2026 (GMT)
  const WITHDREW_AT = '2026-10-07T15:00:00Z'; // Wed 7 Oct, 16:00 BST
  const events = journey()
    .reported('2026-10-05T09:00:00Z') // Mon 5 Oct 2026
    .told('report-acknowledgement', '2026-10-05T11:00:00Z')
    .event('referred-to-support', '2026-10-05T14:00:00Z', { service: 'victim-support' })
    .event('suspect-arrested', '2026-10-06T10:00:00Z', { suspectNumber: 1 }) // Tue 6 Oct
    .event('victim-withdrew', WITHDREW_AT, { scope: 'all-contact' })
    .event('suspect-interviewed-under-caution', '2026-10-08T10:00:00Z', { suspectNumber: 1 })
    .event('suspect-released-on-bail', '2026-10-16T11:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: false,
    }) // Fri 16 Oct
    .event('victim-re-engaged', '2026-10-19T10:00:00Z') // Mon 19 Oct
    .event('suspect-charged', '2026-10-21T10:00:00Z', { suspectNumber: 1, caseUrn: '13WY0061026' })
    .told('bail-update', '2026-10-26T10:00:00Z')
    .build();

  it('owes again what was still open, from the re-engagement, and what comes after', () => {
    const all = entitlementsAt(events, NOW);
    expectEntitlements(all, [
      // Right 3: reported Mon 5 Oct (day 0) + 5 wd: Tue 6, Wed 7, Thu 8, Fri 9, Mon 12 = Mon 12
      // Oct. Acknowledged the same day, before the withdrawal.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-12',
      },
      // Reported Mon 5 Oct (day 0) + 2 wd: Tue 6, Wed 7 = Wed 7 Oct. Referred Mon 5 Oct.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-07',
      },
      // No clock, nothing given: the victim is back, so owed again.
      ...noClockOnReport(),
      // Arrest Tue 6 Oct (day 0) + 5 wd: Wed 7 (1), Thu 8 (2), Fri 9 (3), Mon 12 (4), Tue 13
      // (5) = Tue 13 Oct. Ended while the victim was withdrawn: not applicable.
      {
        rule: 'arrest-update',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-13',
      },
      // Interview Thu 8 Oct (day 0) + 5 wd: Fri 9 (1), Mon 12 (2), Tue 13 (3), Wed 14 (4), Thu
      // 15 (5) = Thu 15 Oct, before the re-engagement: not applicable.
      {
        rule: 'interview-update',
        status: 'not-applicable',
        because: 'withdrew',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-15',
      },
      // Bail Fri 16 Oct, while withdrawn: due Fri 23 Oct, still ahead on Mon 19 Oct. Restarted
      // from the re-engagement, Mon 19 Oct (day 0) + 5 wd: Tue 20 (1), Wed 21 (2), Thu 22 (3),
      // Fri 23 (4), Mon 26 (5) = Mon 26 Oct (GMT from Sun 25 Oct: ends midnight UTC). Told Mon
      // 26 Oct: met (late against Fri 23 Oct, which no longer counts).
      {
        rule: 'bail-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-26',
        endsAt: '2026-10-27T00:00:00.000Z',
      },
      // Charged Wed 21 Oct, after the re-engagement (day 0) + 5 wd: Thu 22 (1), Fri 23 (2), Mon
      // 26 (3), Tue 27 (4), Wed 28 (5) = Wed 28 Oct. Never told: breached, late to now Mon 2
      // Nov: Thu 29 (1), Fri 30 (2), Mon 2 (3) = 3.
      {
        rule: 'charge-decision-update',
        status: 'breached',
        owedBy: 'police',
        enhanced: false,
        due: '2026-10-28',
        late: 3,
      },
    ]);
    expect(
      all.filter((e) => e.status === 'not-applicable').map((e) => e.notApplicable?.from),
    ).toEqual([`2026-10-07T15:00:00.000Z`, `2026-10-07T15:00:00.000Z`]);
  });

  it('shows everything open as not applicable while the victim is withdrawn', () => {
    // As recorded on Sat 17 Oct: the bail update (due Fri 23 Oct) is not owed yet.
    const then = '2026-10-17T12:00:00Z';
    const bail = entitlementsAt(knownAt(events, then), then).find(
      (e) => e.ruleId === 'bail-update',
    );
    expect(bail).toMatchObject({
      status: 'not-applicable',
      notApplicable: { because: 'withdrew' },
    });
  });
});

/**
 * A wounding victim in the Victim Contact Scheme withdraws from all contact, which closes the
 * scheme's record; re-engaging reopens it as it was. A withdrawal from the scheme alone is undone
 * by opting back in, not by re-engaging.
 */
describe('Scenario 42: the Victim Contact Scheme after re-engagement', () => {
  const base = () =>
    journey()
      .reported('2026-01-12T10:00:00Z', { offenceCategory: 'wounding-or-gbh-with-intent' })
      .event('sentenced', '2026-02-06T14:00:00Z', {
        suspectNumber: 1,
        offenceCategory: 'wounding-or-gbh-with-intent',
        specifiedOffence: true,
        custodyMonths: 36,
        disposal: 'immediate-custody',
      })
      .by('probation', 'vlo-contact-made', '2026-03-02T10:00:00Z', {
        suspectNumber: 1,
        method: 'phone',
      })
      .by('probation', 'vcs-opted-in', '2026-03-02T10:30:00Z', { suspectNumber: 1 });
  const NOW = '2026-06-01T12:00:00Z';

  it('reopens a record closed by an all-contact withdrawal', () => {
    const events = base()
      .event('victim-withdrew', '2026-04-01T10:00:00Z', { scope: 'all-contact' })
      .event('victim-re-engaged', '2026-05-04T10:00:00Z')
      .build();
    expect(vcsAt(knownAt(events, '2026-04-02T12:00:00Z'), '2026-04-02T12:00:00Z')).toMatchObject([
      { status: 'closed', closedBecause: 'victim-withdrew' },
    ]);
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        status: 'opted-in',
        closedAt: null,
        closedBecause: null,
        optedInAt: '2026-03-02T10:30:00Z',
      },
    ]);
  });

  it('reopens a record closed by leaving the scheme only when the victim opts back in', () => {
    const events = base()
      .event('victim-withdrew', '2026-04-01T10:00:00Z', { scope: 'victim-contact-scheme' })
      .event('victim-re-engaged', '2026-05-04T10:00:00Z')
      .build();
    expect(vcsAt(events, NOW)).toMatchObject([
      { status: 'closed', closedBecause: 'victim-withdrew' },
    ]);
    const optedIn = base()
      .event('victim-withdrew', '2026-04-01T10:00:00Z', { scope: 'victim-contact-scheme' })
      .by('probation', 'vcs-opted-in', '2026-05-04T10:00:00Z', { suspectNumber: 1 })
      .build();
    expect(vcsAt(optedIn, NOW)).toMatchObject([
      { status: 'opted-in', closedBecause: null, optedInAt: '2026-05-04T10:00:00Z' },
    ]);
  });
});
