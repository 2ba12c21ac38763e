import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import { JourneyProjector, ReadModels } from '@vj/read-models';
import { JourneyIngestion, WORKERS_FOLLOW_THE_STORE } from '@vj/ingestion';
import { EventSchemasController } from './catalogue/event-schemas.controller';
import {
  AuthenticationGuard,
  HealthController,
  portProviders,
  type PortOverrides,
} from '@vj/nest-edge';
import type { AppConfig } from '@vj/runtime';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { CLOCK, EVENT_STORE, JOURNEY_PROJECTOR, READ_MODELS } from '@vj/nest-edge';
import { TerminusModule } from '@nestjs/terminus';
import { ComplianceController } from './compliance/compliance.controller';
import { EmbeddedProjections } from './journeys/embedded-projections';
import { JourneysController } from './journeys/journeys.controller';
import { ReadModelsAsOfNow } from './journeys/read-models-as-of-now';
import { VictimsController } from './victims/victims.controller';
import { DevIssuerController } from './auth/dev-issuer.controller';
import { SignInController } from './auth/sign-in.controller';

export interface AppOverrides extends PortOverrides {
  /** false silences Nest's own logging (tests). */
  logger?: false;
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
        SignInController,
        // The built-in development issuer, only when no issuer is configured (never in production).
        ...(config.identity.oidcIssuer ? [] : [DevIssuerController]),
      ],
      providers: [
        ...portProviders('api', config, overrides),
        {
          provide: JourneyIngestion,
          inject: [EVENT_STORE, CLOCK, EmbeddedProjections],
          // Embedded mode projects after each append; in production the workers follow the store.
          useFactory: (store: EventStore, clock: Clock, projections: EmbeddedProjections) =>
            new JourneyIngestion(
              store,
              clock,
              config.mode === 'embedded' ? projections : WORKERS_FOLLOW_THE_STORE,
            ),
        },
        {
          provide: JOURNEY_PROJECTOR,
          inject: [EVENT_STORE, READ_MODELS, CLOCK],
          useFactory: (store: EventStore, readModels: ReadModels, clock: Clock) =>
            new JourneyProjector(store, readModels, clock),
        },
        EmbeddedProjections,
        ReadModelsAsOfNow,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
