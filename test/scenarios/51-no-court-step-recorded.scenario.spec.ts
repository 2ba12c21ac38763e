import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * A journey as agencies posted it before the court's step was recorded. For the guilty plea
 * neither the court's sending nor the unit's receipt is posted: the unit's clock starts at the
 * plea, as it always did, and the court's step is a breach (nothing shows it was taken). For the
 * sentence the unit records its receipt and the court records nothing: the receipt starts the
 * unit's clock and shows the court sent it by then. Standard victim, June 2027 (spring bank
 * holiday Mon 31 May, before the first trigger).
 */
describe('Scenario 51: no court step recorded; a receipt without a sending', () => {
  const NOW = '2027-06-23T12:00:00Z'; // Wed 23 Jun 2027
  const WCU = { by: 'witness-care-unit' } as const;
  const events = journey()
    .reported('2027-06-01T10:00:00Z') // Tue 1 Jun
    .told('report-acknowledgement', '2027-06-01T10:00:00Z', { method: 'email' })
    .event('referred-to-support', '2027-06-02T10:00:00Z', { service: 'victim-support' })
    .event('plea-entered', '2027-06-07T10:00:00Z', { suspectNumber: 1, plea: 'guilty' })
    .told('verdict-outcome', '2027-06-08T09:00:00Z', WCU)
    .event('sentenced', '2027-06-11T10:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'burglary',
      specifiedOffence: false,
      custodyMonths: 0,
      disposal: 'community-order',
    })
    .event('court-result-received', '2027-06-15T09:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .told('sentence-outcome', '2027-06-16T10:00:00Z', WCU)
    .build();

  it('judges the unit from the outcome when nothing else is known, and from its receipt when it is', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Tue 1 Jun 2027 (day 0) + 5 wd: Wed 2, Thu 3, Fri 4, Mon 7, Tue 8 = Tue 8
      // Jun. Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-06-08',
      },
      // Reported Tue 1 Jun (day 0) + 2 wd: Wed 2, Thu 3 = Thu 3 Jun. Referred Wed 2 Jun.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2027-06-03',
      },
      ...noClockOnReport(),
      // Guilty plea Mon 7 Jun; no receipt and no sending recorded: the unit's clock starts at
      // the plea, Mon 7 Jun (day 0) + 1 wd = Tue 8 Jun. Told Tue 8 Jun.
      {
        rule: 'verdict-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-06-08',
      },
      // The court's 5 wd from Mon 7 Jun: Tue 8, Wed 9, Thu 10, Fri 11, Mon 14 Jun = Mon 14 Jun.
      // Never shown sent; by now Wed 23 Jun: Tue 15 (1), Wed 16 (2), Thu 17 (3), Fri 18 (4),
      // Mon 21 (5), Tue 22 (6), Wed 23 (7) = 7 wd late.
      {
        rule: 'court-verdict-sent',
        status: 'breached',
        owedBy: 'court',
        enhanced: false,
        due: '2027-06-14',
        late: 7,
      },
      // Sentenced Fri 11 Jun; the unit received it Tue 15 Jun (day 0) + 1 wd = Wed 16 Jun. Told
      // Wed 16 Jun. (From the sentence it would have been due Mon 14 Jun, 2 wd late.)
      {
        rule: 'sentence-outcome',
        status: 'met',
        owedBy: 'witness-care-unit',
        enhanced: false,
        due: '2027-06-16',
      },
      // The court's 5 wd from Fri 11 Jun: Mon 14, Tue 15, Wed 16, Thu 17, Fri 18 Jun = Fri 18 Jun.
      // The unit's receipt Tue 15 Jun shows it was sent by then.
      {
        rule: 'court-sentence-sent',
        status: 'met',
        owedBy: 'court',
        enhanced: false,
        due: '2027-06-18',
      },
    ]);
  });

  it("shows the receipt as what met the court's step", () => {
    const sent = entitlementsAt(events, NOW).find((e) => e.ruleId === 'court-sentence-sent');
    expect(sent?.fulfilment).toMatchObject({
      type: 'court-result-received',
      occurredAt: '2027-06-15T09:00:00Z',
    });
    expect(breachesOf(entitlementsAt(events, NOW)).map((b) => b.ruleId)).toEqual([
      'court-verdict-sent',
    ]);
  });
});
