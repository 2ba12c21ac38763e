import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@vj/event-store';
import { EventStoreDbEventStore } from '@vj/event-store/eventstoredb';
import { PostgresEventStore } from '@vj/event-store/postgres';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import type { AuditLog } from '@vj/audit';
import { PostgresAuditLog } from '@vj/audit/postgres';
import { SqliteAuditLog } from '@vj/audit/sqlite';
import {
  NOTIFICATION_OUTBOX_TENANT,
  type DueDeadlines,
  type NotificationOutbox,
  ReadModelDueDeadlines,
} from '@vj/deadline-scheduling';
import { JourneyIngestion } from '@vj/ingestion';
import { ReadModels } from '@vj/read-models';
import { FixedClock, systemClock, type Clock } from '@vj/clock';
import { MasterKeyService, PersonalDataVault, type VictimDataKeyStore } from '@vj/personal-data';
import { KyselyVictimDataKeyStore } from '@vj/personal-data/store';
import { auditSchemaOf, readModelSchemaOf, type AppConfig } from './config';

/**
 * Opens one of the embedded stores' files in DATA_DIR, making the directory if absent. A directory
 * that cannot be made or written (a path through a plain file, read-only, a full disk) stops the
 * start with one message naming the directory, the file and the cause.
 */
async function openInDataDir<T>(
  config: AppConfig,
  file: string,
  open: (path: string) => T | Promise<T>,
): Promise<T> {
  try {
    mkdirSync(config.dataDir, { recursive: true });
    return await open(join(config.dataDir, file));
  } catch (error) {
    // The system's or SQLite's code (ENOTDIR, SQLITE_IOERR_WRITE) says more than the message.
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    const cause =
      typeof code === 'string' && !message.startsWith(code) ? `${code}: ${message}` : message;
    throw new Error(`DATA_DIR ${config.dataDir} cannot be used for ${file}: ${cause}`, {
      cause: error,
    });
  }
}

/** The embedded store's files in DATA_DIR. */
export const EMBEDDED_FILES = {
  events: 'events.sqlite',
  readModels: 'read-models.sqlite',
} as const;

/** What an event store adapter may report to the metrics (EventStoreDB only, today). */
export interface EventStoreSignals {
  /** The subscription to $all was found stalled and restarted. */
  feedStalled?: () => void;
}

/** The composition root's one choice of event store adapter, from configuration. */
export async function openEventStore(
  config: AppConfig,
  signals: EventStoreSignals = {},
): Promise<EventStore> {
  switch (config.eventStore) {
    case 'sqlite':
      return openInDataDir(config, EMBEDDED_FILES.events, (file) => new SqliteEventStore(file));
    case 'eventstoredb':
      return EventStoreDbEventStore.fromConnectionString(
        config.eventStoreConnectionString as string,
        signals.feedStalled ? { onFeedStalled: signals.feedStalled } : {},
      );
    case 'postgres':
      return PostgresEventStore.open({
        connectionString: config.postgresUrl,
        schema: config.postgresSchema,
      });
    default: {
      const unknown: never = config.eventStore;
      throw new Error(`unknown event store ${String(unknown)}`);
    }
  }
}

/** The read models: a SQLite file beside the events (embedded), or PostgreSQL (production). */
export function openReadModels(
  config: AppConfig,
  schema = readModelSchemaOf(config),
): Promise<ReadModels> {
  if (config.mode === 'production') return ReadModels.openPostgres(config.postgresUrl, schema);
  return openInDataDir(config, EMBEDDED_FILES.readModels, (file) => ReadModels.openSqlite(file));
}

/** The audit trail: a SQLite file beside the events (embedded), or its own PostgreSQL schema (production). */
export function openAuditLog(config: AppConfig): Promise<AuditLog> {
  if (config.mode === 'production') {
    return PostgresAuditLog.open({
      connectionString: config.postgresUrl,
      schema: auditSchemaOf(config),
    });
  }
  return openInDataDir(config, 'audit.sqlite', (file) => new SqliteAuditLog(file));
}

export interface DeadlinePorts {
  dueDeadlines: DueDeadlines;
  outbox: NotificationOutbox;
}

/**
 * Deadline scheduling's ports, on the read models' database: open deadlines through the read
 * models' query, and the notification outbox as the database's tenant (its own migrations).
 */
export async function openDeadlinePorts(readModels: ReadModels): Promise<DeadlinePorts> {
  return {
    dueDeadlines: new ReadModelDueDeadlines(readModels.openDeadlines),
    outbox: await readModels.host(NOTIFICATION_OUTBOX_TENANT),
  };
}

/** Victims' data keys: a SQLite file beside the events (embedded), or `<schema>_keys` in PostgreSQL. */
export function openVictimDataKeys(config: AppConfig): Promise<VictimDataKeyStore> {
  if (config.mode === 'production')
    return KyselyVictimDataKeyStore.openPostgres(
      config.postgresUrl,
      `${config.postgresSchema}_keys`,
    );
  return openInDataDir(config, 'data-keys.sqlite', (file) =>
    KyselyVictimDataKeyStore.openSqlite(file),
  );
}

/** Personal data at rest: the master key from configuration wraps each victim's data key. */
export function personalDataVaultOf(
  config: AppConfig,
  keys: VictimDataKeyStore,
  clock: Clock,
): PersonalDataVault {
  const { current, previous } = config.masterKey;
  return new PersonalDataVault(new MasterKeyService(current, previous), keys, clock);
}

/** The system clock, or the fixed one CLOCK_NOW asks for (tests). */
export function clockOf(config: AppConfig): Clock {
  return config.clockNow ? new FixedClock(config.clockNow) : systemClock;
}

/**
 * The ingestion use case outside the API, as the seed and the workload generator post: the
 * configured event store, victims' data keys and clock; the workers project what it stores.
 * `close` releases the store and the keys.
 */
export async function openIngestion(
  config: AppConfig,
): Promise<{ ingestion: JourneyIngestion; clock: Clock; close: () => Promise<void> }> {
  const store = await openEventStore(config);
  const dataKeys = await openVictimDataKeys(config).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const clock = clockOf(config);
  return {
    ingestion: new JourneyIngestion(store, clock, personalDataVaultOf(config, dataKeys, clock)),
    clock,
    close: async () => {
      await store.close();
      await dataKeys.close();
    },
  };
}
