import { journey } from '../testing/journey-builder';
import { entitlementsOf, nextChangeOf } from './entitlements';
import { evolveJourney, initialJourneyState } from './journey-state';
import { journeyViewOf } from './journey-view';

const at = (iso: string) => new Date(iso);
const only = (
  ruleId: string,
  events: ReturnType<ReturnType<typeof journey>['build']>,
  now: string,
) => entitlementsOf(events, at(now)).filter((e) => e.ruleId === ruleId);

describe('victim journey: entitlements', () => {
  // Arrest on Friday 6 March 2026 (day 0).
  const arrested = () =>
    journey()
      .reported('2026-03-02T10:15:00Z')
      .event('suspect-arrested', '2026-03-06T16:30:00Z', { suspectNumber: 1 });

  it('gives a standard victim 5 working days to be told of an arrest', () => {
    // Fri 6 Mar + 5 working days = Fri 13 Mar, ending at midnight London time (GMT).
    const [e] = only('arrest-update', arrested().build(), '2026-03-09T09:00:00Z');
    expect(e).toMatchObject({
      status: 'pending',
      owedBy: 'police',
      enhanced: false,
      deadline: { localDate: '2026-03-13', endsAt: '2026-03-14T00:00:00.000Z' },
      edition: 'victims-code-2020',
      right: 6,
    });
  });

  it('gives an enhanced-rights victim 1 working day', () => {
    // Fri 6 Mar + 1 working day = Mon 9 Mar.
    const events = journey()
      .reported('2026-03-02T10:15:00Z', { offenceCategory: 'domestic-abuse' })
      .event('suspect-arrested', '2026-03-06T16:30:00Z', { suspectNumber: 1 })
      .build();
    const [e] = only('arrest-update', events, '2026-03-06T17:00:00Z');
    expect(e).toMatchObject({
      enhanced: true,
      enhancedReasons: ['most-serious-crime'],
      deadline: { localDate: '2026-03-09' },
    });
  });

  it.each([
    ['met', '2026-03-13T18:00:00Z', 'met', null],
    ['met late', '2026-03-16T09:00:00Z', 'met-late', 1],
  ])('judges a victim told on %s by when they were told', (_, toldAt, status, late) => {
    const events = arrested().informed('arrest-update', toldAt).build();
    const [e] = only('arrest-update', events, '2026-03-20T12:00:00Z');
    expect(e).toMatchObject({
      status,
      workingDaysLate: late,
      fulfilment: { type: 'victim-informed', occurredAt: toldAt },
    });
  });

  it('is breached once the deadline has ended unmet, and counts the working days late', () => {
    const events = arrested().build();
    expect(only('arrest-update', events, '2026-03-13T23:59:59Z')[0]?.status).toBe('pending');
    // Deadline Fri 13 Mar; now Wed 18 Mar: Mon, Tue, Wed = 3 working days late.
    expect(only('arrest-update', events, '2026-03-18T10:00:00Z')[0]).toMatchObject({
      status: 'breached',
      workingDaysLate: 3,
    });
  });

  it('keeps a fulfilment recorded after the deadline as met, and shows it was recorded late', () => {
    const events = arrested()
      .informed('arrest-update', '2026-03-12T10:00:00Z', {}, '2026-03-17T10:00:00Z')
      .build();
    const [e] = only('arrest-update', events, '2026-03-18T10:00:00Z');
    expect(e).toMatchObject({
      status: 'met',
      fulfilment: { recordedAfterDeadline: true, recordedAt: '2026-03-17T10:00:00Z' },
    });
  });

  it('makes support referral not applicable when the victim declines it', () => {
    const events = journey()
      .reported('2026-03-02T10:15:00Z')
      .event('support-referral-declined', '2026-03-02T11:00:00Z')
      .build();
    expect(only('support-referral', events, '2026-03-20T10:00:00Z')[0]).toMatchObject({
      status: 'not-applicable',
      notApplicable: { because: 'support-declined' },
    });
  });

  it('makes only the case the victim withdrew from not applicable', () => {
    const events = journey('13/000001/26')
      .reported('2026-03-02T10:15:00Z')
      .event('suspect-arrested', '2026-03-03T10:00:00Z', { suspectNumber: 1 })
      .event(
        'victim-withdrew',
        '2026-03-03T12:00:00Z',
        { scope: 'all-contact' },
        {
          crimeReference: '13/000002/26',
        },
      )
      .build();
    expect(only('arrest-update', events, '2026-03-04T10:00:00Z')[0]).toMatchObject({
      status: 'pending',
      notApplicable: null,
    });
  });

  it('does not take an update given before the frequency was agreed as an agreed update', () => {
    const events = journey()
      .reported('2026-03-02T10:15:00Z')
      .informed('agreed-investigation-update', '2026-03-02T10:30:00Z')
      .event('update-frequency-agreed', '2026-03-02T10:35:00Z', { everyDays: 14 })
      .build();
    // Agreed Mon 2 Mar + 14 calendar days = Mon 16 Mar.
    expect(only('agreed-investigation-update', events, '2026-03-05T10:00:00Z')).toMatchObject([
      { status: 'pending', fulfilment: null, deadline: { localDate: '2026-03-16' } },
    ]);
  });

  it('applies a reassessment to triggers from then on, never before', () => {
    const events = journey()
      .reported('2026-03-02T10:15:00Z')
      .event('suspect-arrested', '2026-03-03T10:00:00Z', { suspectNumber: 1 })
      .event('enhanced-rights-reassessed', '2026-03-04T10:00:00Z', {
        enhancedRights: {
          vulnerable: false,
          intimidated: true,
          persistentlyTargeted: false,
          mostSeriousCrime: false,
          bereaved: false,
        },
      })
      .event('suspect-interviewed-under-caution', '2026-03-05T10:00:00Z', { suspectNumber: 1 })
      .build();
    const all = entitlementsOf(events, at('2026-03-05T12:00:00Z'));
    // Arrest Tue 3 Mar, standard: + 5 = Tue 10 Mar. Interview Thu 5 Mar, enhanced: + 1 = Fri 6 Mar.
    expect(all.find((e) => e.ruleId === 'arrest-update')).toMatchObject({
      enhanced: false,
      deadline: { localDate: '2026-03-10' },
    });
    expect(all.find((e) => e.ruleId === 'interview-update')).toMatchObject({
      enhanced: true,
      enhancedReasons: ['intimidated'],
      deadline: { localDate: '2026-03-06' },
    });
  });

  it('is the same whether an event is applied once or twice (idempotent)', () => {
    const events = arrested().informed('arrest-update', '2026-03-09T10:00:00Z').build();
    const once = events.reduce(evolveJourney, initialJourneyState());
    const twice = [...events, ...events].reduce(evolveJourney, initialJourneyState());
    expect(twice).toEqual(once);
    expect(journeyViewOf(twice, at('2026-03-20T10:00:00Z'))).toEqual(
      journeyViewOf(once, at('2026-03-20T10:00:00Z')),
    );
  });

  it('says when time alone next changes the judgement: the earliest pending deadline', () => {
    // Support referral (Mon 2 Mar + 2 = Wed 4 Mar) is already breached; the report's
    // acknowledgement (Mon 2 Mar + 5 wd = Mon 9 Mar) ends before the arrest update (Fri 13 Mar).
    const events = arrested().build();
    expect(nextChangeOf(entitlementsOf(events, at('2026-03-06T17:00:00Z')))).toBe(
      '2026-03-10T00:00:00.000Z',
    );
  });

  it.each([
    ['not required to give evidence', false, undefined, undefined],
    ['required, not yet offered', true, undefined, 'owed'],
    ['required, and accepted', true, true, 'given'],
    ['required, and declined', true, false, 'declined'],
  ])('owes a Witness Service referral to a victim %s', (_, required, accepted, status) => {
    let builder = journey()
      .reported('2026-03-02T10:15:00Z')
      .event(
        'witness-requirement-received',
        '2026-03-10T10:00:00Z',
        { required },
        { agencyKind: 'witness-care-unit' },
      );
    if (accepted !== undefined) {
      builder = builder.event(
        'witness-service-referral-offered',
        '2026-03-11T10:00:00Z',
        { accepted },
        { agencyKind: 'witness-care-unit' },
      );
    }
    const found = only('witness-service-referral', builder.build(), '2026-03-20T10:00:00Z');
    expect(found.map((e) => e.status)).toEqual(status ? [status] : []);
    if (status)
      expect(found[0]).toMatchObject({ owedBy: 'witness-care-unit', right: 8, deadline: null });
  });
});

