import { entitlementsAt, expectEntitlements, journey } from './support';

const keyStages = (events: Parameters<typeof entitlementsAt>[0], now: string) =>
  entitlementsAt(events, now).filter((e) => e.ruleId.startsWith('key-stage-'));

/**
 * Wounding with intent (enhanced rights), six years' custody; the victim opted in to the Victim
 * Contact Scheme. The victim liaison officer owes each key stage (Right 11, DVCVA 2004 s35). The
 * Code sets no time: 5 working days from the event, and the release date at least 7 calendar days
 * before the release (the day before, when set later), are product defaults.
 */
describe('Scenario 43: key stages told by the victim liaison officer (custody)', () => {
  const NOW = '2027-06-18T12:00:00Z'; // Fri 18 Jun 2027
  const events = journey()
    .reported('2025-01-06T10:00:00Z', { offenceCategory: 'wounding-or-gbh-with-intent' })
    .event('sentenced', '2025-05-02T12:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'wounding-or-gbh-with-intent',
      specifiedOffence: true,
      custodyMonths: 72,
      disposal: 'immediate-custody',
    })
    .by('probation', 'vcs-opted-in', '2025-06-02T10:00:00Z', { suspectNumber: 1 })
    .by('prison', 'offender-moved-to-open-conditions', '2027-03-02T10:00:00Z', { suspectNumber: 1 })
    .told('key-stage-open-conditions', '2027-03-08T10:00:00Z', { by: 'probation' })
    .by('prison', 'offender-release-date-set', '2027-05-04T10:00:00Z', {
      suspectNumber: 1,
      releaseDate: '2027-06-15',
    })
    .told('key-stage-release-date', '2027-06-04T10:00:00Z', { by: 'probation' })
    .by('prison', 'offender-release-date-set', '2027-06-11T09:00:00Z', {
      suspectNumber: 1,
      releaseDate: '2027-06-16',
    })
    .by('prison', 'offender-released-on-licence', '2027-06-16T09:00:00Z', {
      suspectNumber: 1,
      victimLicenceConditions: false,
    })
    .build();

  it('owes each key stage, the release date before the release', () => {
    expectEntitlements(keyStages(events, NOW), [
      // Open conditions Tue 2 Mar 2027 (day 0) + 5 wd: Wed 3, Thu 4, Fri 5, Mon 8, Tue 9 = Tue 9
      // Mar (GMT). Told Mon 8 Mar: met.
      {
        rule: 'key-stage-open-conditions',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-03-09',
        endsAt: '2027-03-10T00:00:00.000Z',
      },
      // Release set on Tue 4 May for Tue 15 Jun: 7 calendar days before is Tue 8 Jun (BST: ends
      // 23:00 UTC). Told Fri 4 Jun: in advance, met.
      {
        rule: 'key-stage-release-date',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-06-08',
        endsAt: '2027-06-08T23:00:00.000Z',
      },
      // Moved on Fri 11 Jun to Wed 16 Jun: 7 days before (Wed 9 Jun) had passed, so the day
      // before, Tue 15 Jun. Not told: breached, late Wed 16 (1), Thu 17 (2), Fri 18 (3) = 3.
      // The release itself (Wed 16 Jun) had no condition relating to the victim: no
      // `key-stage-licence-conditions` row.
      {
        rule: 'key-stage-release-date',
        status: 'breached',
        owedBy: 'probation',
        enhanced: true,
        due: '2027-06-15',
        late: 3,
      },
    ]);
  });
});

/**
 * Attempted murder; a restricted hospital order for it (VCS-eligible, DVCVA 2004 ss36–36A). The
 * patient's leave before the victim opted in is not owed; leave after it is, and the discharge
 * over Christmas 2026 is breached.
 */
describe('Scenario 43: key stages told by the victim liaison officer (hospital)', () => {
  const NOW = '2027-01-04T12:00:00Z'; // Mon 4 Jan 2027
  const events = journey()
    .reported('2026-01-05T10:00:00Z', { offenceCategory: 'attempted-murder' })
    .event('hospital-order-made', '2026-03-02T12:00:00Z', {
      suspectNumber: 1,
      restricted: true,
      offenceCategory: 'attempted-murder',
      specifiedOffence: true,
    })
    .by('hospital', 'patient-leave-granted', '2026-03-16T10:00:00Z', { suspectNumber: 1 })
    .by('probation', 'vcs-opted-in', '2026-04-01T10:00:00Z', { suspectNumber: 1 })
    .by(
      'hospital',
      'patient-leave-granted',
      '2026-10-01T10:00:00Z',
      { suspectNumber: 1 },
      { eventId: 'leave-2' },
    )
    // Names the leave it answers: unnamed, it would answer the earliest, the leave before the
    // victim opted in.
    .told('key-stage-hospital-leave-or-discharge', '2026-10-07T10:00:00Z', {
      by: 'probation',
      triggerEventId: 'leave-2',
    })
    .by('hospital', 'patient-discharged', '2026-12-18T10:00:00Z', { suspectNumber: 1 })
    .build();

  it('owes leave and discharge only once the victim opted in', () => {
    expectEntitlements(keyStages(events, NOW), [
      // Leave Mon 16 Mar 2026 (day 0) + 5 wd: Tue 17, Wed 18, Thu 19, Fri 20, Mon 23 = Mon 23
      // Mar. The victim had not opted in (Wed 1 Apr): not applicable.
      {
        rule: 'key-stage-hospital-leave-or-discharge',
        status: 'not-applicable',
        because: 'vcs-not-opted-in',
        owedBy: 'probation',
        enhanced: true,
        due: '2026-03-23',
      },
      // Leave Thu 1 Oct 2026 (day 0) + 5 wd: Fri 2, Mon 5, Tue 6, Wed 7, Thu 8 = Thu 8 Oct (BST:
      // ends 23:00 UTC). Told Wed 7 Oct: met.
      {
        rule: 'key-stage-hospital-leave-or-discharge',
        status: 'met',
        owedBy: 'probation',
        enhanced: true,
        due: '2026-10-08',
        endsAt: '2026-10-08T23:00:00.000Z',
      },
      // Discharged Fri 18 Dec 2026 (day 0) + 5 wd: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24
      // (4), [Fri 25 Christmas, Mon 28 Boxing Day substitute], Tue 29 (5) = Tue 29 Dec (GMT).
      // Not told: breached, late Wed 30 (1), Thu 31 (2), [Fri 1 Jan], Mon 4 Jan (3) = 3.
      {
        rule: 'key-stage-hospital-leave-or-discharge',
        status: 'breached',
        owedBy: 'probation',
        enhanced: true,
        due: '2026-12-29',
        endsAt: '2026-12-30T00:00:00.000Z',
        late: 3,
      },
    ]);
  });
});
