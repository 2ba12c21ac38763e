import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JOURNEY_PROJECTION, JourneyProjector, ReadModels } from '@vj/read-models';
import type {
  FromProjectorThread,
  ProjectorThreadFiles,
  ToProjectorThread,
} from './projector-thread';

/**
 * The projector's thread (started by `ProjectorThread`): its own connections to the embedded
 * store's files, the journey projector, and one run at a time. Requests that arrive during a run
 * are served together by the next one, so a burst of posts costs a few catch-ups, not one each.
 */
if (!parentPort) throw new Error('the projector thread runs only as a worker thread');
const port: MessagePort = parentPort;

const files = workerData as ProjectorThreadFiles;
const tell = (message: FromProjectorThread) => port.postMessage(message);
// The API's clock is the only clock: set from each run's request.
const clock = new FixedClock(new Date(0));

let pending: { request: number; now: string; recheck: boolean } | undefined;
let running: Promise<void> | undefined;

async function main(): Promise<void> {
  const store = new SqliteEventStore(files.events);
  const readModels = await ReadModels.openSqlite(files.readModels);
  const projector = new JourneyProjector(store, readModels, clock, undefined, {
    // Each page as it lands, so a reader waiting for an early position need not wait for the rest.
    applied: (_events, last) => tell({ kind: 'projected', position: last.globalPosition }),
  });

  const run = async () => {
    while (pending) {
      const { request, now, recheck } = pending;
      pending = undefined;
      clock.set(now);
      try {
        await projector.catchUp();
        const checkpoint = await readModels.checkpoint(JOURNEY_PROJECTION);
        if (checkpoint !== undefined) tell({ kind: 'projected', position: checkpoint });
        if (recheck) await projector.recheckDue();
        tell({ kind: 'served', request });
      } catch (error) {
        // The error's name only: a message could quote stored data.
        tell({ kind: 'failed', request, error: error instanceof Error ? error.name : 'Error' });
      }
    }
  };

  let stopping = false;
  port.on('message', (message: ToProjectorThread) => {
    if (stopping) return;
    if (message.kind === 'stop') {
      stopping = true;
      void stop();
      return;
    }
    pending = {
      request: message.request,
      now: message.now,
      recheck: message.recheck || (pending?.recheck ?? false),
    };
    running ??= run().finally(() => (running = undefined));
  });

  const stop = async () => {
    pending = undefined;
    await running;
    await projector.idle();
    await readModels.close();
    await store.close();
    tell({ kind: 'stopped' });
    port.close();
  };
  tell({ kind: 'ready' });
}

void main().catch((error: unknown) => {
  tell({ kind: 'failed', request: 0, error: error instanceof Error ? error.name : 'Error' });
  // Ends the thread: the API starts another.
  throw error;
});
