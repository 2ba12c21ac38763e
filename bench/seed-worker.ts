/**
 * The seed worker (bench/seed-victims.ts): generates, ingests and judges chunk after chunk and
 * posts each chunk's rows to the main thread, which writes them. It runs ahead of the writer by
 * at most `ahead` chunks: each chunk taken grants one more.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { judgedChunks, type SeedOptions, type SeedWorkerMessage } from './seed-victims';

const port = parentPort;
if (!port) throw new Error('bench/seed-worker.ts runs as a worker thread only');
const { options, ahead } = workerData as { options: SeedOptions; ahead: number };

let credits = ahead;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits += 1;
  wake?.();
});

const post = (message: SeedWorkerMessage): void => port.postMessage(message);

void (async () => {
  try {
    for await (const rows of judgedChunks(options)) {
      while (credits === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      credits -= 1;
      post({ kind: 'chunk', rows });
    }
    post({ kind: 'done' });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ kind: 'failed', message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
  }
  // Nothing more to send: the main thread terminates this worker once it has read all.
})();
