/**
 * Peak memory of the API and the worker as the events grow: at each size, our API in production
 * mode (PostgreSQL) takes that many posts at 32 connections in a process of its own, then a
 * worker (apps/worker, as `npm run start:worker` runs it) is started on the same store and
 * projects all of it. Each process's peak resident memory is what the table shows: flat is the
 * aim, since both stream (the API holds nothing per victim, the projector a page at a time).
 * A peak alone cannot tell memory held per event from V8 letting its heap grow before it collects
 * (which levels off), so each process's resident memory is also sampled over its life and the
 * peak of each quarter shown: a plateau in the later quarters is the heap's sizing, a climb to
 * the end is memory held.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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
  /** The API's resident memory, the peak of each quarter of its life (start to stop). */
  apiRssQuartersMiB?: number[];
  workerPeakRssMiB?: number;
  /** The worker's resident memory, the peak of each quarter of its life (start to caught up). */
  workerRssQuartersMiB?: number[];
  workerSeconds?: number;
  failed?: string;
}

/** A process's resident memory (Linux: `VmRSS`) or its peak so far (`VmHWM`), in MiB. */
function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kib === undefined ? NaN : Number(kib) / 1024;
  } catch {
    return NaN; // gone
  }
}

/** Resident memory sampled over a process's life; `quarters()` is the peak of each quarter. */
class RssTrace {
  private readonly samples: { at: number; mib: number }[] = [];

  add(pid: number): void {
    const mib = rssMiB(pid, 'VmRSS');
    if (!Number.isNaN(mib)) this.samples.push({ at: Date.now(), mib });
  }

  quarters(): number[] | undefined {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || this.samples.length < 8) return undefined;
    const span = last.at - first.at || 1;
    const peaks = [0, 0, 0, 0];
    for (const { at, mib } of this.samples) {
      const quarter = Math.min(3, Math.floor(((at - first.at) / span) * 4));
      peaks[quarter] = Math.max(peaks[quarter] as number, mib);
    }
    return peaks;
  }
}

/**
 * Samples the resident memory of this process's child running bench/serve.ts (the API the
 * ingest forks; one at a time here) every 200 ms until stopped.
 */
function traceServedChild(): { trace: RssTrace; stop: () => void } {
  const trace = new RssTrace();
  let pid: number | undefined;
  const find = (): number | undefined => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // The parent's pid is the second field after the command name in parentheses.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('serve.ts'))
          return Number(entry);
      } catch {
        // gone meanwhile
      }
    }
    return undefined;
  };
  const timer = setInterval(() => {
    pid ??= find();
    if (pid !== undefined) trace.add(pid);
  }, 200);
  return { trace, stop: () => clearInterval(timer) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a worker on `env` until its read models (in `readSchema`) have `events`; resolves with its peak memory. */
async function workerPeak(
  env: NodeJS.ProcessEnv,
  events: number,
  pgUrl: string,
  readSchema: string,
): Promise<{ peakRssMiB: number; rssQuartersMiB?: number[]; seconds: number }> {
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
    const trace = new RssTrace();
    for (;;) {
      if (worker.exitCode !== null) throw new Error(`the worker stopped (exit ${worker.exitCode})`);
      peak = rssMiB(worker.pid as number, 'VmHWM');
      trace.add(worker.pid as number);
      const position = await checkpoint();
      if (position !== undefined && position >= BigInt(events)) break;
      if (Date.now() - started > 600_000)
        throw new Error('the worker did not catch up in 10 minutes');
      await sleep(200);
    }
    const rssQuartersMiB = trace.quarters();
    return {
      peakRssMiB: peak,
      ...(rssQuartersMiB ? { rssQuartersMiB } : {}),
      seconds: (Date.now() - started) / 1000,
    };
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
      const served = traceServedChild();
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
      }).finally(served.stop);
      if (api?.failed) throw new Error(`the API's ingest failed: ${api.failed}`);
      figure.apiPeakRssMiB = api?.peakRssMiB;
      figure.apiRssQuartersMiB = served.trace.quarters();
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
      figure.workerRssQuartersMiB = worker.rssQuartersMiB;
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
  const quarters = (q: number[] | undefined) => q?.map((mib) => mib.toFixed(0)).join(' / ') ?? '-';
  const rows = figures.map((f) => [
    grouped(f.events),
    f.apiPeakRssMiB?.toFixed(0) ?? (f.failed ? `FAILED: ${f.failed}` : '-'),
    f.workerPeakRssMiB?.toFixed(0) ?? '-',
    f.workerSeconds === undefined ? '-' : `${f.workerSeconds.toFixed(0)} s`,
    f === first ? '' : ratio(f.apiPeakRssMiB, first?.apiPeakRssMiB),
    f === first ? '' : ratio(f.workerPeakRssMiB, first?.workerPeakRssMiB),
    quarters(f.apiRssQuartersMiB),
    quarters(f.workerRssQuartersMiB),
  ]);
  return [
    "Peak memory (resident, MiB) of the API taking the posts at 32 connections (PostgreSQL, production mode) and of a worker projecting them; flat as the events grow is the aim. By quarter: the peak resident memory in each quarter of the process's life (sampled from /proc every 200 ms); level in the later quarters is V8 sizing its heap, a climb to the end is memory held",
    '',
    markdownTable(
      [
        'events',
        'API peak MiB',
        'worker peak MiB',
        'worker start to caught up',
        'API growth',
        'worker growth',
        'API by quarter MiB',
        'worker by quarter MiB',
      ],
      rows,
      new Set([0, 1, 2, 3, 4, 5]),
    ),
  ];
}
