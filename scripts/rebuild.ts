/**
 * Rebuilds a projection from the first event:
 * `npm run rebuild -- victim-journey [--fresh] [--batch-size N] [--partitions N]`.
 *
 * Production (PostgreSQL read models): builds into tables beside the live ones, with its own
 * checkpoint, while queries and workers go on with the live tables; when caught up, switches over
 * in one transaction. Killed half-way, it resumes from its own checkpoint next time (or starts
 * again with --fresh). Embedded (SQLite): rebuilds in place, batch by batch; stop the service first.
 *
 * `--partitions N` (production only) runs N processes of this script (`--partition k/N`), each
 * projecting its share of the victims' streams into the same rebuild tables with a checkpoint of
 * its own (`victim-journey-rebuild.k-of-N`); once all have finished, their checkpoints are joined
 * at the lowest, one ordinary projector catches up from there, and it switches over as above.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import type { RecordedEvent } from '@vj/event-store';
import {
  finishPartitions,
  JOURNEY_PROJECTION,
  JourneyProjector,
  type Partition,
  partitionProjection,
  partitionsOf,
  preparePartitions,
  REBUILD_BATCH_SIZE,
  unfinishedPartitions,
} from '@vj/read-models';
import { type AppConfig, clockOf, loadConfig, openEventStore, openReadModels } from '@vj/runtime';
import { rebuildProgress } from './rebuild-progress';

const PROJECTIONS = [JOURNEY_PROJECTION];
const REBUILD = `${JOURNEY_PROJECTION}-rebuild`;

/** What a partition's process tells the rebuild: events it applied, up to a position. */
interface PartitionProgress {
  events: number;
  position: string;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      fresh: { type: 'boolean', default: false },
      // Large pages: a victim's events spread over many pages would be rewritten once per page.
      'batch-size': { type: 'string', default: String(REBUILD_BATCH_SIZE) },
      partitions: { type: 'string' },
      // One partition, `k/N`: run by a rebuild with --partitions, or on its own on another machine.
      partition: { type: 'string' },
    },
  });
  const [projection] = positionals;
  if (!projection || !PROJECTIONS.includes(projection)) {
    throw new Error(`name the projection to rebuild: ${PROJECTIONS.join(', ')}`);
  }
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error('--batch-size must be a whole number');
  const partitions = values.partitions === undefined ? undefined : Number(values.partitions);
  if (partitions !== undefined && (!Number.isInteger(partitions) || partitions < 1))
    throw new Error('--partitions must be a whole number of 1 or more');
  const config = loadConfig();
  if ((partitions !== undefined || values.partition !== undefined) && config.mode !== 'production')
    throw new Error(
      '--partitions needs the production read models (PostgreSQL): an embedded (SQLite) rebuild runs in place, in one process',
    );
  if (values.partition !== undefined) {
    // Starting again is for the whole rebuild, never for one partition beside the others.
    if (values.fresh || partitions !== undefined)
      throw new Error('--partition k/N takes neither --fresh nor --partitions');
    const [index, count] = values.partition.split('/').map(Number);
    return projectPartition(
      config,
      projection,
      { index: index ?? NaN, count: count ?? NaN },
      batchSize,
    );
  }

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
  const show = (n: number, last: Pick<RecordedEvent, 'globalPosition'>) => {
    done = progress.advance(done, n, last);
    if (done > bar.getTotal()) bar.setTotal(done);
    bar.update(done, { events });
  };
  const observer = {
    applied: (n: number, last: RecordedEvent) => {
      events += n;
      show(n, last);
    },
  };
  const started = Date.now();
  try {
    if (config.mode === 'production') {
      const target = await live.rebuildTables(REBUILD, values.fresh === true);
      const unfinished = await unfinishedPartitions(target, REBUILD);
      if (unfinished !== undefined && unfinished !== partitions)
        throw new Error(
          `an unfinished rebuild in ${unfinished} partitions is stored: resume it with --partitions ${unfinished}, or start again with --fresh`,
        );
      if (partitions === undefined) {
        done = Number((await target.checkpoint(REBUILD)) ?? 0n);
        const projector = new JourneyProjector(store, target, clock, batchSize, observer, REBUILD);
        await projector.catchUp();
      } else {
        await preparePartitions(target, REBUILD, partitions);
        const reached = await target.checkpointsNamed(`${REBUILD}.`);
        const ends = partitionsOf(REBUILD, partitions).map((p) => reached.get(p.name) ?? 0n);
        // Where the partitions resume, on average: each has applied its share up to its own.
        done = Number(ends.reduce((sum, end) => sum + end, 0n)) / partitions;
        await runPartitions(projection, partitions, batchSize, (index, reported) => {
          events += reported.events;
          ends[index] = BigInt(reported.position);
          // The slowest partition is where every victim is up to.
          show(reported.events, {
            globalPosition: ends.reduce((low, end) => (end < low ? end : low)),
          });
        });
        events += await finishPartitions(
          store,
          target,
          clock,
          batchSize,
          { applied: show },
          REBUILD,
          partitions,
        );
      }
      // Compact indexes before the switch (ReadModels.reindex says why), then what was appended
      // meanwhile, so the live workers take over from close to the end.
      await live.reindex('rebuild');
      await new JourneyProjector(store, target, clock, batchSize, observer, REBUILD).catchUp();
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

/**
 * Runs every partition in a process of its own (this script, `--partition k/N`) and resolves when
 * all have finished. When one fails the others are stopped: each checkpoint keeps what its
 * partition did, and the next run resumes them.
 */
async function runPartitions(
  projection: string,
  count: number,
  batchSize: number,
  reported: (index: number, progress: PartitionProgress) => void,
): Promise<void> {
  const children: ChildProcess[] = [];
  const finished = partitionsOf(REBUILD, count).map(({ partition }) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        projection,
        '--partition',
        `${partition.index}/${count}`,
        '--batch-size',
        String(batchSize),
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    children.push(child);
    child.on('message', (message: PartitionProgress) => reported(partition.index, message));
    return new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0
          ? resolve()
          : reject(
              new Error(
                `partition ${partition.index}/${count} stopped (${signal ?? `exit code ${code}`}); run again to resume`,
              ),
            ),
      );
    });
  });
  try {
    await Promise.all(finished);
  } catch (error) {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.allSettled(finished);
    throw error;
  }
}

