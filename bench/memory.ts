/**
 * Peak memory of the API and the worker as the events grow: at each size, our API in production
 * mode (PostgreSQL) takes that many posts at 32 connections in a process of its own, then a
 * worker (apps/worker, as `npm run start:worker` runs it) is started on the same store and
 * projects all of it. Each process's peak resident memory is what the table shows: flat is the
 * aim, since both stream (the API holds nothing per victim, the projector a page at a time).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { AgencyDirectory } from '@vj/agencies';
import { Client } from 'pg';
import { JOURNEY_PROJECTION } from '@vj/read-models';
import { loadConfig, readModelSchemaOf } from '@vj/runtime';
import { measureIngest } from './ingest';
import { grouped, markdownTable, ratio } from './stats';
import { SCHEMA_PREFIX } from './stores';
import { buildWarmup, buildWorkload } from './workload';

export interface MemoryFigure {
  /** Asked for, then what was stored. */
  events: number;
  apiPeakRssMiB?: number;
  workerPeakRssMiB?: number;
  workerSeconds?: number;
  failed?: string;
}

/** A process's peak resident memory so far (Linux: VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kib === undefined ? NaN : Number(kib) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a worker on `env` until its read models (in `readSchema`) have `events`; resolves with its peak memory. */
async function workerPeak(
  env: NodeJS.ProcessEnv,
  events: number,
  pgUrl: string,
  readSchema: string,
): Promise<{ peakRssMiB: number; seconds: number }> {
  const started = Date.now();
  const worker = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, '..', 'apps', 'worker', 'src', 'main.ts')],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // Read directly, not through ReadModels: opening those would race the worker's migrations.
  const client = new Client({ connectionString: pgUrl });
  await client.connect();
  const checkpoint = () =>
    client
      .query<{ position: string }>(
        `SELECT position FROM "${readSchema}".checkpoints WHERE projection = $1`,
        [JOURNEY_PROJECTION],
      )
      .then((result) => (result.rows[0] ? BigInt(result.rows[0].position) : undefined))
      .catch(() => undefined);
  try {
    let peak = NaN;
    for (;;) {
      if (worker.exitCode !== null) throw new Error(`the worker stopped (exit ${worker.exitCode})`);
      peak = peakRssMiB(worker.pid as number);
      const position = await checkpoint();
      if (position !== undefined && position >= BigInt(events)) break;
      if (Date.now() - started > 600_000)
        throw new Error('the worker did not catch up in 10 minutes');
      await sleep(200);
    }
    return { peakRssMiB: peak, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    if (worker.exitCode === null) worker.kill('SIGTERM');
    await exited;
  }
}

export async function measureMemory(options: {
  sizes: number[];
  pgUrl: string;
  dir: string;
  seed: number;
  now: Date;
  agencies: AgencyDirectory;
  log: (line: string) => void;
}): Promise<MemoryFigure[]> {
  const { pgUrl, log } = options;
  const figures: MemoryFigure[] = [];
  const queuePrefix = `${SCHEMA_PREFIX}queue`;
  for (const size of options.sizes) {
    const figure: MemoryFigure = { events: size };
    figures.push(figure);
    const schema = `${SCHEMA_PREFIX}memory_${size}`;
    const env = {
      EVENT_STORE: 'postgres',
      DATA_DIR: mkdtempSync(join(options.dir, `memory-${size}-`)),
      POSTGRES_URL: pgUrl,
      POSTGRES_SCHEMA: schema,
      CLOCK_NOW: options.now.toISOString(),
      DEADLINE_CHECK_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      QUEUE_PREFIX: queuePrefix,
      WORKER_PORT: '0',
    };
    try {
      log(`memory: preparing ${size} events`);
      const workload = await buildWorkload(size, options.seed + 200, options.now, options.agencies);
      const warmup = await buildWarmup(workload, 400, options.seed + 200, options.agencies);
      const [api] = await measureIngest({
        targets: [
          {
            service: 'our API',
            store: 'PostgreSQL (production)',
            kind: 'api',
            env: () => Promise.resolve(env),
          },
        ],
        connections: [32],
        workload,
        warmup,
        log,
      });
      if (api?.failed) throw new Error(`the API's ingest failed: ${api.failed}`);
      figure.apiPeakRssMiB = api?.peakRssMiB;
      // What was stored (lanes are cut even), warm-up included: what the worker projects.
      figure.events = (api?.events ?? 0) + (api?.warmupEvents ?? 0);
      log(`memory: a worker projects ${api?.events ?? 0} events`);
      const worker = await workerPeak(
        env,
        figure.events,
        pgUrl,
        readModelSchemaOf(loadConfig(env)),
      );
      figure.workerPeakRssMiB = worker.peakRssMiB;
      figure.workerSeconds = worker.seconds;
    } catch (error) {
      figure.failed = error instanceof Error ? error.message : String(error);
      log(`  failed: ${figure.failed}`);
    }
  }
  await dropQueueKeys(queuePrefix).catch(() => undefined);
  return figures;
}

/** The worker's BullMQ keys of this run. */
async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*` }) as AsyncIterable<string[]>)
      if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export function memoryMarkdown(figures: MemoryFigure[]): string[] {
  const first = figures[0];
  const rows = figures.map((f) => [
    grouped(f.events),
    f.apiPeakRssMiB?.toFixed(0) ?? (f.failed ? `FAILED: ${f.failed}` : '-'),
    f.workerPeakRssMiB?.toFixed(0) ?? '-',
    f.workerSeconds === undefined ? '-' : `${f.workerSeconds.toFixed(0)} s`,
    f === first ? '' : ratio(f.apiPeakRssMiB, first?.apiPeakRssMiB),
    f === first ? '' : ratio(f.workerPeakRssMiB, first?.workerPeakRssMiB),
  ]);
  return [
    'Peak memory (resident, MiB) of the API taking the posts at 32 connections (PostgreSQL, production mode) and of a worker projecting them; flat as the events grow is the aim',
    '',
    markdownTable(
      [
        'events',
        'API peak MiB',
        'worker peak MiB',
        'worker start to caught up',
        'API growth',
        'worker growth',
      ],
      rows,
      new Set([0, 1, 2, 3, 4, 5]),
    ),
  ];
}
