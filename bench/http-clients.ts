/**
 * The HTTP benchmark's clients, in a worker thread so that they do not share the API's event
 * loop: each lane is one client on a keep-alive connection, posting its requests in order.
 * node:http with a keep-alive agent rather than fetch: on Node 20 fetch spends about twice the
 * CPU per request, and on two cores what the clients spend is taken from the API.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface PreparedPost {
  path: string;
  authorization: string;
  body: string;
  /** How many events the post holds. */
  events: number;
}

export interface ClientsJob {
  port: number;
  warmup: PreparedPost[][];
  lanes: PreparedPost[][];
}

export type ClientsOutcome = { events: number; seconds: number } | { error: string };

async function run(job: ClientsJob): Promise<ClientsOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.lanes.length });
  const post = (p: PreparedPost): Promise<void> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: job.port,
          path: p.path,
          method: 'POST',
          agent,
          headers: {
            authorization: p.authorization,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(p.body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode === 201) return resolve();
            const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
            reject(new Error(`POST ${p.path} answered ${res.statusCode ?? '?'}: ${text}`));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(p.body);
    });
  const runLanes = async (lanes: PreparedPost[][]): Promise<number> => {
    let failed = false;
    const start = process.hrtime.bigint();
    const outcomes = await Promise.allSettled(
      lanes.map(async (lane) => {
        for (const p of lane) {
          if (failed) return;
          try {
            await post(p);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      }),
    );
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  try {
    await runLanes(job.warmup);
    const seconds = await runLanes(job.lanes);
    const events = job.lanes.flat().reduce((sum, p) => sum + p.events, 0);
    return { events, seconds };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    agent.destroy();
  }
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as ClientsJob).then((outcome) => port.postMessage(outcome));
}
