/**
 * HTTP ingest: the same valid, distinct posts (each event id once, every crime report before the
 * events of its victim) sent by autocannon at 1, 8, 32 and 128 connections to each service under
 * test, each in a process of its own (bench/serve.ts) started fresh for every row, so that every
 * row begins on an empty store and its peak memory is its own. Our API's rows are run again
 * posting batches (`{ events: [...] }`, bench/workload.ts batchedLanes): the same events, fewer
 * requests.
 *
 * Autocannon builds a connection's first request before it connects, into one buffer that all
 * connections share; so each connection's first request is the same `GET /health`, and its lane
 * of posts follows. Those requests are left out of the events counted.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { AgencyDirectory } from '@vj/agencies';
import type { EventStore } from '@vj/event-store';
import { PostgresEventStore } from '@vj/event-store/postgres';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { readAgenciesFile } from '@vj/runtime';
import type { ServedKind, ServeMessage } from './serve';
import { grouped, markdownTable, ratio, verdict } from './stats';
import {
  appendOurs,
  createSchema,
  dropBenchSchemas,
  SCHEMA_PREFIX,
  withSearchPath,
} from './stores';
import {
  AGENCIES_FILE,
  appendLanes,
  batchedLanes,
  buildWarmup,
  buildWorkload,
  type Post,
  type Workload,
} from './workload';

export interface IngestTarget {
  /** What the row is: 'our API', 'Express + Emmett (peer)', 'NestJS on Fastify, bare route'... */
  service: string;
  /** The event store it appends to ('-' for a bare route). */
  store: string;
  kind: ServedKind;
  /** Its environment for one row: a fresh data directory or schema each time. */
  env: (row: string) => Promise<NodeJS.ProcessEnv>;
}

export interface IngestFigure {
  service: string;
  store: string;
  connections: number;
  /** The most events a post carries: 1 posts one event per request, more posts batches. */
  batch: number;
  /** Events stored (by the posts answered 201), the health requests left out. */
  events?: number;
  /** Posts answered 201 (as many as the events when one event per post). */
  posts?: number;
  /** Events stored by the warm-up before them. */
  warmupEvents?: number;
  seconds?: number;
  eventsPerSecond?: number;
  postsPerSecond?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** The service's peak resident memory over the row (warm-up included). */
  peakRssMiB?: number;
  /** The service process's CPU time (user and system, every thread) per event stored. */
  cpuMsPerEvent?: number;
  failed?: string;
}

interface PreparedPost {
  path: string;
  authorization: string;
  body: string;
  /** The events it holds. */
  events: number;
}

/**
 * The lanes' requests: one event each, or with `batch` above 1 each victim's events after its
 * crime report as `{ events: [...] }` batches of up to `batch` (bench/workload.ts batchedLanes).
 */
function preparedLanes(workload: Workload, connections: number, batch = 1): PreparedPost[][] {
  return batchedLanes(workload, connections, batch).map((lane) =>
    lane.map(({ victimId, posts }) => {
      const [first] = posts as [Post, ...Post[]];
      return {
        path: first.opens ? '/v1/victims' : `/v1/victims/${victimId}/events`,
        authorization: `Bearer dev-${first.agencyId}`,
        body: JSON.stringify(
          batch > 1 && !first.opens ? { events: posts.map((p) => p.body) } : first.body,
        ),
        events: posts.length,
      };
    }),
  );
}

