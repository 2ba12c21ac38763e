import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AgencyDirectory } from '@vj/agencies';
import { systemClock, type Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import { JourneyIngestion } from '@vj/ingestion';
import { EventSchemasController } from './catalogue/event-schemas.controller';
import { readAgenciesFile, type AppConfig } from './config';
import { openEventStore } from './event-store.factory';
import { HealthController } from './health/health.controller';
import { ApiKeyGuard } from './http/api-key.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { AGENCY_DIRECTORY, APP_CONFIG, CLOCK, EVENT_STORE } from './tokens';
import { VictimsController } from './victims/victims.controller';

export interface AppOverrides {
  clock?: Clock;
  eventStore?: EventStore;
  /** false silences Nest's own logging (tests). */
  logger?: false;
}

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      controllers: [VictimsController, EventSchemasController, HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
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
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
