import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AgencyDirectory } from '@vj/agencies';
import type { AuditLog } from '@vj/audit';
import { SqliteAuditLog } from '@vj/audit/sqlite';
import { FixedClock } from '@vj/clock';
import {
  AGENCY_DIRECTORY,
  AUDIT_LOG,
  auditProviders,
  AuthenticationGuard,
  CLOCK,
  IDENTITY,
  READ_MODELS,
} from '@vj/nest-edge';
import { loadConfig, openIdentity, readAgenciesFile } from '@vj/runtime';
import { AuditedRefusalsFilter } from './audited-refusals.filter';
import { DeadlineScheduling } from './deadline-scheduling';
import { OperationsController } from './operations.controller';

/** The worker's operations endpoints over HTTP, as the worker module wires their audit trail. */
describe('the operations endpoints in the audit trail', () => {
  let app: INestApplication;
  let audit: AuditLog;
  // The development issuer keeps its signing key here.
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-operations-audit-'));

  beforeAll(async () => {
    audit = new SqliteAuditLog(':memory:');
    @Module({
      controllers: [OperationsController],
      providers: [
        {
          provide: DeadlineScheduling,
          useValue: {
            scheduler: {
              failedNotifications: () => Promise.resolve([]),
              retryNotification: () => Promise.resolve(true),
            },
          },
        },
        { provide: READ_MODELS, useValue: { parkedEvents: () => Promise.resolve([]) } },
        {
          provide: AGENCY_DIRECTORY,
          useValue: AgencyDirectory.fromConfig(readAgenciesFile('config/agencies.dev.json')),
        },
        { provide: CLOCK, useValue: new FixedClock('2026-03-06T17:00:00Z') },
        { provide: AUDIT_LOG, useValue: audit },
        {
          provide: IDENTITY,
          inject: [AGENCY_DIRECTORY],
          useFactory: (agencies: AgencyDirectory) =>
            openIdentity(loadConfig({ DATA_DIR: dataDir }), agencies),
        },
        // The audit marker first, then authentication, as the worker module has them.
        ...auditProviders(),
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: AuditedRefusalsFilter },
      ],
    })
    class OperationsOnly {}
    app = await NestFactory.create(OperationsOnly, { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await audit.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records an operator’s read, a retry, and refusals with who was refused', async () => {
    const http = () => request(app.getHttpServer() as Parameters<typeof request>[0]);
    const operator = { Authorization: 'Bearer dev-operator-service-desk' };
    expect((await http().get('/operations/parked-events').set(operator)).status).toBe(200);
    expect((await http().post('/operations/notifications/n-1/retry').set(operator)).status).toBe(
      202,
    );
    const police = { Authorization: 'Bearer dev-police-west-yorkshire' };
    expect((await http().get('/operations/notifications/failed').set(police)).status).toBe(403);
    expect((await http().get('/operations/notifications/failed')).status).toBe(401);

    const { entries } = await audit.list({ limit: 10 });
    expect(entries).toMatchObject([
      {
        subject: 'operator-service-desk',
        role: 'operator',
        action: 'read-parked-events',
        outcome: 'allowed',
        status: 200,
        endpoint: 'GET /operations/parked-events',
      },
      {
        action: 'retry-notification',
        outcome: 'allowed',
        status: 202,
        endpoint: 'POST /operations/notifications/:id/retry',
      },
      {
        subject: 'police-west-yorkshire',
        action: 'read-failed-notifications',
        outcome: 'refused',
        status: 403,
      },
      { subject: null, action: 'read-failed-notifications', outcome: 'refused', status: 401 },
    ]);
    expect(await audit.verify()).toMatchObject({ ok: true, count: 4 });
  });
});
