import { journeyViewOf } from '@vj/projections';
import {
  NO_FLAGS,
  entitlementsAt,
  expectEntitlements,
  journey,
  noClockOnReport,
  type Expected,
} from './support';

/**
 * Under 18 (Code 2020, enhanced rights: every victim under 18 at the time of the offence). Age is
 * judged on the offence date the police record. Without one it is judged on the report's London
 * date, and the journey says so (`ageJudgedOn: report-date`) instead of silently treating the
 * report as the offence. An age band the police record is the band at the offence.
 *
 * Every crime here is an assault reported on Tue 6 Oct 2026 at 11:00 BST, judged the next day.
 */
describe('Scenario 31: under 18, judged on the offence date', () => {
  const REPORTED = '2026-10-06T10:00:00Z'; // Tue 6 Oct 2026, 11:00 BST
  const NOW = '2026-10-07T11:00:00Z'; // Wed 7 Oct, noon BST

  /** What the report opens, all still pending or owed at NOW. */
  const reportRows = (enhanced: boolean): Expected[] => [
    // Enhanced: Tue 6 Oct (day 0) + 1 wd = Wed 7 Oct. Standard: + 5 wd: Wed 7, Thu 8, Fri 9,
    // Mon 12, Tue 13 = Tue 13 Oct.
    {
      rule: 'report-acknowledgement',
      status: 'pending',
      owedBy: 'police',
      enhanced,
      due: enhanced ? '2026-10-07' : '2026-10-13',
    },
    // Tue 6 Oct + 2 wd: Wed 7, Thu 8 = Thu 8 Oct, enhanced or not.
    { rule: 'support-referral', status: 'pending', owedBy: 'police', enhanced, due: '2026-10-08' },
    ...noClockOnReport({}, enhanced),
  ];

  it('counts a victim who was 17 on the offence date as a child, though 18 when reporting', () => {
    // Born Fri 25 Sep 2008: 17 on Sun 20 Sep 2026, the offence; 18 on Tue 6 Oct, the report.
    const built = journey().reported(REPORTED, {
      offenceCategory: 'violence-with-injury',
      offenceDate: '2026-09-20',
      victimDateOfBirth: '2008-09-25',
    });
    expectEntitlements(entitlementsAt(built.build(), NOW), reportRows(true));
    expect(journeyViewOf(built.state(), new Date(NOW)).cases).toMatchObject([
      { ageJudgedOn: 'offence-date', enhancedReasons: ['under-18'] },
    ]);
  });

  it('judges the same victim on the report date when no offence date is recorded, and says so', () => {
    // The same date of birth, no offence date: 18 on Tue 6 Oct, so standard deadlines; the
    // journey asks, through `report-date`, for the offence date that could make them a child.
    const built = journey().reported(REPORTED, {
      offenceCategory: 'violence-with-injury',
      victimDateOfBirth: '2008-09-25',
    });
    expectEntitlements(entitlementsAt(built.build(), NOW), reportRows(false));
    expect(journeyViewOf(built.state(), new Date(NOW)).cases).toMatchObject([
      { ageJudgedOn: 'report-date', enhancedReasons: [] },
    ]);
  });

  it('counts a victim still 17 on the report date as a child: the offence cannot be later', () => {
    // Born Tue 20 Oct 2008: 17 on Tue 6 Oct 2026, so 17 or younger on any offence date before it.
    const built = journey().reported(REPORTED, {
      offenceCategory: 'violence-with-injury',
      victimDateOfBirth: '2008-10-20',
    });
    expectEntitlements(entitlementsAt(built.build(), NOW), reportRows(true));
    expect(journeyViewOf(built.state(), new Date(NOW)).cases).toMatchObject([
      { ageJudgedOn: 'report-date', enhancedReasons: ['under-18'] },
    ]);
  });

  it('takes an age band the police recorded as the band at the offence', () => {
    const built = journey().event('crime-reported', REPORTED, {
      victimNumber: 1,
      offenceCategory: 'violence-with-injury',
      victimAgeBand: 'under-18',
      enhancedRights: NO_FLAGS,
    });
    expectEntitlements(entitlementsAt(built.build(), NOW), reportRows(true));
    expect(journeyViewOf(built.state(), new Date(NOW)).cases).toMatchObject([
      { ageJudgedOn: 'recorded-band', enhancedReasons: ['under-18'] },
    ]);
  });
});
