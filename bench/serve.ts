/**
 * One HTTP service under test, in a process of its own so that the load generator and the
 * benchmark's bookkeeping never share its event loop, and so that its peak memory is its own:
 * `node -r @swc-node/register bench/serve.ts <kind>`, forked by the benchmark. It says
 * `{ port }` when listening; told 'mark', says `{ cpuMs }` spent since the last mark (and starts
 * or ends a CPU profile into the file BENCH_CPU_PROFILE names, if any); told 'stop', it closes
 * and says `{ maxRssKiB }`, then exits.
 *
 * Kinds: `api` (our API as `npm run start:api` opens it, configured by the environment),
 * `nest-express` and `nest-fastify` (a bare NestJS route that parses the JSON and answers 201:
 * the framework's ceiling), `express-emmett` (the peer in bench/peers/express-emmett-postgres).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AgencyDirectory } from '@vj/agencies';
import { loadConfig, readAgenciesFile } from '@vj/runtime';
import { createApp } from '../apps/api/src/app';
import { startExpressEmmettPeer } from './peers/express-emmett-postgres/server';
import { AGENCIES_FILE } from './workload';

export type ServedKind = 'api' | 'nest-express' | 'nest-fastify' | 'express-emmett';
export type ServeMessage =
  { port: number } | { cpuMs: number } | { maxRssKiB: number } | { error: string };

@Controller('v1/victims')
class BareController {
  @Post()
  @HttpCode(201)
  open(@Body() body: unknown): { received: boolean } {
    return { received: body !== undefined };
  }

  @Post(':victimId/events')
  @HttpCode(201)
  post(@Param('victimId') victimId: string, @Body() body: unknown): { victimId: string } {
    return { victimId: body === undefined ? '' : victimId };
  }
}

/** The benchmark opens each connection with it (bench/ingest.ts). */
@Controller('health')
class BareHealthController {
  @Get()
  health(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [BareController, BareHealthController] })
class BareModule {}

async function start(kind: ServedKind): Promise<{ port: number; close: () => Promise<void> }> {
  if (kind === 'api') {
    // Its own logger at LOG_LEVEL: a failed request's error reaches the benchmark's stderr.
    const app = await createApp(loadConfig());
    await app.listen(0, '127.0.0.1');
    return { port: portOf(app.getHttpServer()), close: () => app.close() };
  }
  if (kind === 'express-emmett') {
    const agencies = AgencyDirectory.fromConfig(readAgenciesFile(AGENCIES_FILE));
    const peer = await startExpressEmmettPeer({
      connectionString: required('PEER_POSTGRES_URL'),
      homeAreaOf: (id) => agencies.byId(id)?.homeArea,
    });
    return { port: portOf(peer.server), close: () => peer.close() };
  }
  const app =
    kind === 'nest-fastify'
      ? await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer() as Server), close: () => app.close() };
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

if (require.main === module && process.send) {
  const send = (message: ServeMessage) => process.send?.(message);
  start(process.argv[2] as ServedKind).then(
    (served) => {
      send({ port: served.port });
      // Told 'mark': the CPU spent since the last mark (so, after the warm-up's mark, the
      // measured posts'), and the profile of that span when BENCH_CPU_PROFILE names a file.
      const profileFile = process.env.BENCH_CPU_PROFILE;
      const profiler = profileFile ? new Session() : undefined;
      let profiling = false;
      const inspect = <T>(method: string): Promise<T> =>
        new Promise((resolve, reject) =>
          profiler?.post(method, (error, result) => (error ? reject(error) : resolve(result as T))),
        );
      const toggleProfile = async (): Promise<void> => {
        if (!profiler || !profileFile) return;
        if (!profiling) {
          profiling = true;
          profiler.connect();
          await inspect('Profiler.enable');
          await inspect('Profiler.start');
          return;
        }
        const { profile } = await inspect<{ profile: unknown }>('Profiler.stop');
        writeFileSync(profileFile, JSON.stringify(profile));
      };
      let since = process.cpuUsage();
      process.on('message', (message) => {
        if (message === 'mark') {
          const spent = process.cpuUsage(since);
          since = process.cpuUsage();
          void toggleProfile().then(() => send({ cpuMs: (spent.user + spent.system) / 1000 }));
          return;
        }
        if (message !== 'stop') return;
        // Its peak is what matters, closed cleanly or not.
        void served
          .close()
          .catch(() => undefined)
          .then(() => {
            send({ maxRssKiB: process.resourceUsage().maxRSS });
            process.disconnect();
          });
      });
    },
    (error: unknown) => {
      send({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.disconnect();
    },
  );
}
