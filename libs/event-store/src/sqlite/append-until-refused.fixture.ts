/**
 * Run as a process of its own, under a file-size limit (`prlimit --fsize`), by the SQLite
 * store's tests: appends rounds of appends made together (each round one group commit) to the
 * file given until a round is refused, then prints what was acknowledged and what refused.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from './sqlite-event-store';

const APPENDS_PER_ROUND = 16;
const MAX_ROUNDS = 200;

async function main(file: string): Promise<void> {
  const groups: number[] = [];
  const store = new SqliteEventStore(file, { onGroupCommitted: (size) => groups.push(size) });
  const acknowledged: string[] = [];
  const refused: { eventId: string; code: unknown }[] = [];
  for (let round = 0; round < MAX_ROUNDS && refused.length === 0; round += 1) {
    const ids = Array.from({ length: APPENDS_PER_ROUND }, () => randomUUID());
    const results = await Promise.allSettled(
      ids.map((eventId) =>
        store.appendToStream(`victim-${randomUUID()}`, [
          { eventId, type: 'filler', data: { text: 'x'.repeat(2000) }, metadata: {} },
        ]),
      ),
    );
    results.forEach((result, i) => {
      const eventId = ids[i] as string;
      if (result.status === 'fulfilled') acknowledged.push(eventId);
      else refused.push({ eventId, code: (result.reason as { code?: unknown }).code });
    });
  }
  await store.close().catch(() => undefined);
  process.stdout.write(JSON.stringify({ groups, acknowledged, refused }));
}

void main(process.argv[2] as string);
