import { type EmbeddedPostgresServer } from './support/test-servers';

export const embeddedPostgresKey = '__victimJourneyEmbeddedPostgres';

/** Stops the PostgreSQL the global setup started, if it started one, and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>)[embeddedPostgresKey] as
    EmbeddedPostgresServer | undefined;
  await embedded?.stop();
}