/** One autocannon run: every lane's posts on a connection of its own. */
async function post(
  port: number,
  lanes: PreparedPost[][],
): Promise<Required<Pick<IngestFigure, 'events' | 'posts' | 'seconds' | 'p50Ms' | 'p99Ms'>>> {
  const perLane = lanes[0]?.length ?? 0;
  if (perLane === 0) throw new Error('too few events for this many connections');
  let nextLane = 0;
  let refused: string | undefined;
  let stored = { events: 0, posts: 0 };
  const posts = Array.from({ length: perLane }, () => ({
    method: 'POST',
    setupRequest: (request: autocannon.Request, context: Record<string, unknown>) => {
      if (context.lane === undefined) {
        context.lane = nextLane++;
        context.next = 0;
      }
      const index = context.next as number;
      context.next = index + 1;
      const p = lanes[context.lane as number]?.[index] as PreparedPost;
      return {
        ...request,
        path: p.path,
        body: p.body,
        headers: { authorization: p.authorization, 'content-type': 'application/json' },
      };
    },
    onResponse: (status: number, body: string, context: Record<string, unknown>) => {
      lastAnswer = process.hrtime.bigint();
      if (status !== 201) {
        refused ??= `${status}: ${body.slice(0, 300)}`;
        return;
      }
      // Answered before the connection's next request is set up: `next` is one past this post.
      const answered = lanes[context.lane as number]?.[(context.next as number) - 1];
      stored = { events: stored.events + (answered?.events ?? 0), posts: stored.posts + 1 };
    },
  }));
  // Timed here: autocannon notices that it is done at its next one-second tick only.
  const start = process.hrtime.bigint();
  let lastAnswer = start;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: lanes.length,
    pipelining: 1,
    timeout: 30,
    amount: (perLane + 1) * lanes.length,
    requests: [{ method: 'GET', path: '/health' }, ...posts],
  });
  if (refused !== undefined) throw new Error(`a post was answered ${refused}`);
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} answers not 2xx`,
    );
  }
  return {
    ...stored,
    seconds: Number(lastAnswer - start) / 1e9,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/** Starts a service (bench/serve.ts) in a child process; resolves with its port and a stopper. */
async function serve(
  kind: ServedKind,
  env: NodeJS.ProcessEnv,
): Promise<{ port: number; mark: () => Promise<number>; stop: () => Promise<number> }> {
  const child = fork(join(__dirname, 'serve.ts'), [kind], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, ...env },
    // Its log on the benchmark's stderr: stdout is the tables.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const next = () =>
    new Promise<ServeMessage>((resolve, reject) => {
      const exit = (code: number | null) =>
        reject(new Error(`bench/serve.ts ${kind} stopped (exit ${code ?? 'signal'})`));
      child.once('exit', exit);
      child.once('message', (message: ServeMessage) => {
        child.off('exit', exit);
        resolve(message);
      });
    });
  const first = await next();
  if ('error' in first) throw new Error(first.error);
  if (!('port' in first)) throw new Error(`bench/serve.ts ${kind} did not say its port`);
  return {
    port: first.port,
    mark: async () => {
      const said = next();
      child.send('mark');
      const answer = await said;
      if (!('cpuMs' in answer)) throw new Error(`bench/serve.ts ${kind} did not say its CPU time`);
      return answer.cpuMs;
    },
    stop: async () => {
      const last = next();
      child.send('stop');
      const said = await last.catch(() => undefined);
      return said && 'maxRssKiB' in said ? said.maxRssKiB / 1024 : NaN;
    },
  };
}

/** How a row is named in the logs and in `bench/ingest.ts`'s table. */
export function rowName(f: Pick<IngestFigure, 'service' | 'store' | 'batch'>): string {
  return `${f.service}, ${f.store}${f.batch > 1 ? `, batches of ${f.batch}` : ''}`;
}

export async function measureIngest(options: {
  targets: IngestTarget[];
  connections: number[];
  workload: Workload;
  warmup: Workload;
  /** Events per post at most: 1 (one event a post) unless given. */
  batch?: number;
  log: (line: string) => void;
}): Promise<IngestFigure[]> {
  const batch = Math.max(options.batch ?? 1, 1);
  const figures: IngestFigure[] = [];
  for (const target of options.targets) {
    for (const connections of options.connections) {
      const figure: IngestFigure = {
        service: target.service,
        store: target.store,
        connections,
        batch,
      };
      figures.push(figure);
      options.log(`${rowName(figure)}, ${connections} connections: running`);
      try {
        const served = await serve(
          target.kind,
          await target.env(
            `${target.kind.replace(/-/g, '_')}_c${connections}${batch > 1 ? `_b${batch}` : ''}`,
          ),
        );
        try {
          const warm = await post(
            served.port,
            preparedLanes(options.warmup, Math.min(connections, 8), batch),
          );
          figure.warmupEvents = warm.events;
          const lanes = preparedLanes(options.workload, connections, batch);
          await served.mark();
          Object.assign(figure, await post(served.port, lanes));
          figure.cpuMsPerEvent = (await served.mark()) / (figure.events ?? 1);
          figure.eventsPerSecond = (figure.events ?? 0) / (figure.seconds ?? 1);
          figure.postsPerSecond = (figure.posts ?? 0) / (figure.seconds ?? 1);
        } finally {
          figure.peakRssMiB = await served.stop();
        }
        options.log(
          `  ${figure.events} events in ${figure.posts} posts in ${figure.seconds?.toFixed(2)} s: ${Math.round(figure.eventsPerSecond ?? 0)} events/s, ${Math.round(figure.postsPerSecond ?? 0)} posts/s, p99 ${figure.p99Ms} ms, ${figure.cpuMsPerEvent?.toFixed(2)} ms CPU/event`,
        );
      } catch (error) {
        figure.failed = error instanceof Error ? error.message : String(error);
        options.log(`  failed: ${figure.failed}`);
      }
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// The part as `npm run bench` runs it: our API on each store, the peer, the bare routes, and
// the store-only append rate at the same concurrency.

/** At 32 connections, our API should store this many events a second. */
const API_AIM_AT_32 = 3_000;
/** Over HTTP, at least this share of what the store alone appends at the same concurrency. */
const SHARE_OF_STORE_ONLY = 0.5;

export interface StoreOnlyFigure {
  store: string;
  connections: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface IngestSection {
  events: number;
  victims: number;
  figures: IngestFigure[];
  /** Our API's rows posting batches (none when the batch is 1). */
  batched: IngestFigure[];
  storeOnly: StoreOnlyFigure[];
  burst: BurstFigure;
}

const OUR_API = 'our API';

/** Our API's rate aim, stated for its rows at 32 connections. */
function apiRateAim(f: IngestFigure): string | undefined {
  if (f.service !== OUR_API || f.connections !== 32) return undefined;
  return `>= ${grouped(API_AIM_AT_32)}/s ${verdict(f.eventsPerSecond, API_AIM_AT_32, true)}`;
}
const PEER = 'Express + Emmett (peer)';
const SQLITE = 'SQLite (embedded)';
const POSTGRES = 'PostgreSQL (production)';

/**
 * The services of the part: our API on each store, the peer, the bare routes. Each row's
 * PostgreSQL schemas start with `schemaPrefix` (the run's own).
 */
export function ingestTargets(
  pgUrl: string,
  dir: string,
  now: Date,
  schemaPrefix = SCHEMA_PREFIX,
): IngestTarget[] {
  const api = {
    CLOCK_NOW: now.toISOString(),
    DEADLINE_CHECK_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
    SEED_DEMO_DATA: 'false',
    // Ingest is measured, not the per-credential limit (1,200 a minute by default).
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  return [
    {
      service: OUR_API,
      store: SQLITE,
      kind: 'api',
      env: (row) =>
        Promise.resolve({ ...api, EVENT_STORE: 'sqlite', DATA_DIR: mkdtempSync(join(dir, row)) }),
    },
    {
      service: OUR_API,
      store: POSTGRES,
      kind: 'api',
      env: (row) =>
        Promise.resolve({
          ...api,
          EVENT_STORE: 'postgres',
          DATA_DIR: mkdtempSync(join(dir, row)),
          POSTGRES_URL: pgUrl,
          POSTGRES_SCHEMA: `${schemaPrefix}${row}`,
        }),
    },
    {
      service: PEER,
      store: 'PostgreSQL (Emmett 0.42)',
      kind: 'express-emmett',
      env: async (row) => {
        // One Emmett schema at a time: its migrations find their functions anywhere in the database.
        await dropBenchSchemas(pgUrl, `${schemaPrefix}emmett_`);
        const schema = `${schemaPrefix}emmett_${row}`;
        await createSchema(pgUrl, schema);
        return { PEER_POSTGRES_URL: withSearchPath(pgUrl, schema) };
      },
    },
    {
      service: 'NestJS on Express, bare route',
      store: '-',
      kind: 'nest-express',
      env: () => Promise.resolve({}),
    },
    {
      service: 'NestJS on Fastify, bare route',
      store: '-',
      kind: 'nest-fastify',
      env: () => Promise.resolve({}),
    },
  ];
}

export async function ingestSection(options: {
  pgUrl: string;
  dir: string;
  connections: number[];
  ingestEvents: number;
  /** Our API's rows again posting batches of up to this many events (none when 0 or 1). */
  batch: number;
  seed: number;
  now: Date;
  agencies: AgencyDirectory;
  log: (line: string) => void;
}): Promise<IngestSection> {
  const { pgUrl, dir, log } = options;
  log(`HTTP ingest: preparing ${options.ingestEvents} events through the ingestion use case`);
  const workload = await buildWorkload(
    options.ingestEvents,
    options.seed + 100,
    options.now,
    options.agencies,
  );
  const warmup = await buildWarmup(workload, 400, options.seed + 100, options.agencies);
  const targets = ingestTargets(pgUrl, dir, options.now);
  const figures = await measureIngest({
    targets,
    connections: options.connections,
    workload,
    warmup,
    log,
  });
  const batched =
    options.batch > 1
      ? await measureIngest({
          targets: [POSTGRES, SQLITE].map(
            (store) =>
              targets.find((t) => t.service === OUR_API && t.store === store) as IngestTarget,
          ),
          connections: options.connections,
          workload,
          warmup,
          batch: options.batch,
          log,
        })
      : [];

  const burst = await measureBurst({
    workload,
    warmup,
    burst: 1_000,
    env: await (targets[1] as IngestTarget).env('burst'),
    log,
  });

  const storeOnly: StoreOnlyFigure[] = [];
  for (const connections of options.connections) {
    const lanes = appendLanes(workload, connections, 1);
    const warm = appendLanes(warmup, connections, 1);
    const stores: [string, () => Promise<EventStore>][] = [
      [
        SQLITE,
        () => Promise.resolve(new SqliteEventStore(join(dir, `store-c${connections}.sqlite`))),
      ],
      [
        POSTGRES,
        () =>
          PostgresEventStore.open({
            connectionString: pgUrl,
            schema: `${SCHEMA_PREFIX}store_only_c${connections}`,
          }),
      ],
    ];
    for (const [store, open] of stores) {
      log(`store-only append, ${store}, ${connections} appenders: running`);
      const events = await open();
      try {
        await appendOurs(events, warm);
        const measured = await appendOurs(events, lanes);
        storeOnly.push({
          store,
          connections,
          ...measured,
          eventsPerSecond: measured.events / measured.seconds,
        });
      } finally {
        await events.close();
      }
    }
  }
  return {
    events: workload.eventCount,
    victims: workload.streams.length,
    figures,
    batched,
    storeOnly,
    burst,
  };
}

/** The part's table in Markdown, and its aims one line each. */
export function ingestMarkdown(section: IngestSection): string[] {
  const rate = (f: { eventsPerSecond?: number } | undefined) => f?.eventsPerSecond;
  const find = (service: string, store: string | undefined, connections: number) =>
    section.figures.find(
      (f) =>
        f.service === service &&
        (store === undefined || f.store === store) &&
        f.connections === connections,
    );
  const storeOnlyOf = (store: string, connections: number) =>
    section.storeOnly.find((s) => s.store === store && s.connections === connections);
  const rows = section.figures.map((f) => {
    const ours = f.service === OUR_API;
    const storeAlone = ours ? storeOnlyOf(f.store, f.connections) : undefined;
    const peer = ours && f.store === POSTGRES ? find(PEER, undefined, f.connections) : undefined;
    const aims: string[] = [];
    const rateAim = apiRateAim(f);
    if (rateAim) aims.push(rateAim);
    if (storeAlone)
      aims.push(
        `>= ${SHARE_OF_STORE_ONLY}x store-only ${verdict(rate(f), SHARE_OF_STORE_ONLY * storeAlone.eventsPerSecond, true)}`,
      );
    return [
      f.service,
      f.store,
      String(f.connections),
      f.failed ? `FAILED: ${f.failed}` : grouped(f.events ?? NaN),
      grouped(rate(f) ?? NaN),
      f.p50Ms?.toFixed(1) ?? '-',
      f.p99Ms?.toFixed(1) ?? '-',
      f.peakRssMiB?.toFixed(0) ?? '-',
      storeAlone
        ? `${grouped(storeAlone.eventsPerSecond)} (${ratio(rate(f), storeAlone.eventsPerSecond)})`
        : '',
      peer ? ratio(rate(f), rate(peer)) : '',
      aims.join('; '),
    ];
  });
  const lines = [
    `HTTP ingest (autocannon; ${grouped(section.events)} demo-dataset events of ${grouped(section.victims)} victims per row, lanes cut even, each row on a fresh store and a fresh process)`,
    '',
    markdownTable(
      [
        'service',
        'store',
        'connections',
        'events',
        'events/s',
        'p50 ms',
        'p99 ms',
        'peak RSS MiB',
        'store-only events/s (HTTP/store)',
        'ours/peer',
        'aims',
      ],
      rows,
      new Set([2, 3, 4, 5, 6, 7, 9]),
    ),
  ];
  const fastify = (c: number) => rate(find('NestJS on Fastify, bare route', undefined, c));
  const express = (c: number) => rate(find('NestJS on Express, bare route', undefined, c));
  const ceiling = [...new Set(section.figures.map((f) => f.connections))]
    .map((c) => `${c}: ${ratio(fastify(c), express(c))}`)
    .join(', ');
  lines.push('', `Framework ceiling, Fastify / Express (bare route) by connections: ${ceiling}`);
  if (section.batched.length > 0) lines.push('', ...batchedMarkdown(section.batched));
  lines.push('', burstMarkdown(section.burst));
  return lines;
}

/** Our API posting batches: the same events as its rows above, fewer requests. */
function batchedMarkdown(figures: IngestFigure[]): string[] {
  const rows = figures.map((f) => [
    rowName(f),
    String(f.connections),
    f.failed ? `FAILED: ${f.failed}` : grouped(f.events ?? NaN),
    grouped(f.posts ?? NaN),
    grouped(f.eventsPerSecond ?? NaN),
    grouped(f.postsPerSecond ?? NaN),
    f.p50Ms?.toFixed(1) ?? '-',
    f.p99Ms?.toFixed(1) ?? '-',
    f.peakRssMiB?.toFixed(0) ?? '-',
    apiRateAim(f) ?? '',
  ]);
  return [
    "Batched posts (our API; each victim's events after its crime report posted as `{ events: [...] }`, a run of one agency's consecutive events of the victim per post)",
    '',
    markdownTable(
      [
        'row',
        'connections',
        'events',
        'posts',
        'events/s',
        'posts/s',
        'p50 ms',
        'p99 ms',
        'peak RSS MiB',
        'aims',
      ],
      rows,
      new Set([1, 2, 3, 4, 5, 6, 7, 8]),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// A burst on one long stream: does everyone else wait behind it?

/** Other requests' p99 while one stream takes a burst. */
const OTHERS_P99_AIM_MS = 50;

export interface BurstFigure {
  /** Events the one stream holds at the end. */
  streamLength: number;
  burstEventsPerSecond?: number;
  /** The other posts, at 8 connections, at the same time. */
  othersEvents?: number;
  othersP50Ms?: number;
  othersP99Ms?: number;
  failed?: string;
}

/**
 * Our API (PostgreSQL, production mode): one victim's stream is opened, then takes `burst` more
 * events on one connection (copies of one of its posts, each with an event id of its own) while
 * the other victims' posts go on at 8 connections; their p99 is the figure.
 */
export async function measureBurst(options: {
  workload: Workload;
  warmup: Workload;
  burst: number;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}): Promise<BurstFigure> {
  const { workload } = options;
  const long = workload.streams.findIndex((plan) => plan.posts.length >= 2);
  const plan = workload.streams[long];
  const figure: BurstFigure = { streamLength: (plan?.posts.length ?? 0) + options.burst };
  options.log(`burst: one stream takes ${options.burst} events while the others post`);
  try {
    if (!plan) throw new Error('no stream of two events or more in the workload');
    const own = preparedLanes(
      {
        ...workload,
        order: workload.order.filter((o) => o.stream === long),
        eventCount: plan.posts.length,
      },
      1,
    );
    const template = own[0]?.[own[0].length - 1] as PreparedPost;
    const body = JSON.parse(template.body) as { eventId: string };
    const burst = Array.from({ length: options.burst }, (_, k) => ({
      ...template,
      body: JSON.stringify({ ...body, eventId: `${body.eventId}-burst-${k}` }),
    }));
    const rest = workload.order.filter((o) => o.stream !== long);
    const others = preparedLanes({ ...workload, order: rest, eventCount: rest.length }, 8);
    const served = await serve('api', options.env);
    try {
      await post(served.port, preparedLanes(options.warmup, 8));
      await post(served.port, own);
      const [burstResult, othersResult] = await Promise.all([
        post(served.port, [burst]),
        post(served.port, others),
      ]);
      figure.burstEventsPerSecond = burstResult.events / burstResult.seconds;
      figure.othersEvents = othersResult.events;
      figure.othersP50Ms = othersResult.p50Ms;
      figure.othersP99Ms = othersResult.p99Ms;
    } finally {
      await served.stop();
    }
  } catch (error) {
    figure.failed = error instanceof Error ? error.message : String(error);
    options.log(`  failed: ${figure.failed}`);
  }
  return figure;
}

export function burstMarkdown(figure: BurstFigure): string {
  if (figure.failed) return `Burst on one stream: FAILED: ${figure.failed}`;
  return (
    `Burst on one stream (our API, PostgreSQL): one victim's stream grows to ${grouped(figure.streamLength)} events ` +
    `at ${grouped(figure.burstEventsPerSecond ?? NaN)} events/s on one connection while ${grouped(figure.othersEvents ?? NaN)} other posts go on at 8 connections: ` +
    `their p50 ${figure.othersP50Ms?.toFixed(1)} ms, p99 ${figure.othersP99Ms?.toFixed(1)} ms; ` +
    `p99 < ${OTHERS_P99_AIM_MS} ms ${verdict(figure.othersP99Ms, OTHERS_P99_AIM_MS, false)}`
  );
}

