import type { Provider } from '@nestjs/common';
import { AgencyDirectory } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import type { AuditLog } from '@vj/audit';
import type { EventStore } from '@vj/event-store';
import { createMetrics, type Metrics } from '@vj/observability';
import {
  clockOf,
  openAuditLog,
  openEventStore,
  openIdentity,
  openReadModels,
  readAgenciesFile,
  type AppConfig,
} from '@vj/runtime';
import {
  AGENCY_DIRECTORY,
  APP_CONFIG,
  AUDIT_LOG,
  CLOCK,
  EVENT_STORE,
  IDENTITY,
  METRICS,
  READ_MODELS,
} from './tokens';

/** What a test may put in place of the adapters configuration chooses. */
export interface PortOverrides {
  clock?: Clock;
  eventStore?: EventStore;
  auditLog?: AuditLog;
}

/**
 * The ports both apps inject (configuration, clock, metrics, event store, read models, agency
 * directory, identity, audit trail), bound to the adapters the configuration chooses. Each app closes the connections
 * in its own module, after its other parts have stopped.
 */
export function portProviders(
  service: 'api' | 'worker',
  config: AppConfig,
  overrides: PortOverrides = {},
): Provider[] {
  return [
    { provide: APP_CONFIG, useValue: config },
    { provide: METRICS, useFactory: () => createMetrics(service) },
    { provide: CLOCK, useValue: overrides.clock ?? clockOf(config) },
    {
      provide: EVENT_STORE,
      inject: [METRICS],
      useFactory: (metrics: Metrics) =>
        overrides.eventStore ??
        openEventStore(config, { feedStalled: () => metrics.eventFeedStalls.inc() }),
    },
    { provide: READ_MODELS, useFactory: () => openReadModels(config) },
    { provide: AUDIT_LOG, useFactory: () => overrides.auditLog ?? openAuditLog(config) },
    {
      provide: AGENCY_DIRECTORY,
      useFactory: () => AgencyDirectory.fromConfig(readAgenciesFile(config.agenciesFile)),
    },
    {
      provide: IDENTITY,
      inject: [AGENCY_DIRECTORY],
      useFactory: (agencies: AgencyDirectory) => openIdentity(config, agencies),
    },
  ];
}
