/** Events the ingestion use cases stored for one victim: the last one's place in the global order. */
export interface AppendedEvents {
  victimId: string;
  policeArea: string;
  /** The global position of the last event stored. */
  position: bigint;
}

/**
 * What the ingestion use cases tell the read side after they store events. Embedded mode projects
 * in a thread of the API process and lets a read wait only for what concerns it (read your
 * writes); in production the workers follow the store, so there is nothing to do.
 */
export interface ProjectionTrigger {
  /** New events were stored: start bringing the read models up to date, without waiting. */
  appended(events: AppendedEvents): void;
}

export const WORKERS_FOLLOW_THE_STORE: ProjectionTrigger = { appended: () => undefined };
