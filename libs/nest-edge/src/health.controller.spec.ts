import 'reflect-metadata';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import request from 'supertest';
import { createMetrics } from '@vj/observability';
import { HealthController, type HealthCheckOf } from './health.controller';
import { EVENT_STORE, EXTRA_HEALTH_CHECKS, METRICS, READ_MODELS } from './tokens';

const up = () => Promise.resolve();
const down = () => Promise.reject(new Error('connect ECONNREFUSED db.internal:5432'));

// The shared controller with stand-ins for each dependency: `extra` as the worker adds Redis.
async function appWith(
  answers: { store: () => Promise<unknown>; readModels: () => Promise<unknown> },
  extra?: HealthCheckOf[],
): Promise<INestApplication> {
  @Module({
    imports: [TerminusModule],
    controllers: [HealthController],
    providers: [
      { provide: EVENT_STORE, useValue: { readAll: answers.store } },
      { provide: READ_MODELS, useValue: { probe: answers.readModels } },
      { provide: METRICS, useValue: createMetrics('worker') },
      ...(extra ? [{ provide: EXTRA_HEALTH_CHECKS, useValue: extra }] : []),
    ],
  })
  class HealthOnly {}
  const app = await NestFactory.create(HealthOnly, { logger: false });
  return app.init();
}

describe('the shared health controller', () => {
  it("checks the event store and the read models, and an app's own dependencies", async () => {
    const api = await appWith({ store: up, readModels: up });
    const apiHealth = await request(api.getHttpServer()).get('/health');
    expect(apiHealth.status).toBe(200);
    expect(Object.keys(apiHealth.body.info)).toEqual(['eventStore', 'readModels']);
    await api.close();

    const worker = await appWith({ store: up, readModels: up }, [{ name: 'redis', answer: down }]);
    const workerHealth = await request(worker.getHttpServer()).get('/health');
    expect(workerHealth.status).toBe(503);
    expect(workerHealth.body.error).toEqual({ redis: { status: 'down' } });
    await worker.close();
  });

  it('says which dependency is down without its error, which could name hosts', async () => {
    const app = await appWith({ store: up, readModels: down });
    const health = await request(app.getHttpServer()).get('/health');
    expect(health.status).toBe(503);
    expect(health.body.error).toEqual({ readModels: { status: 'down' } });
    expect(JSON.stringify(health.body)).not.toContain('db.internal');
    await app.close();
  });

  it('serves the metrics as Prometheus text', async () => {
    const app = await appWith({ store: up, readModels: up });
    const metrics = await request(app.getHttpServer()).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain('process="worker"');
    await app.close();
  });
});
