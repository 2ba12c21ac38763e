import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export type EventStoreKind = 'sqlite' | 'eventstoredb' | 'postgres';

/**
 * `embedded`: one process, SQLite events and read models, projections and deadline checks in
 * process. `production`: events in EventStoreDB or PostgreSQL, read models in PostgreSQL,
 * deadline timers and notifications on BullMQ/Redis; API and worker are separate processes.
 */
export type RuntimeMode = 'embedded' | 'production';

/** Configuration, read once from the environment at start and validated: a bad value stops the process. */
export interface AppConfig {
  mode: RuntimeMode;
  host: string;
  port: number;
  /** The worker's own HTTP port (health, metrics, operator calls). */
  workerPort: number;
  eventStore: EventStoreKind;
  /** Where the embedded stores keep their files. */
  dataDir: string;
  eventStoreConnectionString: string | undefined;
  /** PostgreSQL (production): events when EVENT_STORE=postgres, and the read models. */
  postgresUrl: string;
  /** The PostgreSQL schema of the events; the read models live in `<schema>_read`. */
  postgresSchema: string;
  redisUrl: string;
  /**
   * The prefix of this deployment's keys in Redis: the deadline queue's are `<prefix>:deadlines:*`,
   * the rate limits' `<prefix>:rate-limit:*`.
   */
  queuePrefix: string;
  /** Requests a minute each credential (agency key) may make before 429. */
  rateLimitPerMinute: number;
  /** Requests a minute each client address may make without a credential. */
  anonymousRateLimitPerMinute: number;
  /** The agency directory: ids, kinds, areas and SHA-256 hashes of their API keys. */
  agenciesFile: string;
  maxBodyBytes: number;
  /** A body not fully received this long after its request was let through is refused (408). */
  bodyTimeoutMs: number;
  /** Node's limit on receiving a whole request (server.requestTimeout); headers get the body's allowance. */
  requestTimeoutMs: number;
  /** How often the embedded runtime applies new events and checks for ended deadlines; 0: never (tests). */
  deadlineCheckIntervalMs: number;
  /** How often the production worker polls the store for new events when idle. */
  projectorPollMs: number;
  /** The deadline scheduler's window: deadlines due within it are queued in Redis. */
  deadlineWindowMs: number;
  /** How often the scheduler moves the next window into Redis. */
  deadlineScheduleEveryMs: number;
  /** Remind the owing agency this many working days before a deadline. */
  reminderWorkingDays: number;
  /**
   * Load the demo dataset at start, through the ingestion use cases: `always` (SEED_DEMO_DATA=true;
   * a second load posts nothing), `if-empty` (the default in development: a fresh clone's first
   * `npm start`, on an empty embedded store, shows a populated caseload), `never` (SEED_DEMO_DATA=false, NODE_ENV=production
   * or test).
   */
  seedDemoData: 'always' | 'if-empty' | 'never';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** A fixed "now" for every judgement (tests and demonstrations only; refused in production). */
  clockNow: string | undefined;
  /** Wraps victims' data keys (MASTER_KEY); the previous ones still unwrap until re-wrapped. */
  masterKey: { current: Buffer; previous: Buffer[] };
  /** The HMAC key of the pseudonymous references PCC analysts see in place of victim ids. */
  pseudonymKey: string;
  identity: IdentityConfig;
  /** The web pages' sessions (see docs/web.md). */
  session: SessionConfig;
}

/** People's sessions on the web pages: a signed cookie naming a session kept in memory or Redis. */
export interface SessionConfig {
  /**
   * Signs the session cookie (SESSION_SECRET). Unset in production when not given: the API refuses
   * to start its pages without it (the worker, which has none, does not need it).
   */
  secret: string | undefined;
  /** `memory` in development and tests; `redis` in production (or SESSION_STORE=redis). */
  store: 'memory' | 'redis';
  /** A session unused this long ends (SESSION_IDLE_MINUTES). */
  idleMinutes: number;
  /** Cookies only over HTTPS: in production. */
  secureCookie: boolean;
}

/** Bearer tokens and people's sign-in (see docs/security/identity.md). */
export interface IdentityConfig {
  /** The OpenID Connect issuer; undefined: the API's built-in development issuer (never in production). */
  oidcIssuer: string | undefined;
  /** People's sign-in client at the issuer, and its secret (none: a public client with PKCE). */
  oidcClientId: string;
  oidcClientSecret: string | undefined;
  /** The audience every access token must name: this API. */
  oidcAudience: string;
  /** Who each person is here: subject → role, agency, areas. */
  peopleFile: string;
  /** The development issuer's agency clients (SHA-256 of each secret); development only. */
  agencyClientsFile: string;
  /** The API as browsers reach it: the sign-in redirect and the development issuer's identifier. */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(`configuration: ${message}`);
    this.name = 'ConfigError';
  }
}

