import { entitlementsAt, expectEntitlements, journey } from './support';

/**
 * Wounding with intent (the most serious crime: enhanced rights); two offenders, each given five
 * years. The victim opts in to the Victim Contact Scheme for the first offender only. Four Parole
 * Board hearings show when a Victim Personal Statement is owed: the 28 calendar days before the
 * hearing come from Parole Board guidance, not the Code.
 * - PB-1 (offender 1): the victim decides not to make a statement: not applicable.
 * - PB-4 (offender 2): the victim never opted in for this offender: not applicable.
 * - PB-2 (offender 1): listed 14 days ahead, too late for the 28 days: due the day before the
 *   hearing (the product default), and met.
 * - PB-3 (offender 1): listed in good time, nothing sent, no decision: breached.
 */
describe('Scenario 41: Parole Board statements: opted in, declined, short notice', () => {
  const NOW = '2027-12-01T12:00:00Z'; // Wed 1 Dec 2027
  const sentence = (suspectNumber: number) => ({
    suspectNumber,
    offenceCategory: 'wounding-or-gbh-with-intent',
    specifiedOffence: true,
    custodyMonths: 60,
    disposal: 'immediate-custody',
  });
  const listed = (suspectNumber: number, paroleHearingId: string, hearingDate: string) => ({
    suspectNumber,
    paroleHearingId,
    hearingDate,
  });
  const events = journey()
    .reported('2025-03-03T10:00:00Z', { offenceCategory: 'wounding-or-gbh-with-intent' })
    .event('sentenced', '2025-09-05T12:00:00Z', sentence(1))
    .event('sentenced', '2025-09-05T12:05:00Z', sentence(2))
    .by('probation', 'vlo-contact-made', '2025-10-01T10:00:00Z', {
      suspectNumber: 1,
      method: 'letter',
    })
    .by('probation', 'vlo-contact-made', '2025-10-01T10:05:00Z', {
      suspectNumber: 2,
      method: 'letter',
    })
    .by('probation', 'vcs-opted-in', '2025-10-06T10:00:00Z', { suspectNumber: 1 })
    .by(
      'parole-board',
      'parole-hearing-listed',
      '2027-02-01T10:00:00Z',
      listed(1, 'PB-1', '2027-04-26'),
    )
    .by('probation', 'vps-declined', '2027-02-15T11:00:00Z', {
      suspectNumber: 1,
      paroleHearingId: 'PB-1',
    })
    .by(
      'parole-board',
      'parole-hearing-listed',
      '2027-03-01T10:00:00Z',
      listed(2, 'PB-4', '2027-05-10'),
    )
    .by(
      'parole-board',
      'parole-hearing-listed',
      '2027-06-01T09:00:00Z',
      listed(1, 'PB-2', '2027-06-15'),
    )
    .by('probation', 'vps-submitted', '2027-06-10T14:00:00Z', {
      suspectNumber: 1,
      paroleHearingId: 'PB-2',
    })
    .by(
      'parole-board',
      'parole-hearing-listed',
      '2027-09-01T09:00:00Z',
      listed(1, 'PB-3', '2027-11-15'),
    )
    .build();

  it('owes a statement only to a victim who opted in and wants to make one', () => {
    const parole = entitlementsAt(events, NOW).filter((e) => e.ruleId === 'parole-vps');
    expectEntitlements(parole, [
      // PB-1, hearing Mon 26 Apr 2027: 26 Apr - 26 = 31 Mar, - 2 more = Mon 29 Mar (BST from
      // Sun 28 Mar: ends 23:00 UTC). The victim decided on Mon 15 Feb, before it: not owed.
      {
        rule: 'parole-vps',
        status: 'not-applicable',
        because: 'vps-declined',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-03-29',
        endsAt: '2027-03-29T23:00:00.000Z',
      },
      // PB-4, offender 2, hearing Mon 10 May 2027: 10 May - 10 = 30 Apr, - 18 more = Mon 12 Apr.
      // The victim was contacted about offender 2 but never opted in: not owed.
      {
        rule: 'parole-vps',
        status: 'not-applicable',
        because: 'vcs-not-opted-in',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-04-12',
      },
      // PB-2, hearing Tue 15 Jun 2027: 28 days before is Tue 18 May, already past when it was
      // listed on Tue 1 Jun (14 days ahead). Product default: the day before the hearing, Mon
      // 14 Jun (BST: ends 23:00 UTC). Sent Thu 10 Jun: met.
      {
        rule: 'parole-vps',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-06-14',
        endsAt: '2027-06-14T23:00:00.000Z',
      },
      // PB-3, hearing Mon 15 Nov 2027: 15 Nov - 15 = 31 Oct, - 13 more = Mon 18 Oct (BST until
      // Sun 31 Oct: ends 23:00 UTC). Nothing sent, nothing decided: breached. Working days late to
      // now, Wed 1 Dec (no bank holiday between): 19-22 Oct (4), 25-29 Oct (9), 1-5 Nov (14),
      // 8-12 Nov (19), 15-19 Nov (24), 22-26 Nov (29), Mon 29, Tue 30 Nov, Wed 1 Dec (32) = 32.
      {
        rule: 'parole-vps',
        status: 'breached',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-10-18',
        endsAt: '2027-10-18T23:00:00.000Z',
        late: 32,
      },
    ]);
  });

  it('takes a decision recorded after the deadline as too late: the breach stays', () => {
    const later = journey()
      .reported('2025-03-03T10:00:00Z', { offenceCategory: 'wounding-or-gbh-with-intent' })
      .event('sentenced', '2025-09-05T12:00:00Z', sentence(1))
      .by('probation', 'vcs-opted-in', '2025-10-06T10:00:00Z', { suspectNumber: 1 })
      .by(
        'parole-board',
        'parole-hearing-listed',
        '2027-09-01T09:00:00Z',
        listed(1, 'PB-3', '2027-11-15'),
      )
      // Tue 19 Oct 2027: the day after the deadline of Mon 18 Oct.
      .by('probation', 'vps-declined', '2027-10-19T09:00:00Z', {
        suspectNumber: 1,
        paroleHearingId: 'PB-3',
      })
      .build();
    const parole = entitlementsAt(later, NOW).filter((e) => e.ruleId === 'parole-vps');
    expectEntitlements(parole, [
      // As PB-3 above: due Mon 18 Oct, 32 working days late by Wed 1 Dec.
      {
        rule: 'parole-vps',
        status: 'breached',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-10-18',
        late: 32,
      },
    ]);
  });
});
