import { journey } from '../testing/journey-builder';
import { evolveJourney, evolveJourneyWith, initialJourneyState } from './journey-state';

describe('the journey state', () => {
  const events = journey()
    .reported('2026-03-02T09:00:00Z')
    .event('suspect-arrested', '2026-03-06T16:30:00Z', { suspectNumber: 1 })
    .informed('arrest-update', '2026-03-09T10:00:00Z')
    .event('suspect-charged', '2026-03-10T10:00:00Z', { suspectNumber: 1 })
    .informed('charge-update', '2026-03-11T10:00:00Z')
    .build();
  const revisions = (state: { events: readonly { revision: number }[] }) =>
    state.events.map((e) => e.revision);
  const inOrder = events.reduce(evolveJourney, initialJourneyState());

  it('keeps the events in stream order whatever order they are applied in', () => {
    const [a, b, c, d, e] = events as [never, never, never, never, never];
    const shuffled = [d, a, e, c, b].reduce(evolveJourney, initialJourneyState());
    expect(revisions(shuffled)).toEqual([0, 1, 2, 3, 4]);
    expect(shuffled).toEqual(inOrder);
  });

  it('applies an event already there (same revision) as nothing, wherever it falls', () => {
    expect(evolveJourney(inOrder, events[4]!)).toBe(inOrder);
    expect(evolveJourney(inOrder, events[0]!)).toBe(inOrder);
    expect(evolveJourney(inOrder, events[2]!)).toBe(inOrder);
    const replayed = evolveJourneyWith(inOrder, [events[1]!, events[3]!, events[1]!]);
    expect(replayed).toBe(inOrder);
  });

  it('puts an event in the gap another left (one the projector parked)', () => {
    const withGap = evolveJourneyWith(initialJourneyState(), [
      events[0]!,
      events[1]!,
      events[3]!,
      events[4]!,
    ]);
    expect(revisions(withGap)).toEqual([0, 1, 3, 4]);
    expect(revisions(evolveJourney(withGap, events[2]!))).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives the same state for a page applied at once as one by one, duplicates and all', () => {
    const page = [events[2]!, events[0]!, events[4]!, events[2]!, events[1]!, events[3]!];
    expect(evolveJourneyWith(initialJourneyState(), page)).toEqual(inOrder);
    expect(page.reduce(evolveJourney, initialJourneyState())).toEqual(inOrder);
  });

  it('leaves the state it was given as it was', () => {
    const before = evolveJourneyWith(initialJourneyState(), [events[0]!, events[2]!]);
    const copy = structuredClone(before);
    evolveJourneyWith(before, [events[1]!, events[3]!]);
    expect(before).toEqual(copy);
  });

  it('takes the victim and police area from the first event applied', () => {
    const state = evolveJourney(initialJourneyState(), events[3]!);
    expect(state.victimId).toBe(events[0]!.victimId);
    expect(state.policeArea).toBe('west-yorkshire');
  });
});