const PROJECT_ROOT = resolve(__dirname, '../../..').replace(/[/\\]dist$/, '');
const DEV_AGENCIES_FILE = join(PROJECT_ROOT, 'config', 'agencies.dev.json');
// Public, so a session cookie signed with it proves nothing: production must set its own.
const DEV_SESSION_SECRET = 'development-session-secret-not-a-secret';
// Public, so pseudonyms made with it protect nothing: production must set its own.
const DEV_PSEUDONYM_KEY = 'development-pseudonym-key-not-a-secret';
const DEV_PEOPLE_FILE = join(PROJECT_ROOT, 'config', 'people.dev.json');
const DEV_AGENCY_CLIENTS_FILE = join(PROJECT_ROOT, 'config', 'agency-clients.dev.json');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
// Public, so only for development and tests: production refuses to start without MASTER_KEY.
const DEV_MASTER_KEY = Buffer.from('victim-journey development only key!').subarray(0, 32);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const requested = env.EVENT_STORE ?? 'sqlite';
  if (requested !== 'sqlite' && requested !== 'eventstoredb' && requested !== 'postgres') {
    throw new ConfigError(
      `EVENT_STORE must be 'sqlite', 'postgres' or 'eventstoredb', not '${requested}'`,
    );
  }
  const eventStore: EventStoreKind = requested;
  if (eventStore === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  const mode: RuntimeMode = eventStore === 'sqlite' ? 'embedded' : 'production';
  if (mode === 'production' && !env.POSTGRES_URL) {
    throw new ConfigError(
      `EVENT_STORE=${eventStore} runs in production mode, which needs POSTGRES_URL for the read models`,
    );
  }
  const production = env.NODE_ENV === 'production';
  if (production && !env.AGENCIES_FILE) {
    throw new ConfigError(
      'AGENCIES_FILE is required in production: the development keys are public',
    );
  }
  const postgresSchema = env.POSTGRES_SCHEMA ?? 'victim_journey';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(postgresSchema)) {
    throw new ConfigError(
      `POSTGRES_SCHEMA must be a lower-case SQL identifier, not '${postgresSchema}'`,
    );
  }
  const clockNow = env.CLOCK_NOW || undefined;
  if (clockNow !== undefined && (production || Number.isNaN(Date.parse(clockNow)))) {
    throw new ConfigError(
      production
        ? 'CLOCK_NOW is for tests, not production'
        : `CLOCK_NOW must be an ISO date-time, not '${clockNow}'`,
    );
  }
  const bodyTimeoutMs = integer(env, 'BODY_TIMEOUT_MS', 10_000, 100, 10 * 60 * 1000);
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 10 * 60 * 1000);
  if (bodyTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `BODY_TIMEOUT_MS (${bodyTimeoutMs}) must not be more than REQUEST_TIMEOUT_MS (${requestTimeoutMs})`,
    );
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST ?? '127.0.0.1';
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const pseudonymKey = env.PSEUDONYM_KEY || (production ? '' : DEV_PSEUDONYM_KEY);
  if (!pseudonymKey)
    throw new ConfigError('PSEUDONYM_KEY is required in production: the development key is public');
  if (pseudonymKey.length < 32)
    throw new ConfigError('PSEUDONYM_KEY must be at least 32 characters');
  return {
    mode,
    host,
    port,
    workerPort: integer(env, 'WORKER_PORT', 3001, 0, 65535),
    eventStore,
    dataDir: absolute(env.DATA_DIR ?? 'data'),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING,
    postgresUrl: env.POSTGRES_URL ?? '',
    postgresSchema,
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: env.QUEUE_PREFIX ?? 'vj',
    agenciesFile: absolute(env.AGENCIES_FILE ?? DEV_AGENCIES_FILE),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    anonymousRateLimitPerMinute: integer(env, 'ANONYMOUS_RATE_LIMIT_PER_MINUTE', 60, 1, 1_000_000),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
    bodyTimeoutMs,
    requestTimeoutMs,
    deadlineCheckIntervalMs: integer(
      env,
      'DEADLINE_CHECK_INTERVAL_MS',
      60_000,
      0,
      24 * 60 * 60 * 1000,
    ),
    projectorPollMs: integer(env, 'PROJECTOR_POLL_MS', 250, 10, 60_000),
    deadlineWindowMs: integer(env, 'DEADLINE_WINDOW_MS', 15 * 60 * 1000, 1000, 24 * 60 * 60 * 1000),
    deadlineScheduleEveryMs: integer(
      env,
      'DEADLINE_SCHEDULE_EVERY_MS',
      5 * 60 * 1000,
      100,
      24 * 60 * 60 * 1000,
    ),
    reminderWorkingDays: integer(env, 'REMINDER_WORKING_DAYS', 1, 0, 30),
    seedDemoData: seedDemoDataOf(env, production),
    logLevel,
    clockNow,
    masterKey: masterKeyOf(env, production),
    pseudonymKey,
    identity: identityConfig(env, production, `http://${host}:${port}`),
    session: sessionConfig(env, production),
  };
}

