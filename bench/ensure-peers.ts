import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The Emmett SQLite peer lives in its own package folder: it needs @event-driven-io/emmett 0.38.5
 * (the root project has 0.42) and sqlite3, which builds from source here (about a minute).
 * Installed on first use; `npm run bench` calls this before anything is timed.
 */
export const EMMETT_SQLITE_PEER_DIR = join(__dirname, 'peers', 'emmett-sqlite');

export type PeerStatus = { available: true } | { available: false; reason: string };

/** Installs the peer folder when its packages cannot be found; says why when it cannot be used. */
export function ensureEmmettSqlitePeer(log: (line: string) => void): PeerStatus {
  if (!resolvable()) {
    log(
      'installing the Emmett SQLite peer in bench/peers/emmett-sqlite (sqlite3 builds from source: about a minute)',
    );
    const started = Date.now();
    const npm = spawnSync(
      'npm',
      ['install', '--prefix', EMMETT_SQLITE_PEER_DIR, '--no-audit', '--no-fund'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (npm.error || npm.status !== 0) {
      const output = `${npm.stdout ?? ''}\n${npm.stderr ?? ''}`;
      return {
        available: false,
        reason: `npm install in bench/peers/emmett-sqlite failed (${npm.error?.message ?? `exit ${npm.status}`}): ${npmFailure(output)}`,
      };
    }
    log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (!resolvable()) {
    return { available: false, reason: 'installed, but its packages still cannot be resolved' };
  }
  try {
    // The native binding is what may be missing: load it now, so the reason is sqlite3's own.
    peerRequire()('sqlite3');
    return { available: true };
  } catch (error) {
    return {
      available: false,
      reason: `sqlite3 does not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
}

/** `require` as if called from the peer folder, so it finds the peer's own packages. */
export function peerRequire(): NodeJS.Require {
  return createRequire(join(EMMETT_SQLITE_PEER_DIR, 'package.json'));
}

function resolvable(): boolean {
  if (!existsSync(join(EMMETT_SQLITE_PEER_DIR, 'node_modules'))) return false;
  try {
    const load = peerRequire();
    load.resolve('@event-driven-io/emmett-sqlite');
    load.resolve('sqlite3');
    return true;
  } catch {
    return false;
  }
}

/** The first lines of npm's error that say what failed, and where its full log is. */
function npmFailure(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim())
    .filter(
      (line) =>
        line.length > 0 &&
        !/^(at |[{}]|\w+: '|npm warn|If you are behind a proxy)/.test(line) &&
        !/Unknown user config/.test(line),
    );
  const log = lines.find((line) => line.startsWith('A complete log of this run'));
  const said = lines.filter((line) => line !== log);
  const detail = said.find((line, i) => i >= 3 && /error:|ERR!|not found|failed/i.test(line));
  const reason = [...said.slice(0, 3), ...(detail ? [detail] : [])].join(' | ').slice(0, 500);
  return log ? `${reason} (${log})` : reason;
}

if (require.main === module) {
  const status = ensureEmmettSqlitePeer((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(
    status.available
      ? 'the Emmett SQLite peer is ready\n'
      : `the Emmett SQLite peer is not available: ${status.reason}\n`,
  );
}
