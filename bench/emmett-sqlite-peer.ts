import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMMETT_SQLITE_PEER_DIR, peerRequire } from './ensure-peers';

/**
 * The part of @event-driven-io/emmett-sqlite 0.38.5 the benchmark uses, typed here: the package
 * is in its own folder (bench/peers/emmett-sqlite), outside the root project's type resolution,
 * and may not be installed when the project is type-checked.
 */
export interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface EmmettSqliteEventStore {
  appendToStream(
    streamName: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint }>;
}

interface EmmettSqliteModule {
  getSQLiteEventStore(options: { fileName: string }): EmmettSqliteEventStore;
}

export interface EmmettSqlitePeer {
  /** e.g. 'emmett-sqlite 0.38.5, sqlite3 5.1.7 (SQLite 3.44.2)' */
  label: string;
  open(fileName: string): EmmettSqliteEventStore;
}

export function loadEmmettSqlitePeer(): EmmettSqlitePeer {
  const load = peerRequire();
  const emmett = load('@event-driven-io/emmett-sqlite') as EmmettSqliteModule;
  const version = (name: string): string => {
    const manifest = JSON.parse(
      readFileSync(join(EMMETT_SQLITE_PEER_DIR, 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version: string };
    return manifest.version;
  };
  return {
    label: `emmett-sqlite ${version('@event-driven-io/emmett-sqlite')}, sqlite3 ${version('sqlite3')}`,
    open: (fileName) => emmett.getSQLiteEventStore({ fileName }),
  };
}
