import { breachesOf, urgencyOf } from '@vj/projections';
import { entitlementsAt, expectEntitlements, journey } from './support';

/**
 * A victim of domestic abuse (the most serious crime: enhanced rights, 1 working day) reports on
 * a Friday night; the suspect is arrested, interviewed and bailed on the Saturday. The arrest is
 * told on time, the interview a day late, a later change to bail never.
 */
describe('Scenario 02: enhanced victim (domestic abuse), weekend arrest; on time, late and never', () => {
  const NOW = '2026-02-04T12:00:00Z'; // Wed 4 Feb 2026
  const events = journey()
    .reported('2026-01-16T21:40:00Z', { offenceCategory: 'domestic-abuse' }) // Fri 16 Jan, GMT
    .told('report-acknowledgement', '2026-01-16T21:40:00Z', { method: 'email' })
    .event('suspect-arrested', '2026-01-17T02:10:00Z', { suspectNumber: 1 }) // Sat 17 Jan
    .event('referred-to-support', '2026-01-17T10:00:00Z', { service: 'domestic-abuse-service' })
    .event('suspect-interviewed-under-caution', '2026-01-17T11:00:00Z', { suspectNumber: 1 })
    .event('vps-offered', '2026-01-17T11:30:00Z', { accepted: false })
    .event('needs-assessed', '2026-01-17T11:35:00Z', { needs: ['safeguarding'] })
    .event('suspect-released-on-bail', '2026-01-17T19:00:00Z', {
      suspectNumber: 1,
      conditionsProtectVictim: true,
    })
    .told('bail-update', '2026-01-17T19:30:00Z')
    .told('arrest-update', '2026-01-19T16:00:00Z')
    .told('interview-update', '2026-01-20T09:15:00Z')
    .event('suspect-bail-varied', '2026-01-30T17:30:00Z', {
      suspectNumber: 1,
      change: 'conditions-varied',
    })
    .build();

  it('gives 1 working day for each police update, counted past the weekend', () => {
    expectEntitlements(entitlementsAt(events, NOW), [
      // Right 3: reported Fri 16 Jan (day 0) + 1 wd (enhanced) = Mon 19 Jan. Acknowledged in
      // writing when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-19',
      },
      // Reported Fri 16 Jan (day 0) + 2 wd (2 for every victim): Mon 19 (1), Tue 20 (2) = Tue 20 Jan.
      // Referred Sat 17 Jan.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-20',
      },
      { rule: 'vps-offer', status: 'declined', owedBy: 'police', enhanced: true, due: null },
      {
        rule: 'compensation-information',
        status: 'owed',
        owedBy: 'police',
        enhanced: true,
        due: null,
      },
      { rule: 'needs-assessment', status: 'given', owedBy: 'police', enhanced: true, due: null },
      // Arrest Sat 17 Jan (day 0, not a working day) + 1 wd = Mon 19 Jan. Told Mon 19 Jan 16:00.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-19',
        endsAt: '2026-01-20T00:00:00.000Z',
      },
      // Interview Sat 17 Jan + 1 wd = Mon 19 Jan. Told Tue 20 Jan: late by Tue 20 = 1 wd.
      {
        rule: 'interview-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: true,
        due: '2026-01-19',
        late: 1,
      },
      // Bail Sat 17 Jan + 1 wd = Mon 19 Jan. Told the same evening.
      { rule: 'bail-update', status: 'met', owedBy: 'police', enhanced: true, due: '2026-01-19' },
      // Bail varied Fri 30 Jan (day 0) + 1 wd = Mon 2 Feb. Never told; now Wed 4 Feb:
      // Tue 3 (1), Wed 4 (2) = 2 wd late.
      {
        rule: 'bail-update',
        status: 'breached',
        owedBy: 'police',
        enhanced: true,
        due: '2026-02-02',
        late: 2,
      },
    ]);
  });

  it('says why the victim has enhanced rights', () => {
    const [report] = entitlementsAt(events, NOW);
    expect(report?.enhancedReasons).toEqual(['most-serious-crime']);
  });

  it('reports the late interview update and the untold bail change as breaches', () => {
    const all = entitlementsAt(events, NOW);
    expect(breachesOf(all)).toMatchObject([
      {
        ruleId: 'interview-update',
        status: 'met-late',
        workingDaysLate: 1,
        deadline: '2026-01-19',
      },
      { ruleId: 'bail-update', status: 'breached', workingDaysLate: 2, deadline: '2026-02-02' },
    ]);
    const untold = all.filter((e) => e.status === 'breached');
    expect(untold.map((e) => urgencyOf(e, new Date(NOW)))).toEqual(['overdue']);
  });
});
