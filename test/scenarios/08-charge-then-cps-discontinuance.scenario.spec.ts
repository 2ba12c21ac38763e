import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * An assault: the police arrest and charge, the Witness Care Unit passes on the first hearing,
 * then the CPS discontinues the case. The letter explaining the discontinuance (with the Right to
 * Review) is owed by the CPS, not the police, and it goes out a day late.
 */
describe('Scenario 08: charged, then discontinued by the CPS', () => {
  const NOW = '2026-03-02T12:00:00Z';
  const events = journey()
    .reported('2026-01-12T09:00:00Z', { offenceCategory: 'violence-with-injury' }) // Mon 12 Jan
    .told('report-acknowledgement', '2026-01-12T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-01-12T15:00:00Z', { service: 'victim-support' })
    .event('suspect-arrested', '2026-01-13T10:00:00Z', { suspectNumber: 1 })
    .told('arrest-update', '2026-01-13T16:00:00Z')
    .event('suspect-charged', '2026-01-21T15:00:00Z', { suspectNumber: 1, caseUrn: '13WY0099126' })
    .told('charge-decision-update', '2026-01-22T10:00:00Z')
    .by('witness-care-unit', 'hearing-details-received', '2026-01-23T12:00:00Z', {
      hearingId: 'H-1',
      court: 'Leeds Magistrates Court',
      hearingAt: '2026-02-20T10:00:00Z',
    })
    .told('hearing-details', '2026-01-26T10:00:00Z', { by: 'witness-care-unit' })
    .by('cps', 'cps-discontinued', '2026-02-12T16:45:00Z', {
      suspectNumber: 1,
      caseUrn: '13WY0099126',
    })
    .told('cps-decision-letter', '2026-02-20T09:00:00Z', { by: 'cps' })
    .build();

  it('owes the discontinuance letter from the CPS', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 12 Jan (day 0) + 5 wd: Tue 13 to Fri 16, Mon 19 = Mon 19 Jan.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-01-19',
      },
      // Reported Mon 12 Jan (day 0) + 2 wd: Tue 13 (1), Wed 14 (2) = Wed 14 Jan.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-01-14',
      },
      ...noClockOnReport(),
      // Arrest Tue 13 Jan (day 0) + 5 wd: Wed 14, Thu 15, Fri 16, Mon 19, Tue 20 = Tue 20 Jan.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-01-20',
      },
      // Charge Wed 21 Jan (day 0) + 5 wd: Thu 22, Fri 23, Mon 26, Tue 27, Wed 28 = Wed 28 Jan.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-01-28',
      },
      // WCU received the hearing Fri 23 Jan (day 0) + 1 wd = Mon 26 Jan. Told Mon 26 Jan.
      {
        rule: 'hearing-details',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-01-26',
      },
      // Discontinued Thu 12 Feb (day 0) + 5 wd: Fri 13 (1), Mon 16 (2), Tue 17 (3), Wed 18 (4),
      // Thu 19 (5) = Thu 19 Feb. The CPS told the victim Fri 20 Feb: 1 wd late.
      {
        rule: 'cps-decision-letter',
        status: 'met-late',
        owedBy: 'cps',
        enhanced: false,
        due: '2026-02-19',
        endsAt: '2026-02-20T00:00:00.000Z',
        late: 1,
      },
    ]);
  });

  it('reports the late letter against the CPS', () => {
    expect(breachesOf(entitlementsAt(events, NOW))).toMatchObject([
      { ruleId: 'cps-decision-letter', owedBy: 'cps', right: 6, workingDaysLate: 1 },
    ]);
  });
});
