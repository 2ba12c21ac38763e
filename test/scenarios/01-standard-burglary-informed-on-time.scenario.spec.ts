import { breachesOf, journeyViewOf, nextChangeOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, vcsAt } from './support';

/**
 * An adult victim of a burglary, no enhanced rights: every agency tells them everything on time,
 * from the report in February 2026 to a community order in May.
 */
describe('Scenario 01: standard burglary victim, told everything on time', () => {
  const NOW = '2026-06-01T12:00:00Z';
  const built = journey()
    .reported('2026-02-09T09:30:00Z') // Mon 9 Feb 2026, GMT
    .told('report-acknowledgement', '2026-02-09T09:30:00Z', { method: 'email' })
    .event('needs-assessed', '2026-02-09T10:00:00Z', { needs: ['none'] })
    .told('compensation-information', '2026-02-09T10:05:00Z')
    .event('referred-to-support', '2026-02-10T14:00:00Z', { service: 'victim-support' })
    .event('vps-offered', '2026-02-10T14:10:00Z', { accepted: true })
    .event('suspect-arrested', '2026-02-12T08:00:00Z', { suspectNumber: 1 }) // Thu 12 Feb
    .event('suspect-interviewed-under-caution', '2026-02-12T13:00:00Z', { suspectNumber: 1 })
    .event('suspect-released-on-bail', '2026-02-12T18:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: true,
      answerBailOn: '2026-03-12',
    })
    .told('bail-update', '2026-02-13T09:00:00Z')
    .told('arrest-update', '2026-02-16T10:00:00Z')
    .told('interview-update', '2026-02-16T10:05:00Z')
    .event('suspect-charged', '2026-03-11T10:00:00Z', { suspectNumber: 1, caseUrn: '13WY0012345' })
    .told('charge-decision-update', '2026-03-12T11:00:00Z')
    .by('witness-care-unit', 'hearing-details-received', '2026-03-13T15:00:00Z', {
      hearingId: 'H-1',
      court: 'Leeds Magistrates Court',
      hearingAt: '2026-04-10T09:30:00+01:00',
    })
    .told('hearing-details', '2026-03-16T11:00:00Z', { by: 'witness-care-unit' })
    .event('plea-entered', '2026-04-10T09:30:00Z', { suspectNumber: 1, plea: 'guilty' })
    .by('court', 'result-sent-to-witness-care', '2026-04-10T12:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    })
    .told('verdict-outcome', '2026-04-10T15:00:00Z', { by: 'witness-care-unit' })
    .event('sentenced', '2026-05-08T11:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'burglary',
      specifiedOffence: false,
      custodyMonths: 0,
      disposal: 'community-order',
    })
    .by('court', 'result-sent-to-witness-care', '2026-05-08T14:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2026-05-11T08:00:00Z', { by: 'witness-care-unit' });
  const events = built.build();

  it('meets every timed entitlement, and gives every one without a clock', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 9 Feb (day 0) + 5 wd: Tue 10, Wed 11, Thu 12, Fri 13, Mon 16 = Mon 16
      // Feb. Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-16',
      },
      // Reported Mon 9 Feb (day 0) + 2 wd: Tue 10 (1), Wed 11 (2) = Wed 11 Feb; GMT, so it ends
      // at midnight UTC. Referred Tue 10 Feb.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-11',
        endsAt: '2026-02-12T00:00:00.000Z',
      },
      { rule: 'vps-offer', status: 'given', owedBy: 'police', enhanced: false, due: null },
      {
        rule: 'compensation-information',
        status: 'given',
        owedBy: 'police',
        enhanced: false,
        due: null,
      },
      { rule: 'needs-assessment', status: 'given', owedBy: 'police', enhanced: false, due: null },
      // Arrest Thu 12 Feb (day 0) + 5 wd: Fri 13 (1), Mon 16 (2), Tue 17 (3), Wed 18 (4),
      // Thu 19 (5) = Thu 19 Feb. Told Mon 16 Feb.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-19',
      },
      // Interview the same day: Thu 19 Feb. Told Mon 16 Feb.
      {
        rule: 'interview-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-02-19',
      },
      // Bail the same day: Thu 19 Feb. Told Fri 13 Feb.
      { rule: 'bail-update', status: 'met', owedBy: 'police', enhanced: false, due: '2026-02-19' },
      // Charge Wed 11 Mar (day 0) + 5 wd: Thu 12 (1), Fri 13 (2), Mon 16 (3), Tue 17 (4),
      // Wed 18 (5) = Wed 18 Mar. Told Thu 12 Mar.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-03-18',
      },
      // WCU received the hearing details Fri 13 Mar (day 0) + 1 wd = Mon 16 Mar. Told Mon 16 Mar.
      {
        rule: 'hearing-details',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-03-16',
      },
      // Guilty plea Fri 10 Apr (day 0) + 1 wd = Mon 13 Apr (Easter Monday was 6 Apr, already
      // past). Told Fri 10 Apr.
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-04-13',
      },
      // The court sent the plea to the WCU the same day. Court's 5 wd from Fri 10 Apr: Mon 13,
      // Tue 14, Wed 15, Thu 16, Fri 17 Apr = Fri 17 Apr.
      {
        rule: 'court-verdict-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2026-04-17',
      },
      // Sentenced Fri 8 May (day 0) + 1 wd = Mon 11 May; BST, so it ends at 23:00 UTC. Told at
      // 09:00 BST on Mon 11 May. A community order for a burglary: no Victim Contact Scheme.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-05-11',
        endsAt: '2026-05-11T23:00:00.000Z',
      },
      // The court sent the sentence the same day. 5 wd from Fri 8 May: Mon 11, Tue 12, Wed 13,
      // Thu 14, Fri 15 May = Fri 15 May.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2026-05-15',
      },
    ]);
  });

  it('has no breach to report and nothing left that time alone can change', () => {
    const all = entitlementsAt(events, NOW);
    expect(breachesOf(all)).toEqual([]);
    expect(nextChangeOf(all)).toBeNull();
    expect(journeyViewOf(built.state(), new Date(NOW))).toMatchObject({
      enhancedRights: { enhanced: false, reasons: [] },
      summary: { met: 11, given: 3 },
    });
  });

  it('shows the offender as not eligible for the Victim Contact Scheme', () => {
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        suspectNumber: 1,
        eligible: false,
        eligibility: 'not a specified violent or sexual offence',
        status: 'not-eligible',
      },
    ]);
  });
});
