import type { JourneyEvent } from '../journey-event';

/**
 * What the journey projection keeps of a victim: every event of their stream, in stream order
 * (by revision). Keeping the facts lets every view be derived again for any "now", whatever
 * order agencies posted in.
 */
export interface JourneyState {
  victimId: string | null;
  policeArea: string | null;
  events: readonly JourneyEvent[];
}

export const initialJourneyState = (): JourneyState => ({
  victimId: null,
  policeArea: null,
  events: [],
});

/** Idempotent: an event already applied (same revision) changes nothing. */
export function evolveJourney(state: JourneyState, event: JourneyEvent): JourneyState {
  return evolveJourneyWith(state, [event]);
}

/**
 * Applies events to the journey, copying its event list once however many there are. An event
 * after the last (the usual case: the store's global order follows each stream's order) is
 * appended in O(1); one out of order is put in its place by revision (a binary search). A
 * revision already there is the same event, so it changes nothing: a stream's revisions are
 * unique (contiguous from 0, the event store's contract; an event parked by the projector
 * leaves a gap, which the search does not mind). Returns `state` itself when nothing changed.
 */
export function evolveJourneyWith(
  state: JourneyState,
  events: readonly JourneyEvent[],
): JourneyState {
  let next: JourneyEvent[] | undefined;
  let { victimId, policeArea } = state;
  for (const event of events) {
    const at = placeOf(next ?? state.events, event.revision);
    if (at === undefined) continue;
    next ??= [...state.events];
    if (at === next.length) next.push(event);
    else next.splice(at, 0, event);
    victimId ??= event.victimId;
    policeArea ??= event.policeArea;
  }
  return next ? { victimId, policeArea, events: next } : state;
}

/** Where an event of this revision goes in events ordered by revision; undefined when one is there. */
function placeOf(events: readonly JourneyEvent[], revision: number): number | undefined {
  const last = events[events.length - 1];
  if (!last || last.revision < revision) return events.length;
  let low = 0;
  let high = events.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle] as JourneyEvent).revision < revision) low = middle + 1;
    else high = middle;
  }
  return (events[low] as JourneyEvent).revision === revision ? undefined : low;
}
