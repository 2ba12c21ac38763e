import {
  type Entitlement,
  entitlementsOf,
  type JourneyState,
  type KeyedContribution,
  keyedContributionsOf,
  nextChangeOf,
} from '@vj/projections';

/** A victim's journey state as stored, with the version it was read at (0: not stored yet). */
export interface StoredJourney {
  state: JourneyState;
  version: number;
}

/** What the journey projection writes for one victim, over the version it read. */
export interface VictimRows {
  state: JourneyState;
  /** The version the state was read at: the write happens only if nobody has moved it since. */
  version: number;
  entitlements: Entitlement[];
  nextChangeAt: string | null;
  /** What the victim adds to the compliance counts, keyed as stored: independent of `now`. */
  contributions: KeyedContribution[];
}

/** Judges a victim's journey at `now` into the rows the queries read. Pure. */
export function victimRowsOf({ state, version }: StoredJourney, now: Date): VictimRows {
  const entitlements = entitlementsOf(state.events, now);
  return {
    state,
    version,
    entitlements,
    nextChangeAt: nextChangeOf(entitlements),
    contributions: keyedContributionsOf(state, entitlements),
  };
}
