/**
 * What the ingestion use cases tell the read side after they store events. Embedded mode projects
 * in the API process at once (read your writes); in production the workers follow the store, so
 * there is nothing to do.
 */
export interface ProjectionTrigger {
  /** New events were stored: start bringing the read models up to date, without waiting. */
  appended(): void;
}

export const WORKERS_FOLLOW_THE_STORE: ProjectionTrigger = { appended: () => undefined };