function sessionConfig(env: NodeJS.ProcessEnv, production: boolean): SessionConfig {
  const secret = env.SESSION_SECRET || (production ? undefined : DEV_SESSION_SECRET);
  if (secret !== undefined && secret.length < 32)
    throw new ConfigError('SESSION_SECRET must be at least 32 characters');
  const store = env.SESSION_STORE || (production ? 'redis' : 'memory');
  if (store !== 'memory' && store !== 'redis')
    throw new ConfigError(`SESSION_STORE must be 'memory' or 'redis', not '${store}'`);
  return {
    secret,
    store,
    idleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    secureCookie: production,
  };
}

function identityConfig(
  env: NodeJS.ProcessEnv,
  production: boolean,
  localUrl: string,
): IdentityConfig {
  const oidcIssuer = env.OIDC_ISSUER || undefined;
  if (production && !oidcIssuer)
    throw new ConfigError(
      'OIDC_ISSUER is required in production: the built-in development issuer and its people are public',
    );
  if (production && !env.PEOPLE_FILE)
    throw new ConfigError(
      'PEOPLE_FILE is required in production: the development people are public',
    );
  const publicUrl = (env.PUBLIC_URL || localUrl).replace(/\/+$/, '');
  for (const [name, value] of [
    ['OIDC_ISSUER', oidcIssuer],
    ['PUBLIC_URL', publicUrl],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^\s/]+/.test(value))
      throw new ConfigError(`${name} must be an http(s) URL, not '${value}'`);
  }
  return {
    oidcIssuer,
    oidcClientId: env.OIDC_CLIENT_ID || 'victim-journey',
    oidcClientSecret: env.OIDC_CLIENT_SECRET || undefined,
    oidcAudience: env.OIDC_AUDIENCE || 'victim-journey-api',
    peopleFile: absolute(env.PEOPLE_FILE ?? DEV_PEOPLE_FILE),
    agencyClientsFile: DEV_AGENCY_CLIENTS_FILE,
    publicUrl,
  };
}

/** MASTER_KEY: 32 bytes, base64; MASTER_KEY_PREVIOUS: the keys rotated out, comma-separated. */
function masterKeyOf(env: NodeJS.ProcessEnv, production: boolean): AppConfig['masterKey'] {
  if (!env.MASTER_KEY && production) {
    throw new ConfigError('MASTER_KEY is required in production: the development key is public');
  }
  const current = env.MASTER_KEY ? keyBytes('MASTER_KEY', env.MASTER_KEY) : DEV_MASTER_KEY;
  const previous = (env.MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k) => keyBytes('MASTER_KEY_PREVIOUS', k));
  return { current, previous };
}

function keyBytes(name: string, base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  // Never echo the value: it is a secret.
  if (key.length !== 32 || key.toString('base64') !== base64) {
    throw new ConfigError(`${name} must be 32 bytes in base64 (openssl rand -base64 32)`);
  }
  return key;
}

export function readAgenciesFile(path: string): unknown {
  return readJsonFile('AGENCIES_FILE', path);
}

/** A configuration file as JSON; `name` is the variable that points at it, for the message. */
export function readJsonFile(name: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(`${name} ${path} cannot be read as JSON (${(error as Error).message})`);
  }
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not '${raw}'`);
  }
  return value;
}

function seedDemoDataOf(env: NodeJS.ProcessEnv, production: boolean): AppConfig['seedDemoData'] {
  const raw = env.SEED_DEMO_DATA;
  if (raw === undefined || raw === '')
    return production || env.NODE_ENV === 'test' ? 'never' : 'if-empty';
  return flag(env, 'SEED_DEMO_DATA') ? 'always' : 'never';
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, not '${raw}'`);
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/** The schema of the production read models: beside the events, never in the same schema, so a rebuild can swap it. */
export function readModelSchemaOf(config: AppConfig): string {
  return `${config.postgresSchema}_read`;
}

/** The audit trail's schema in production: its own, so its grants can differ from the events'. */
export function auditSchemaOf(config: AppConfig): string {
  return `${config.postgresSchema}_audit`;
}