describe("victim journey: the Witness Care Unit's clock runs from its receipt of the result", () => {
  // Two sentences for defendant 1 (the second after an appeal), each received by the unit later.
  const sentence = { offenceCategory: 'burglary', specifiedOffence: false, custodyMonths: 0 };
  const twoSentences = journey()
    .reported('2026-03-02T10:15:00Z')
    .event('sentenced', '2026-03-09T11:00:00Z', { ...sentence, suspectNumber: 1, disposal: 'fine' })
    .event('court-result-received', '2026-03-11T09:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .event('sentenced', '2026-06-01T11:00:00Z', {
      ...sentence,
      suspectNumber: 1,
      disposal: 'discharge',
    })
    .event('court-result-received', '2026-06-03T09:00:00Z', {
      result: 'sentence',
      suspectNumber: 1,
    })
    .build();

  it('starts each clock at its own receipt: one receipt answers one result', () => {
    // Received Wed 11 Mar + 1 wd = Thu 12 Mar; received Wed 3 Jun + 1 wd = Thu 4 Jun.
    const dues = only('sentence-outcome', twoSentences, '2026-07-01T12:00:00Z').map(
      (e) => e.deadline?.localDate,
    );
    expect(dues).toEqual(['2026-03-12', '2026-06-04']);
  });

  it('ignores a receipt for another defendant or another kind of result', () => {
    const events = journey()
      .reported('2026-03-02T10:15:00Z')
      .event('verdict-given', '2026-03-09T11:00:00Z', { suspectNumber: 1, verdict: 'guilty' })
      .event('court-result-received', '2026-03-10T09:00:00Z', {
        result: 'verdict',
        suspectNumber: 2,
      })
      .event('court-result-received', '2026-03-11T09:00:00Z', {
        result: 'sentence',
        suspectNumber: 1,
      })
      .build();
    // Neither receipt is this verdict's: the clock starts at the verdict, Mon 9 + 1 wd = Tue 10 Mar.
    const [verdict] = only('verdict-outcome', events, '2026-03-20T12:00:00Z');
    expect(verdict?.deadline?.localDate).toBe('2026-03-10');
    const [court] = only('court-verdict-sent', events, '2026-03-20T12:00:00Z');
    expect(court).toMatchObject({ status: 'breached', owedBy: 'court' });
  });
});
