/**
 * Rebuilds a projection from the first event: `npm run rebuild -- victim-journey [--fresh]`.
 *
 * Production (PostgreSQL read models): builds into tables beside the live ones, with its own
 * checkpoint, while queries and workers go on with the live tables; when caught up, switches over
 * in one transaction. Killed half-way, it resumes from its own checkpoint next time (or starts
 * again with --fresh). Embedded (SQLite): rebuilds in place, batch by batch; stop the service first.
 */
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { RecordedEvent } from '@vj/event-store';
import { JOURNEY_PROJECTION, JourneyProjector, REBUILD_BATCH_SIZE } from '@vj/read-models';
import { clockOf, loadConfig, openEventStore, openReadModels } from '@vj/runtime';
import { rebuildProgress } from './rebuild-progress';

const PROJECTIONS = [JOURNEY_PROJECTION];
const REBUILD = `${JOURNEY_PROJECTION}-rebuild`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      fresh: { type: 'boolean', default: false },
      // Large pages: a victim's events spread over many pages would be rewritten once per page.
      'batch-size': { type: 'string', default: String(REBUILD_BATCH_SIZE) },
    },
  });
  const [projection] = positionals;
  if (!projection || !PROJECTIONS.includes(projection)) {
    throw new Error(`name the projection to rebuild: ${PROJECTIONS.join(', ')}`);
  }
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error('--batch-size must be a whole number');
  const config = loadConfig();
  const clock = clockOf(config);
  const store = await openEventStore(config);
  const live = await openReadModels(config);
  // The live checkpoint tells roughly how far there is to go (in what, `rebuildProgress` says).
  const progress = rebuildProgress(config.eventStore);
  const total = Number((await live.checkpoint(JOURNEY_PROJECTION)) ?? 0n);
  const bar = new SingleBar({
    format: progress.format,
    noTTYOutput: true,
    notTTYSchedule: 250,
    stream: process.stderr,
  });
  bar.start(Math.max(total, 1), 0, { projection, events: 0 });
  let done = 0;
  let events = 0;
  const observer = {
    applied: (n: number, last: RecordedEvent) => {
      events += n;
      done = progress.advance(done, n, last);
      if (done > bar.getTotal()) bar.setTotal(done);
      bar.update(done, { events });
    },
  };
  const started = Date.now();
  try {
    if (config.mode === 'production') {
      const target = await live.rebuildTables(REBUILD, values.fresh === true);
      done = Number((await target.checkpoint(REBUILD)) ?? 0n);
      const projector = new JourneyProjector(store, target, clock, batchSize, observer, REBUILD);
      await projector.catchUp();
      await live.switchToRebuild(JOURNEY_PROJECTION, REBUILD);
    } else {
      await new JourneyProjector(store, live, clock, batchSize, observer).rebuild();
    }
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `rebuilt ${projection}: ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / Math.max(seconds, 0.001))} events/s); switched over\n`,
    );
  } finally {
    bar.stop();
    await live.close();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`rebuild: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
