import type { AgencyKind } from '@vj/event-schemas';

/** A caller: one agency, authenticated by its own API key. */
export interface Agency {
  id: string;
  name: string;
  kind: AgencyKind;
  /** The police area the agency belongs to; for a police force, the area it records crimes in. */
  homeArea: string;
  /**
   * The police areas whose victims it may read and post to. National bodies (the Parole Board)
   * hold every area: `'*'`.
   */
  areas: readonly string[] | '*';
}

export function servesArea(agency: Agency, area: string): boolean {
  return agency.areas === '*' || agency.areas.includes(area);
}
