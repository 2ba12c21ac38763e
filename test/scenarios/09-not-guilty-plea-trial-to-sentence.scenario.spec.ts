import { entitlementsAt, expectEntitlements, journey, noClockOnReport, vcsAt } from './support';

/**
 * An assault that goes to trial: the defendant pleads not guilty at the first hearing, the trial
 * is listed, the victim is told they must give evidence, the jury convicts, and the defendant is
 * sentenced to 24 months for a specified violent offence: eligible for the Victim Contact
 * Scheme. The referral clock runs over Easter 2027 (Good Friday 26 Mar, Easter Monday 29 Mar)
 * and the clocks going forward (Sun 28 Mar 2027).
 */
describe('Scenario 09: not-guilty plea, trial, guilty verdict, 24 months', () => {
  const NOW = '2027-04-09T12:00:00Z';
  const events = journey()
    .reported('2026-11-02T10:00:00Z', { offenceCategory: 'violence-with-injury' }) // Mon 2 Nov
    .told('report-acknowledgement', '2026-11-02T10:00:00Z', { method: 'email' })
    .event('suspect-arrested', '2026-11-02T14:00:00Z', { suspectNumber: 1 })
    .event('referred-to-support', '2026-11-03T10:00:00Z', { service: 'victim-support' })
    .event('suspect-charged', '2026-11-03T18:00:00Z', { suspectNumber: 1, caseUrn: '13WY0077726' })
    .told('arrest-update', '2026-11-04T10:00:00Z')
    .told('charge-decision-update', '2026-11-04T10:05:00Z')
    .by('witness-care-unit', 'hearing-details-received', '2026-11-04T11:00:00Z', {
      hearingId: 'H-1',
      court: 'Leeds Magistrates Court',
      hearingAt: '2026-11-19T10:00:00Z',
    })
    .told('hearing-details', '2026-11-05T09:00:00Z', { by: 'witness-care-unit' })
    .event('plea-entered', '2026-11-19T10:30:00Z', { suspectNumber: 1, plea: 'not-guilty' })
    .by('witness-care-unit', 'hearing-details-received', '2026-11-19T16:00:00Z', {
      hearingId: 'H-2',
      court: 'Leeds Crown Court',
      hearingAt: '2027-02-15T10:00:00Z',
    })
    .told('hearing-details', '2026-11-20T10:00:00Z', { by: 'witness-care-unit' })
    .by('witness-care-unit', 'witness-requirement-received', '2026-11-20T15:00:00Z', {
      required: true,
    })
    .told('witness-requirement', '2026-11-23T09:30:00Z', { by: 'witness-care-unit' })
    .event('verdict-given', '2027-02-18T14:00:00Z', { suspectNumber: 1, verdict: 'guilty' })
    .by('court', 'result-sent-to-witness-care', '2027-02-18T16:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    })
    .told('verdict-outcome', '2027-02-19T10:00:00Z', { by: 'witness-care-unit' })
    .event('sentenced', '2027-03-19T12:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'violence-with-injury',
      specifiedOffence: true,
      custodyMonths: 24,
      disposal: 'immediate-custody',
    })
    .by('court', 'result-sent-to-witness-care', '2027-03-19T14:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2027-03-22T09:00:00Z', { by: 'witness-care-unit' })
    .by('witness-care-unit', 'vcs-referral-made', '2027-04-01T09:00:00Z', { suspectNumber: 1 })
    .build();

  it('follows the case from report to sentence, each agency in turn', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 2 Nov (day 0) + 5 wd: Tue 3 to Fri 6, Mon 9 = Mon 9 Nov. Acknowledged
      // in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-09',
      },
      // Reported Mon 2 Nov 2026 (day 0) + 2 wd: Tue 3, Wed 4 = Wed 4 Nov.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-04',
      },
      ...noClockOnReport(),
      // Arrest Mon 2 Nov (day 0) + 5 wd: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 = Mon 9 Nov.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-09',
      },
      // Charge Tue 3 Nov (day 0) + 5 wd: Wed 4, Thu 5, Fri 6, Mon 9, Tue 10 = Tue 10 Nov.
      {
        rule: 'charge-decision-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-10',
      },
      // First hearing received Wed 4 Nov + 1 wd = Thu 5 Nov. Told Thu 5 Nov.
      {
        rule: 'hearing-details',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-11-05',
      },
      // The not-guilty plea (Thu 19 Nov) owes nothing by itself. Trial listing received
      // Thu 19 Nov + 1 wd = Fri 20 Nov. Told Fri 20 Nov.
      {
        rule: 'hearing-details',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-11-20',
      },
      // WCU heard from the CPS Fri 20 Nov (day 0) + 1 wd = Mon 23 Nov. Told Mon 23 Nov.
      {
        rule: 'witness-requirement',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2026-11-23',
      },
      // Required to give evidence: referral to the Witness Service is owed (no clock), never offered here.
      {
        rule: 'witness-service-referral',
        status: 'owed',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: null,
      },
      // Guilty verdict Thu 18 Feb 2027 (day 0) + 1 wd = Fri 19 Feb. Told Fri 19 Feb.
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-02-19',
      },
      // The court sent the verdict the same day. 5 wd from Thu 18 Feb: Fri 19, Mon 22, Tue 23,
      // Wed 24, Thu 25 Feb = Thu 25 Feb.
      {
        rule: 'court-verdict-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2027-02-25',
      },
      // Sentenced Fri 19 Mar 2027 (day 0) + 1 wd = Mon 22 Mar. Told Mon 22 Mar.
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-03-22',
      },
      // The court sent the sentence the same day. 5 wd from Fri 19 Mar: Mon 22 (1), Tue 23 (2),
      // Wed 24 (3), Thu 25 (4), [Good Friday 26, Easter Monday 29], Tue 30 Mar (5) = Tue 30 Mar.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2027-03-30',
      },
      // 24 months for a specified offence: VCS referral within 10 wd of Fri 19 Mar 2027:
      // Mon 22 (1), Tue 23 (2), Wed 24 (3), Thu 25 (4), [Fri 26 Good Friday, Sat, Sun,
      // Mon 29 Easter Monday], Tue 30 (5), Wed 31 (6), Thu 1 Apr (7), Fri 2 (8), Mon 5 (9),
      // Tue 6 Apr (10) = Tue 6 Apr 2027, in BST (ends 23:00 UTC). Referred Thu 1 Apr.
      {
        rule: 'vcs-referral',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-04-06',
        endsAt: '2027-04-06T23:00:00.000Z',
      },
    ]);
  });

  it('shows the offender as referred to the Victim Contact Scheme', () => {
    expect(vcsAt(events, NOW)).toMatchObject([
      {
        suspectNumber: 1,
        eligible: true,
        eligibility: "24 months' custody for a specified offence",
        status: 'referred',
        referredAt: '2027-04-01T09:00:00Z',
      },
    ]);
  });
});
