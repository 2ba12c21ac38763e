import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type { AuditLog } from '@vj/audit';
import type { Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import { JourneyIngestion, WORKERS_FOLLOW_THE_STORE } from '@vj/ingestion';
import { EventSchemasController } from './catalogue/event-schemas.controller';
import {
  AuditInterceptor,
  AuthenticationGuard,
  DeclaredQueryOnly,
  InterceptorChain,
  AUDIT_LOG,
  AuditTrail,
  auditProviders,
  HealthController,
  portProviders,
  rateLimitProviders,
  type PortOverrides,
} from '@vj/nest-edge';
import type { VictimDataKeyStore } from '@vj/personal-data';
import { openVictimDataKeys, personalDataVaultOf, type AppConfig } from '@vj/runtime';
import { JsonBodyInterceptor } from './http/json-body';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { AGENCY_DIRECTORY, APP_CONFIG, CLOCK, EVENT_STORE, IDENTITY } from '@vj/nest-edge';
import { TerminusModule } from '@nestjs/terminus';
import { AuditController } from './audit/audit.controller';
import { BreachList } from './compliance/breach-list';
import { ComplianceController } from './compliance/compliance.controller';
import { ForecastController } from './forecast/forecast.controller';
import { EmbeddedProjections } from './journeys/embedded-projections';
import { JourneysController } from './journeys/journeys.controller';
import { ReadModelsAsOfNow } from './journeys/read-models-as-of-now';
import { VictimsController } from './victims/victims.controller';
import { ComplianceReports } from './reports/compliance-reports';
import { ReportsController } from './reports/reports.controller';
import { DevIssuerController } from './auth/dev-issuer.controller';
import { SignInController } from './auth/sign-in.controller';
import { OidcSignIn } from './auth/oidc-sign-in';
import { WebModule } from './web/web.module';

export interface AppOverrides extends PortOverrides {
  /** false silences Nest's own logging (tests). */
  logger?: false;
}

/** Victims' data keys: the API's alone (the workers never read personal fields). */
const VICTIM_DATA_KEYS = Symbol('VICTIM_DATA_KEYS');

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    @Inject(VICTIM_DATA_KEYS) private readonly dataKeys: VictimDataKeyStore,
  ) {}

  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      // Global, so the web pages' module (imported here) uses the same ports and use cases.
      global: true,
      imports: [TerminusModule, WebModule],
      controllers: [
        VictimsController,
        JourneysController,
        ComplianceController,
        EventSchemasController,
        HealthController,
        SignInController,
        AuditController,
        ForecastController,
        ReportsController,
        // The built-in development issuer, only when no issuer is configured (never in production).
        ...(config.identity.oidcIssuer ? [] : [DevIssuerController]),
      ],
      providers: [
        ...portProviders('api', config, overrides),
        { provide: VICTIM_DATA_KEYS, useFactory: () => openVictimDataKeys(config) },
        {
          provide: JourneyIngestion,
          inject: [EVENT_STORE, CLOCK, VICTIM_DATA_KEYS, EmbeddedProjections],
          // Embedded mode projects after each append (in its thread); in production the workers follow the store.
          useFactory: (
            store: EventStore,
            clock: Clock,
            dataKeys: VictimDataKeyStore,
            projections: EmbeddedProjections,
          ) =>
            new JourneyIngestion(
              store,
              clock,
              personalDataVaultOf(config, dataKeys, clock),
              config.mode === 'embedded' ? projections : WORKERS_FOLLOW_THE_STORE,
            ),
        },
        EmbeddedProjections,
        ReadModelsAsOfNow,
        OidcSignIn,
        ComplianceReports,
        BreachList,
        // Before the authentication guard, so that its refusals are recorded against the route's action.
        ...auditProviders({ interceptor: 'provided' }),
        // Authentication, then the credential's rate limit.
        ...rateLimitProviders(config, AuthenticationGuard),
        DeclaredQueryOnly,
        {
          // After the guards, in this order: the access reason checked (and a read audited once
          // answered), the body read (an unauthenticated upload is never read), the query checked.
          provide: APP_INTERCEPTOR,
          inject: [AuditInterceptor, DeclaredQueryOnly],
          useFactory: (audit: AuditInterceptor, declaredQueryOnly: DeclaredQueryOnly) =>
            new InterceptorChain([
              audit,
              new JsonBodyInterceptor({
                maxBytes: config.maxBodyBytes,
                timeoutMs: config.bodyTimeoutMs,
              }),
              declaredQueryOnly,
            ]),
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [
        JourneyIngestion,
        ReadModelsAsOfNow,
        OidcSignIn,
        ComplianceReports,
        BreachList,
        EVENT_STORE,
        CLOCK,
        AUDIT_LOG,
        AuditTrail,
        AGENCY_DIRECTORY,
        APP_CONFIG,
        IDENTITY,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.audit.close();
    await this.dataKeys.close();
  }
}
