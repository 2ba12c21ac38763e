import { AGENCY_KINDS, type AgencyKind } from '@vj/event-schemas';

/**
 * Who calls the API: an agency that posts events; a Police and Crime Commissioner's compliance
 * team (`pcc`), which posts nothing and reads compliance reports for its areas; or an
 * `operator`, who sees and retries failed notifications and parked events on the worker.
 */
export type CallerKind = AgencyKind | 'pcc' | 'operator';

export const CALLER_KINDS: readonly CallerKind[] = [...AGENCY_KINDS, 'pcc', 'operator'];

/** A caller: one agency (or PCC team), authenticated by its own API key. */
export interface Agency {
  id: string;
  name: string;
  kind: CallerKind;
  /** The police area the agency belongs to; for a police force, the area it records crimes in. */
  homeArea: string;
  /**
   * The police areas whose victims it may read and post to. National bodies (the Parole Board)
   * hold every area: `'*'`.
   */
  areas: readonly string[] | '*';
  /** Where deadline reminders and breach notifications for it are posted, if anywhere. */
  webhook?: AgencyWebhook;
}

/**
 * An agency's notification endpoint. The signing secret is never in the configuration file: it
 * is read from the environment variable named by `secretEnv` when notifications are sent.
 */
export interface AgencyWebhook {
  url: string;
  secretEnv: string;
}

export function servesArea(agency: Agency, area: string): boolean {
  return agency.areas === '*' || agency.areas.includes(area);
}
