import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AgencyDirectory } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import {
  BreachesQuery,
  CaseIndexQuery,
  CaseloadQuery,
  JourneyProjector,
  JourneyQueries,
  ReadModels,
} from '@vj/read-models';
import { JourneyIngestion } from '@vj/ingestion';
import { EventSchemasController } from './catalogue/event-schemas.controller';
import {
  clockOf,
  openEventStore,
  openReadModels,
  readAgenciesFile,
  type AppConfig,
} from '@vj/runtime';
import { HealthController } from './health/health.controller';
import { ApiKeyGuard } from './http/api-key.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { AGENCY_DIRECTORY, APP_CONFIG, CLOCK, EVENT_STORE, METRICS, READ_MODELS } from './tokens';
import { TerminusModule } from '@nestjs/terminus';
import { createMetrics } from '@vj/observability';
import { ComplianceController } from './compliance/compliance.controller';
import { EmbeddedProjections } from './journeys/embedded-projections';
import { JourneysController } from './journeys/journeys.controller';
import { JOURNEY_PROJECTOR } from './journeys/tokens';
import { VictimsController } from './victims/victims.controller';

export interface AppOverrides {
  clock?: Clock;
  eventStore?: EventStore;
  /** false silences Nest's own logging (tests). */
  logger?: false;
}

/** A read-model query object, provided under its class from the store. */
function queryOf<Q>(
  query: abstract new (...args: never[]) => Q,
  of: (readModels: ReadModels) => Q,
) {
  return { provide: query, inject: [READ_MODELS], useFactory: of };
}

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [TerminusModule],
      controllers: [
        VictimsController,
        JourneysController,
        ComplianceController,
        EventSchemasController,
        HealthController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: METRICS, useFactory: () => createMetrics('api') },
        { provide: CLOCK, useValue: overrides.clock ?? clockOf(config) },
        {
          provide: EVENT_STORE,
          useFactory: () => overrides.eventStore ?? openEventStore(config),
        },
        {
          provide: AGENCY_DIRECTORY,
          useFactory: () => AgencyDirectory.fromConfig(readAgenciesFile(config.agenciesFile)),
        },
        {
          provide: JourneyIngestion,
          inject: [EVENT_STORE, CLOCK],
          useFactory: (store: EventStore, clock: Clock) => new JourneyIngestion(store, clock),
        },
        { provide: READ_MODELS, useFactory: () => openReadModels(config) },
        // Each controller gets the queries it reads, never the store (nor its database).
        queryOf(JourneyQueries, (readModels) => readModels.journeys),
        queryOf(CaseIndexQuery, (readModels) => readModels.caseIndex),
        queryOf(CaseloadQuery, (readModels) => readModels.caseload),
        queryOf(BreachesQuery, (readModels) => readModels.breaches),
        {
          provide: JOURNEY_PROJECTOR,
          inject: [EVENT_STORE, READ_MODELS, CLOCK],
          useFactory: (store: EventStore, readModels: ReadModels, clock: Clock) =>
            new JourneyProjector(store, readModels, clock),
        },
        EmbeddedProjections,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
