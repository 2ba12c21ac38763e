import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export type EventStoreKind = 'sqlite' | 'eventstoredb';

/** Configuration, read once from the environment at start and validated: a bad value stops the service. */
export interface AppConfig {
  host: string;
  port: number;
  eventStore: EventStoreKind;
  /** Where the embedded stores keep their files. */
  dataDir: string;
  eventStoreConnectionString: string | undefined;
  /** The agency directory: ids, kinds, areas and SHA-256 hashes of their API keys. */
  agenciesFile: string;
  maxBodyBytes: number;
  /** How often the embedded runtime applies new events and checks for ended deadlines; 0: never (tests). */
  deadlineCheckIntervalMs: number;
  /** Load the demo dataset at start (SEED_DEMO_DATA=true), through the ingestion use cases. */
  seedDemoData: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(`configuration: ${message}`);
    this.name = 'ConfigError';
  }
}

const PROJECT_ROOT = resolve(__dirname, '../../..').replace(/[/\\]dist$/, '');
const DEV_AGENCIES_FILE = join(PROJECT_ROOT, 'config', 'agencies.dev.json');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const requested = env.EVENT_STORE ?? 'sqlite';
  if (requested !== 'sqlite' && requested !== 'eventstoredb') {
    throw new ConfigError(`EVENT_STORE must be 'sqlite' or 'eventstoredb', not '${requested}'`);
  }
  const eventStore: EventStoreKind = requested;
  if (eventStore === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  }
  const production = env.NODE_ENV === 'production';
  if (production && !env.AGENCIES_FILE) {
    throw new ConfigError(
      'AGENCIES_FILE is required in production: the development keys are public',
    );
  }
  const agenciesFile = env.AGENCIES_FILE ?? DEV_AGENCIES_FILE;
  return {
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    eventStore,
    dataDir: absolute(env.DATA_DIR ?? 'data'),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING,
    agenciesFile: absolute(agenciesFile),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
    seedDemoData: flag(env, 'SEED_DEMO_DATA'),
    deadlineCheckIntervalMs: integer(
      env,
      'DEADLINE_CHECK_INTERVAL_MS',
      60_000,
      0,
      24 * 60 * 60 * 1000,
    ),
  };
}

export function readAgenciesFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new ConfigError(
      `AGENCIES_FILE ${path} cannot be read as JSON (${(error as Error).message})`,
    );
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

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, not '${raw}'`);
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
