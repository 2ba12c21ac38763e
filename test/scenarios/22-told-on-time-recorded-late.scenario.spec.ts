import { breachesOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey, knownAt, noClockOnReport } from './support';

/**
 * The police tell the victim of an arrest on time but key it in five days later. What decides
 * the deadline is when the victim was told (occurredAt), not when it was recorded: met, flagged
 * as recorded after the deadline. Until it was recorded, the entitlement showed as breached.
 * Around midnight at the end of the deadline day: told at 22:00 and recorded at the stroke of
 * midnight is met; told at the stroke of midnight is a day late.
 */
describe('Scenario 22: told on time, recorded after the deadline', () => {
  const NOW = '2026-12-01T12:00:00Z'; // Tue 1 Dec 2026
  const events = journey()
    .reported('2026-11-16T09:00:00Z') // Mon 16 Nov 2026, GMT
    .told('report-acknowledgement', '2026-11-16T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-11-16T12:00:00Z', { service: 'victim-support' })
    .event('suspect-arrested', '2026-11-18T10:00:00Z', { suspectNumber: 1 }) // Wed 18 Nov
    .event('suspect-interviewed-under-caution', '2026-11-18T13:00:00Z', { suspectNumber: 1 })
    .event('suspect-released-on-bail', '2026-11-18T17:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: false,
    })
    .told('interview-update', '2026-11-25T22:00:00Z', { recordedAt: '2026-11-26T00:00:00Z' })
    .told('bail-update', '2026-11-26T00:00:00Z')
    .told('arrest-update', '2026-11-24T15:00:00Z', { recordedAt: '2026-11-30T09:00:00Z' })
    .build();

  // Arrest, interview and bail all on Wed 18 Nov (day 0) + 5 wd: Thu 19 (1), Fri 20 (2),
  // Mon 23 (3), Tue 24 (4), Wed 25 (5) = Wed 25 Nov, ending at midnight GMT.
  const due = '2026-11-25';
  const endsAt = '2026-11-26T00:00:00.000Z';

  it('judges by when the victim was told, and flags what was recorded late', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Mon 16 Nov (day 0) + 5 wd: Tue 17 to Fri 20, Mon 23 = Mon 23 Nov.
      // Acknowledged in writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-23',
      },
      // Reported Mon 16 Nov (day 0) + 2 wd: Tue 17, Wed 18 = Wed 18 Nov. Recorded at once.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due: '2026-11-18',
        recordedAfterDeadline: false,
      },
      ...noClockOnReport(),
      // Told Tue 24 Nov, recorded Mon 30 Nov.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due,
        endsAt,
        recordedAfterDeadline: true,
      },
      // Told 22:00 Wed 25 Nov, recorded at 00:00 Thu 26 Nov: the instant the deadline ended.
      {
        rule: 'interview-update',
        status: 'met',
        owedBy: 'police',
        enhanced: false,
        due,
        endsAt,
        recordedAfterDeadline: true,
      },
      // Told at 00:00 Thu 26 Nov: the deadline had ended. Thu 26 = 1 wd late.
      {
        rule: 'bail-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: false,
        due,
        late: 1,
        recordedAfterDeadline: true,
      },
    ]);
    expect(breachesOf(entitlementsAt(events, NOW)).map((b) => b.ruleId)).toEqual(['bail-update']);
  });

  it('showed the arrest update as breached until the telling was recorded', () => {
    // As known on Fri 27 Nov: nothing recorded for the arrest. Thu 26 (1), Fri 27 (2) = 2 late.
    const then = '2026-11-27T12:00:00Z';
    const arrest = entitlementsAt(knownAt(events, then), then).find(
      (e) => e.ruleId === 'arrest-update',
    );
    expect(arrest).toMatchObject({ status: 'breached', workingDaysLate: 2, fulfilment: null });
  });
});
