import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract, describeGroupCommitContract } from '@vj/event-store/testing';
import type { NewEvent } from '../event-store';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'vj-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real file, as in production: WAL and durability settings only apply to files.
describeEventStoreContract('embedded SQLite', () =>
  Promise.resolve(new SqliteEventStore(join(dir, 'events.sqlite'))),
);
describeGroupCommitContract('embedded SQLite', () =>
  Promise.resolve(new SqliteEventStore(join(dir, 'events.sqlite'))),
);

describe('embedded SQLite event store: group commit', () => {
  const newEvent = (): NewEvent => ({
    eventId: randomUUID(),
    type: 'suspect-arrested',
    data: {},
    metadata: {},
  });
  const newStream = () => `victim-${randomUUID()}`;

  it('commits the appends made together once, in groups of at most the size set', async () => {
    const groups: number[] = [];
    const store = new SqliteEventStore(join(dir, `${randomUUID()}.sqlite`), {
      maxGroupSize: 10,
      onGroupCommitted: (size) => groups.push(size),
    });
    try {
      const streams = Array.from({ length: 25 }, newStream);
      const results = await Promise.all(streams.map((s) => store.appendToStream(s, [newEvent()])));
      // made in one turn: together, in groups of at most 10
      expect(groups).toEqual([10, 10, 5]);
      expect(results.map((r) => r.events[0]?.globalPosition)).toEqual(
        streams.map((_, i) => BigInt(i + 1)),
      );

      // one at a time, each waiting for the one before: a commit each
      await store.appendToStream(newStream(), [newEvent()]);
      await store.appendToStream(newStream(), [newEvent()]);
      expect(groups).toEqual([10, 10, 5, 1, 1]);
    } finally {
      await store.close();
    }
  });

  it('commits the appends asked for before it closes', async () => {
    const file = join(dir, `${randomUUID()}.sqlite`);
    const store = new SqliteEventStore(file);
    const stream = newStream();
    const appending = store.appendToStream(stream, [newEvent()]);
    await store.close();
    await expect(appending).resolves.toMatchObject({ outcome: 'appended' });
    const reopened = new SqliteEventStore(file);
    expect(await reopened.readStream(stream)).toHaveLength(1);
    await reopened.close();
  });

  it('refuses every append of a group whose commit fails, storing none of it', async () => {
    if (spawnSync('prlimit', ['--version']).error) {
      throw new Error('this test needs prlimit (util-linux): apt-get install util-linux');
    }
    // A file-size limit makes the write of a commit fail (EFBIG) once the files reach it.
    const file = join(dir, `${randomUUID()}.sqlite`);
    const run = spawnSync(
      'prlimit',
      [
        `--fsize=${256 * 1024}`,
        '--',
        process.execPath,
        '-r',
        '@swc-node/register',
        join(__dirname, 'append-until-refused.fixture.ts'),
        file,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    const { groups, acknowledged, refused } = JSON.parse(run.stdout) as {
      groups: number[];
      acknowledged: string[];
      refused: { eventId: string; code: string }[];
    };
    // Rounds of 16 appends made together, each one commit, until a commit failed: that round's
    // group was refused whole.
    const stored = acknowledged.length / 16;
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(groups.slice(0, stored)).toEqual(Array.from({ length: stored }, () => 16));
    expect(refused).toHaveLength(16);
    expect(acknowledged.length + refused.length).toBe(16 * (stored + 1));
    for (const { code } of refused) expect(code).toMatch(/^SQLITE_(FULL|IOERR)/);

    const store = new SqliteEventStore(file);
    try {
      const stored = new Set<string>();
      for (let after = 0n; ;) {
        const page = await store.readAll({ after, maxCount: 100 });
        const last = page.at(-1);
        if (!last) break;
        for (const event of page) stored.add(event.eventId);
        after = last.globalPosition;
      }
      expect([...stored].sort()).toEqual([...acknowledged].sort());
    } finally {
      await store.close();
    }
  });
});
