import type { JourneyEvent } from '../journey-event';

/**
 * What the journey projection keeps of a victim: every event of their stream, in stream order.
 * Streams are short (tens of events over years), and keeping the facts lets every view be
 * derived again for any "now", whatever order agencies posted in.
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

/** Idempotent: an event already applied (same stored id) changes nothing. */
export function evolveJourney(state: JourneyState, event: JourneyEvent): JourneyState {
  if (state.events.some((e) => e.eventId === event.eventId)) return state;
  const events = [...state.events, event].sort((a, b) => a.revision - b.revision);
  return {
    victimId: state.victimId ?? event.victimId,
    policeArea: state.policeArea ?? event.policeArea,
    events,
  };
}
