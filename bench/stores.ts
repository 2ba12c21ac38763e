/**
 * Appending to our stores, timed, and the PostgreSQL housekeeping of a run: what the benchmark's
 * parts share.
 */
import { Client } from 'pg';
import type { EventStore } from '@vj/event-store';
import type { Append } from './workload';

// Not 'vj_bench_run_': what earlier versions dropped wholesale, others' runs included.
const RUN_SCHEMAS = 'vj_bench_';
// Every schema of a run starts with this, and only those are dropped (after the run, or by a
// later run once this one's process is gone): runs side by side keep to their own.
export const SCHEMA_PREFIX = `${RUN_SCHEMAS}${process.pid}_`;

export interface Measured {
  events: number;
  seconds: number;
}

export async function timeLanes<T extends { events: readonly unknown[] }>(
  lanes: T[][],
  work: (item: T, lane: number) => Promise<void>,
): Promise<Measured> {
  const events = lanes.flat().reduce((sum, item) => sum + item.events.length, 0);
  let failed = false;
  const start = process.hrtime.bigint();
  // When one appender fails the others stop at their next item, and are waited for: nothing of
  // this run is still going when the next one starts.
  const outcomes = await Promise.allSettled(
    lanes.map(async (lane, i) => {
      for (const item of lane) {
        if (failed) return;
        try {
          await work(item, i);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  return { events, seconds };
}

export function appendOurs(store: EventStore, lanes: Append[][]): Promise<Measured> {
  return timeLanes(lanes, async (append) => {
    const result = await store.appendToStream(append.streamId, append.events, {
      expectedRevision: append.before === 0 ? 'no-stream' : append.before - 1,
    });
    if (result.outcome !== 'appended') {
      throw new Error(`the append to ${append.streamId} was a ${result.outcome}`);
    }
  });
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function createSchema(url: string, schema: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  });
}

/** Drops the schemas whose names start with `prefix` (this run's, from SCHEMA_PREFIX). */
export function dropBenchSchemas(url: string, prefix = SCHEMA_PREFIX): Promise<void> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)`,
      [prefix],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
  });
}

/** Drops what runs that stopped before their end left behind (their process is gone). */
export function dropStaleBenchSchemas(url: string): Promise<void> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)`,
      [RUN_SCHEMAS],
    );
    for (const { nspname } of rows) {
      const pid = Number(/^vj_bench_(\d+)_/.exec(nspname)?.[1]);
      if (Number.isInteger(pid) && !alive(pid))
        await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}
