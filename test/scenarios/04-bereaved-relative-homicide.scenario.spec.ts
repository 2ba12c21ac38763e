import { entitlementsAt, expectEntitlements, flags, journey } from './support';

/**
 * The victim here is a close relative bereaved by a homicide (the nominated family spokesperson):
 * enhanced rights. The killing is reported on the Friday night before the August bank holiday
 * (Mon 31 Aug 2026); the suspect is arrested on the Saturday and charged on the bank holiday.
 */
describe('Scenario 04: bereaved relative of a homicide victim, over the August bank holiday', () => {
  const NOW = '2026-09-10T12:00:00Z';
  const events = journey()
    .reported('2026-08-28T20:00:00Z', {
      offenceCategory: 'homicide',
      victimDateOfBirth: '1961-03-02',
      enhancedRights: flags({ bereaved: true }),
    }) // Fri 28 Aug 2026, 21:00 BST
    .told('report-acknowledgement', '2026-08-28T20:00:00Z', { method: 'email' })
    .event('suspect-arrested', '2026-08-29T06:00:00Z', { suspectNumber: 1 })
    .event('referred-to-support', '2026-08-29T09:00:00Z', { service: 'homicide-service' })
    .event('needs-assessed', '2026-08-29T09:30:00Z', { needs: ['mental-health'] })
    .told('arrest-update', '2026-08-29T12:00:00Z')
    .event('suspect-interviewed-under-caution', '2026-08-30T10:00:00Z', { suspectNumber: 1 })
    .event('suspect-charged', '2026-08-31T18:00:00Z', { suspectNumber: 1, caseUrn: '13WY0054321' })
    .by('witness-care-unit', 'hearing-details-received', '2026-09-01T14:00:00Z', {
      hearingId: 'H-1',
      court: 'Bradford Magistrates Court',
      hearingAt: '2026-09-02T10:00:00+01:00',
    })
    .told('hearing-details', '2026-09-01T16:00:00Z', { by: 'witness-care-unit' })
    .told('interview-update', '2026-09-01T17:00:00Z')
    .told('charge-decision-update', '2026-09-02T08:00:00Z')
    .event('vps-offered', '2026-09-03T10:00:00Z', { accepted: true })
    .build();

  it('gives the bereaved family enhanced deadlines, skipping the bank holiday', () => {
    const all = entitlementsAt(events, NOW);
    expect(all[0]?.enhancedReasons).toEqual(['bereaved']);
    expectEntitlements(all, [
      // Right 3: reported Fri 28 Aug (day 0) + 1 wd (enhanced): Mon 31 Aug is a bank holiday, so
      // Tue 1 Sep. Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-09-01',
      },
      // Reported Fri 28 Aug (day 0); Sat, Sun and Mon 31 Aug (bank holiday) do not count:
      // Tue 1 Sep (1), Wed 2 Sep (2) = Wed 2 Sep. Referred Sat 29 Aug.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-09-02',
      },
      { rule: 'vps-offer', status: 'given', owedBy: 'police', enhanced: true, due: null },
      {
        rule: 'compensation-information',
        status: 'owed',
        owedBy: 'police',
        enhanced: true,
        due: null,
      },
      { rule: 'needs-assessment', status: 'given', owedBy: 'police', enhanced: true, due: null },
      // Arrest Sat 29 Aug (day 0) + 1 wd: Mon 31 Aug is a bank holiday, so Tue 1 Sep.
      // Told on the Saturday.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-09-01',
        endsAt: '2026-09-01T23:00:00.000Z',
      },
      // Interview Sun 30 Aug + 1 wd = Tue 1 Sep. Told Tue 1 Sep, 18:00 BST.
      {
        rule: 'interview-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-09-01',
      },
      // Charged on the bank holiday, Mon 31 Aug (day 0 all the same) + 1 wd = Tue 1 Sep.
      // Told Wed 2 Sep: 1 wd late.
      {
        rule: 'charge-decision-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: true,
        due: '2026-09-01',
        late: 1,
      },
      // The WCU had the first hearing's details Tue 1 Sep + 1 wd = Wed 2 Sep. Told Tue 1 Sep.
      {
        rule: 'hearing-details',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: true,
        due: '2026-09-02',
      },
    ]);
  });
});
