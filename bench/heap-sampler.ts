/**
 * A preload that tells apart memory held from V8 letting its heap grow before it collects: with
 * HEAP_SAMPLES naming a directory, each Node process that loads it writes there
 * `<pid>-<script>.jsonl`, a line of `process.memoryUsage()` every 250 ms and, after each major
 * collection, what that collection left (`v8.getHeapStatistics().used_heap_size`). Nothing is
 * added to the processes measured (no flag, no endpoint): for the memory part, for example,
 *
 *   HEAP_SAMPLES=/tmp/heap NODE_OPTIONS="-r @swc-node/register -r $PWD/bench/heap-sampler.ts" \
 *     npm run bench -- --only memory --memory-events 5000,80000
 *
 * Without HEAP_SAMPLES it does nothing.
 */
import { appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

const dir = process.env.HEAP_SAMPLES;
if (dir) {
  const file = join(dir, `${process.pid}-${basename(process.argv[1] ?? 'node')}.jsonl`);
  const started = performance.now();
  const sample = (kind: string, extra: Record<string, number> = {}) =>
    appendFileSync(
      file,
      `${JSON.stringify({ ms: Math.round(performance.now() - started), kind, ...process.memoryUsage(), ...extra })}\n`,
    );
  setInterval(() => sample('tick'), 250).unref();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as { detail?: { kind?: number } };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        sample('major-gc', { leftMiB: getHeapStatistics().used_heap_size / 1024 / 1024 });
    }
  }).observe({ entryTypes: ['gc'] });
}