// ---------------------------------------------------------------------------------------------
// One service's rows alone, to profile or compare a change (docs/benchmarks.md, "What a post
// costs"): `node -r @swc-node/register bench/ingest.ts --services api-postgres --connections 32`;
// with `--batch 10`, our API's rows posting batches of up to 10 events in place of one a post.

const SERVICES = ['api-sqlite', 'api-postgres', 'express-emmett', 'nest-express', 'nest-fastify'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      // Of SERVICES, comma-separated, in the order of ingestTargets.
      services: { type: 'string', default: 'api-postgres' },
      connections: { type: 'string', default: '32' },
      'ingest-events': { type: 'string', default: '5000' },
      'warmup-events': { type: 'string', default: '400' },
      // Each service's rows this many times, the services taking turns.
      repeat: { type: 'string', default: '1' },
      // Events per post at most (our API only): 1 posts one event per request.
      batch: { type: 'string', default: '1' },
      seed: { type: 'string', default: '2026' },
      postgres: {
        type: 'string',
        default: process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
      },
      // Every schema the rows make starts with it; they are dropped at the end.
      'schema-prefix': { type: 'string', default: SCHEMA_PREFIX },
      // A directory for a CPU profile of each row's measured posts (the warm-up left out).
      'cpu-prof': { type: 'string' },
    },
  });
  const count = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} takes a whole number, not ${value}`);
    return n;
  };
  const wanted = values.services.split(',');
  const unknown = wanted.find((s) => !SERVICES.includes(s));
  if (unknown) throw new Error(`--services takes ${SERVICES.join(', ')}, not '${unknown}'`);
  const batch = count('--batch', values.batch);
  const notBatching = wanted.find((s) => batch > 1 && !s.startsWith('api-'));
  if (notBatching) throw new Error(`--batch above 1 is for our API only, not '${notBatching}'`);
  const prefix = values['schema-prefix'];
  if (!/^[a-z_][a-z0-9_]*_$/.test(prefix))
    throw new Error('--schema-prefix takes lower-case letters, digits and _, ending in _');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const now = new Date();
  const agencies = AgencyDirectory.fromConfig(readAgenciesFile(AGENCIES_FILE));
  const seed = count('--seed', values.seed);
  const workload = await buildWorkload(
    count('--ingest-events', values['ingest-events']),
    seed + 100,
    now,
    agencies,
  );
  const warmup = await buildWarmup(
    workload,
    count('--warmup-events', values['warmup-events']),
    seed + 100,
    agencies,
  );
  const dir = mkdtempSync(join(tmpdir(), 'vj-ingest-'));
  const profiles = values['cpu-prof'];
  if (profiles) mkdirSync(profiles, { recursive: true });
  const all = ingestTargets(values.postgres, dir, now, prefix);
  let run = 0;
  const targets = wanted.map((name): IngestTarget => {
    const target = all[SERVICES.indexOf(name)] as IngestTarget;
    return {
      ...target,
      // A row of its own each time, so that a repeat starts on an empty store too.
      env: async (row) => {
        const name = `${row}_${++run}`;
        return {
          ...(await target.env(name)),
          ...(profiles ? { BENCH_CPU_PROFILE: join(profiles, `${name}.cpuprofile`) } : {}),
        };
      },
    };
  });
  const figures: IngestFigure[] = [];
  try {
    for (let i = 0; i < count('--repeat', values.repeat); i++) {
      for (const target of targets) {
        figures.push(
          ...(await measureIngest({
            targets: [target],
            connections: values.connections.split(',').map((c) => count('--connections', c)),
            workload,
            warmup,
            batch,
            log,
          })),
        );
      }
    }
  } finally {
    await dropBenchSchemas(values.postgres, prefix);
    // The rows' data directories (SQLite files of tens of MB each).
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = figures.map((f) => [
    rowName(f),
    String(f.connections),
    f.failed ? `FAILED: ${f.failed}` : grouped(f.events ?? NaN),
    grouped(f.eventsPerSecond ?? NaN),
    grouped(f.postsPerSecond ?? NaN),
    f.p50Ms?.toFixed(1) ?? '-',
    f.p99Ms?.toFixed(1) ?? '-',
    f.cpuMsPerEvent?.toFixed(2) ?? '-',
    apiRateAim(f) ?? '',
  ]);
  const header = ['service', 'connections', 'events', 'events/s', 'posts/s', 'p50 ms', 'p99 ms'];
  process.stdout.write(
    `${markdownTable([...header, 'CPU ms/event', 'aim'], rows, new Set([1, 2, 3, 4, 5, 6, 7]))}\n`,
  );
  if (figures.some((f) => f.failed)) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  });
}
