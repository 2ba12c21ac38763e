import { Pool } from 'pg';

/**
 * How long a request may wait on PostgreSQL before it is answered 503 rather than held: for a
 * connection (a new one, or a free one of the pool), and for a query's answer. A server that
 * hangs (stopped, partitioned, swapping) then costs a bounded wait, not a request held forever.
 * A connection string's own `query_timeout` (milliseconds) takes precedence: a long rebuild may
 * set a larger one.
 */
export const CONNECT_TIMEOUT_MS = 10_000;
export const QUERY_TIMEOUT_MS = 30_000;

export interface PostgresPoolOptions {
  connectionString: string;
  max?: number;
  /** The schema unqualified names resolve in. */
  searchPath?: string;
}

/** The one way the stores open a PostgreSQL pool. */
export function openPostgresPool({ connectionString, max, searchPath }: PostgresPoolOptions): Pool {
  const pool = new Pool({
    connectionString,
    ...(max !== undefined ? { max } : {}),
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    // A peer gone without closing (a partition) is found by TCP keep-alives, not never.
    keepAlive: true,
  });
  // A connection that breaks (PostgreSQL restarted) is dropped by the pool, and the next query
  // opens another. Without these listeners its 'error' event would end the process: the pool's
  // while it is idle, the client's own while it is checked out (the query in flight fails anyway).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
