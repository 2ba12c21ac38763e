import 'reflect-metadata';
import { Controller, Get, Module, Query, type INestApplication } from '@nestjs/common';
import { APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { ApiQuery } from '@nestjs/swagger';
import request from 'supertest';
import { DeclaredQueryOnly } from './declared-query-only';

@Controller()
class ParcelsController {
  @Get('parcels')
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'fromRevision', required: false })
  list(@Query('limit') limit?: string) {
    return { limit: limit ?? null };
  }

  @Get('plain')
  plain() {
    return {};
  }
}

/** The interceptor as both apps install it, over a route that declares two parameters and one that declares none. */
describe('only declared query parameters', () => {
  let app: INestApplication;

  beforeAll(async () => {
    @Module({
      controllers: [ParcelsController],
      providers: [{ provide: APP_INTERCEPTOR, useClass: DeclaredQueryOnly }],
    })
    class ParcelsOnly {}
    app = await NestFactory.create(ParcelsOnly, { logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  const get = (path: string) =>
    request(app.getHttpServer() as Parameters<typeof request>[0]).get(path);

  it('lets declared parameters through', async () => {
    const res = await get('/parcels?limit=5&fromRevision=2');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ limit: '5' });
  });

  it('refuses every undeclared one (400), naming each, with the one meant when only its case differs', async () => {
    const res = await get('/parcels?LIMIT=5&colour=red');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'LIMIT', reason: 'is not a parameter of this endpoint; did you mean limit?' },
      {
        field: 'colour',
        reason: 'is not a parameter of this endpoint, which takes fromRevision, limit',
      },
    ]);
  });

  it('refuses any parameter on a route that declares none', async () => {
    const res = await get('/plain?__proto__=1');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: '__proto__', reason: 'is not a parameter of this endpoint, which takes none' },
    ]);
  });
});
