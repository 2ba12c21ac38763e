import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@vj/event-store';
import { ReadModels } from '@vj/read-models';
import type { AppConfig } from './config';

/** The composition root's one choice of event store adapter, from configuration. */
export function openEventStore(config: AppConfig): EventStore {
  switch (config.eventStore) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return new SqliteEventStore(join(config.dataDir, 'events.sqlite'));
    case 'eventstoredb':
      return EventStoreDbEventStore.fromConnectionString(
        config.eventStoreConnectionString as string,
      );
    default: {
      const unknown: never = config.eventStore;
      throw new Error(`unknown event store ${String(unknown)}`);
    }
  }
}

/** The read models of the embedded runtime: one SQLite file beside the events. */
export function openReadModels(config: AppConfig): Promise<ReadModels> {
  mkdirSync(config.dataDir, { recursive: true });
  return ReadModels.openSqlite(join(config.dataDir, 'read-models.sqlite'));
}
