import { type EmbeddedPostgresServer, type EventStoreDbContainer } from './support/test-servers';

export const embeddedPostgresKey = '__victimJourneyEmbeddedPostgres';
export const eventStoreDbContainerKey = '__victimJourneyEventStoreDbContainer';

/**
 * Stops the PostgreSQL the global setup started, if it started one, and removes its data; and the
 * EventStoreDB container, if it started one.
 */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis as Record<string, unknown>;
  const embedded = started[embeddedPostgresKey] as EmbeddedPostgresServer | undefined;
  const eventStoreDb = started[eventStoreDbContainerKey] as EventStoreDbContainer | undefined;
  await Promise.all([embedded?.stop(), eventStoreDb?.stop()]);
}
