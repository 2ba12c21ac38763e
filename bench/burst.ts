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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startApiProcess } from '../test/support/api-process';
import { crimeReported, journeyEvent } from '../test/support/journey-events';
import { percentile } from './stats';

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

const interview = (n: number) =>
  journeyEvent('suspect-interviewed-under-caution', `interview-${n}`, '2026-03-09T09:00:00Z', {
    suspectNumber: 1,
  });

const print = (line: string) => process.stdout.write(`${line}\n`);
const summary = (name: string, ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const f = (v: number) => `${v.toFixed(0)} ms`;
  return `| ${name} | ${ms.length} | ${f(percentile(sorted, 0.5))} | ${f(percentile(sorted, 0.99))} | ${f(sorted[sorted.length - 1] ?? NaN)} |`;
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-burst-'));
  const api = await startApiProcess(
    dataDir,
    await freePort(),
    {
      CLOCK_NOW: '2026-03-10T12:00:00Z',
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'error',
    },
    ROOT,
  );
  try {
    const call = async (key: string, path: string, body?: unknown) => {
      const started = performance.now();
      const res = await fetch(`${api.baseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const answer = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${path} answered ${res.status}`);
      return { answer, ms: performance.now() - started };
    };

    const long = (await call(WEST, '/v1/victims', crimeReported())).answer.victimId as string;
    for (let n = 0; n < HISTORY; n += PER_POST) {
      const events = Array.from({ length: Math.min(PER_POST, HISTORY - n) }, (_, i) =>
        interview(n + i),
      );
      await call(WEST, `/v1/victims/${long}/events`, { events });
    }
    const other = (
      await call(GREATER, '/v1/victims', crimeReported({ crimeReference: 'GMP/2026/000042' }))
    ).answer.victimId as string;
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
    await api.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
