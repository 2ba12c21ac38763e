import { evolveJourney, initialJourneyState, journeyViewOf } from '@vj/projections';
import { expectEntitlements, journey, noClockOnReport, assertPostable } from './support';

/**
 * Agencies post late and out of order. The police post the interview before the arrest that
 * preceded it, and post "victim told of the arrest" before the arrest itself; the release on
 * bail is keyed in the next day. The journey is judged in the order things happened, not the
 * order they were posted. Domestic abuse: enhanced rights, 1 working day.
 */
describe('Scenario 19: events posted out of order', () => {
  const NOW = '2026-03-16T12:00:00Z';
  // Stream order (revision) is the order of the calls below; occurredAt is when it happened.
  const built = journey()
    .reported('2026-03-09T09:00:00Z', { offenceCategory: 'domestic-abuse' }) // Mon 9 Mar
    .told('report-acknowledgement', '2026-03-09T09:00:00Z', { method: 'email' })
    .event('referred-to-support', '2026-03-10T10:00:00Z', { service: 'domestic-abuse-service' })
    .event(
      'suspect-interviewed-under-caution',
      '2026-03-11T14:00:00Z',
      { suspectNumber: 1 },
      { recordedAt: '2026-03-11T14:10:00Z' },
    )
    // Posted before the arrest it answers.
    .told('arrest-update', '2026-03-12T09:00:00Z')
    // The arrest, Wed 11 Mar 08:00, before the interview, posted a day later.
    .event(
      'suspect-arrested',
      '2026-03-11T08:00:00Z',
      { suspectNumber: 1 },
      { recordedAt: '2026-03-12T11:00:00Z' },
    )
    .told('interview-update', '2026-03-12T09:05:00Z', { recordedAt: '2026-03-12T11:05:00Z' })
    .event(
      'suspect-released-on-bail',
      '2026-03-11T18:00:00Z',
      { suspectNumber: 1, conditionsProtectVictim: true },
      { recordedAt: '2026-03-13T09:00:00Z' },
    )
    .told('bail-update', '2026-03-13T10:00:00Z');
  const events = built.build();

  it('judges each entitlement by when things happened', () => {
    assertPostable(events);
    const view = journeyViewOf(built.state(), new Date(NOW));
    expectEntitlements(view.entitlements, [
      // Right 3: reported Mon 9 Mar (day 0) + 1 wd (enhanced) = Tue 10 Mar. Acknowledged in writing
      // when reported.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-10',
      },
      // Reported Mon 9 Mar (day 0) + 2 wd: Tue 10, Wed 11 = Wed 11 Mar. Referred Tue 10 Mar.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-11',
      },
      ...noClockOnReport({}, true),
      // Arrest Wed 11 Mar 08:00 (day 0) + 1 wd = Thu 12 Mar. Told Thu 12 Mar 09:00, posted
      // before the arrest was: met.
      {
        rule: 'arrest-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-12',
        recordedAfterDeadline: false,
      },
      // Interview Wed 11 Mar 14:00 + 1 wd = Thu 12 Mar. Told Thu 12 Mar 09:05.
      {
        rule: 'interview-update',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-12',
      },
      // Bail Wed 11 Mar 18:00 + 1 wd = Thu 12 Mar. Told Fri 13 Mar: 1 wd late.
      {
        rule: 'bail-update',
        status: 'met-late',
        owedBy: 'police',
        enhanced: true,
        due: '2026-03-12',
        late: 1,
      },
    ]);
    expect(view.timeline.map((t) => t.type)).toEqual([
      'crime-reported',
      'victim-informed',
      'referred-to-support',
      'suspect-arrested',
      'suspect-interviewed-under-caution',
      'suspect-released-on-bail',
      'victim-informed',
      'victim-informed',
      'victim-informed',
    ]);
  });

  it('gives the same answer whatever order the projection receives the events in, and twice', () => {
    const received = [...events].reverse().concat(events);
    const state = received.reduce(evolveJourney, initialJourneyState());
    expect(journeyViewOf(state, new Date(NOW))).toEqual(
      journeyViewOf(built.state(), new Date(NOW)),
    );
  });
});
