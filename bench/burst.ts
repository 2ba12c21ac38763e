/**
 * The long-stream burst probe (issue 12): `node -r @swc-node/register bench/burst.ts
 * [--root DIR] [--history 2000] [--burst 50]`.
 *
 * Starts the API of the checkout at `--root` (this one by default) as a process on the embedded
 * store in a new data directory, gives one victim a long stream (`--history` events, posted 100 at
 * a time), then sends `--burst` posts of one event to that victim at once. While they run, one
 * client reads /health and another reads a second victim (another force's), each again as soon as
 * answered. Prints the latencies (p50, p99, max) of each and how long the burst took; then the
 * latency of the long stream's own read after the burst (read your writes). Run it against two
 * checkouts in one sitting to compare them: the figures are this machine's, at this moment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: join(__dirname, '..') },
    history: { type: 'string', default: '2000' },
    burst: { type: 'string', default: '50' },
  },
});
const ROOT = resolve(values.root);
const HISTORY = Number(values.history);
const BURST = Number(values.burst);
const PER_POST = 100;
const WEST = 'dev-police-west-yorkshire';
const GREATER = 'dev-police-greater-manchester';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

const crimeReported = (crimeReference: string) => ({
  eventId: 'crime-report-1',
  type: 'crime-reported',
  schemaVersion: 1,
  occurredAt: '2026-03-02T10:15:00Z',
  crimeReference,
  data: {
    victimNumber: 1,
    offenceCategory: 'burglary',
    victimDateOfBirth: '1988-07-14',
    enhancedRights: {
      vulnerable: false,
      intimidated: false,
      persistentlyTargeted: false,
      mostSeriousCrime: false,
      bereaved: false,
    },
  },
});
const interview = (n: number) => ({
  eventId: `interview-${n}`,
  type: 'suspect-interviewed-under-caution',
  schemaVersion: 1,
  occurredAt: '2026-03-09T09:00:00Z',
  crimeReference: '13/123456/26',
  data: { suspectNumber: 1 },
});

const print = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const summary = (name: string, ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(0)} ms`;
  return `| ${name} | ${ms.length} | ${f(percentile(sorted, 0.5))} | ${f(percentile(sorted, 0.99))} | ${f(sorted[sorted.length - 1] ?? NaN)} |`;
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-burst-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      CLOCK_NOW: '2026-03-10T12:00:00Z',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        if (i > 600) throw new Error('the API did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const call = async (key: string, path: string, body?: unknown) => {
      const started = performance.now();
      const res = await fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const answer = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${path} answered ${res.status}`);
      return { answer, ms: performance.now() - started };
    };

    const long = (await call(WEST, '/v1/victims', crimeReported('13/123456/26'))).answer
      .victimId as string;
    for (let n = 0; n < HISTORY; n += PER_POST) {
      const events = Array.from({ length: Math.min(PER_POST, HISTORY - n) }, (_, i) =>
        interview(n + i),
      );
      await call(WEST, `/v1/victims/${long}/events`, { events });
    }
    const other = (await call(GREATER, '/v1/victims', crimeReported('GMP/2026/000042'))).answer
      .victimId as string;
    // Both projected before the burst starts.
    await call(WEST, `/v1/victims/${long}`);
    await call(GREATER, `/v1/victims/${other}`);

    let bursting = true;
    const health: number[] = [];
    const otherReads: number[] = [];
    const keepReading = async (into: number[], read: () => Promise<{ ms: number }>) => {
      while (bursting) into.push((await read()).ms);
    };
    const started = performance.now();
    const readers = [
      keepReading(health, () => call(WEST, '/health')),
      keepReading(otherReads, () => call(GREATER, `/v1/victims/${other}`)),
    ];
    const posts = await Promise.all(
      Array.from({ length: BURST }, (_, n) =>
        call(WEST, `/v1/victims/${long}/events`, { events: [interview(HISTORY + n)] }),
      ),
    );
    const burstMs = performance.now() - started;
    bursting = false;
    await Promise.all(readers);
    const ownRead = await call(WEST, `/v1/victims/${long}`);

    print(`root ${ROOT}: a ${HISTORY}-event stream, ${BURST} posts of one event at once`);
    print(`burst: ${burstMs.toFixed(0)} ms (${((BURST * 1000) / burstMs).toFixed(1)} posts/s)`);
    print('| during the burst | requests | p50 | p99 | max |');
    print('| --- | --- | --- | --- | --- |');
    print(
      summary(
        'posts to the long stream',
        posts.map((p) => p.ms),
      ),
    );
    print(summary('/health', health));
    print(summary("another force's victim", otherReads));
    print(summary('the long stream read after it', [ownRead.ms]));
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
