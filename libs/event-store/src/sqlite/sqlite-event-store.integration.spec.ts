import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '@vj/event-store/testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'vj-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real file, as in production: WAL and durability settings only apply to files.
describeEventStoreContract('embedded SQLite', () =>
  Promise.resolve(new SqliteEventStore(join(dir, 'events.sqlite'))),
);