/**
 * One partition: projects its streams into the rebuild's tables. Run by a rebuild with
 * --partitions, it tells that rebuild how far it is; run on its own (on another machine), it says
 * how many events it applied when done, and a rebuild with --partitions N, run afterwards, finds
 * it finished and joins it.
 */
async function projectPartition(
  config: AppConfig,
  projection: string,
  partition: Partition,
  batchSize: number,
): Promise<void> {
  const send = process.send?.bind(process);
  // The rebuild is gone: stop too (the checkpoint keeps what was done).
  const orphaned = () => process.exit(1);
  if (send) process.once('disconnect', orphaned);
  let reported: PartitionProgress | undefined;
  let applied = 0;
  try {
    const store = await openEventStore(config);
    const live = await openReadModels(config);
    try {
      const target = await live.rebuildTables(REBUILD, false);
      const observer = {
        applied: (events: number, last: RecordedEvent) => {
          applied += events;
          reported = { events, position: last.globalPosition.toString() };
          send?.(reported);
        },
      };
      await new JourneyProjector(
        store,
        target,
        clockOf(config),
        batchSize,
        observer,
        partitionProjection(REBUILD, partition),
        partition,
      ).catchUp();
    } finally {
      await live.close();
      await store.close();
    }
    if (!send)
      process.stdout.write(
        `projected ${projection} partition ${partition.index}/${partition.count}: ${applied} events\n`,
      );
  } finally {
    if (send) {
      process.off('disconnect', orphaned);
      // Reports go in order: once this one is sent, every one before it is; then the channel closes.
      const last = reported;
      if (last)
        await new Promise((resolve) => send({ events: 0, position: last.position }, resolve));
      process.disconnect();
    }
  }
}

main().catch((error: unknown) => {
  console.error(`rebuild: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
