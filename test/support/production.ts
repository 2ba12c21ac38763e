import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import { POSTGRES_URL, REDIS_URL } from './server-urls';

export { POSTGRES_URL, REDIS_URL } from './server-urls';

export const ROOT = join(__dirname, '..', '..');

/** The environment of a production-mode process on its own PostgreSQL schemas, judged at a fixed test clock. */
export function productionEnv(
  clockNow: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv & { POSTGRES_SCHEMA: string } {
  return {
    ...process.env,
    NODE_ENV: 'test',
    EVENT_STORE: 'postgres',
    POSTGRES_URL,
    POSTGRES_SCHEMA: `vj_e2e_${randomUUID().slice(0, 8)}`,
    REDIS_URL,
    CLOCK_NOW: clockNow,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

export async function dropSchemas(schema: string): Promise<void> {
  const pool = new Pool({ connectionString: POSTGRES_URL });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS ${schema}_read CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS ${schema}_audit CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS ${schema}_keys CASCADE`);
  } finally {
    await pool.end();
  }
}

/** Runs one of the project's TypeScript entry points as a real process, from source. */
export function runScript(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

/** Runs a script to its end; rejects with its output when it fails. */
export async function runToEnd(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const child = runScript(entry, args, env);
  const code = await exited(child);
  if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited ${code}: ${child.output()}`);
  return child.output();
}
