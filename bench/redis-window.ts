/**
 * How much Redis the deadline scheduler uses: a caseload of open deadlines in the read model, of
 * which a few fall due within the window. Redis holds jobs for those only, so its memory follows
 * the window, not the caseload.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { FixedClock } from '@vj/clock';
import { DeadlineScheduler } from '@vj/deadline-scheduling';
import { ReadModels } from '@vj/read-models';
import { openDeadlinePorts } from '@vj/runtime';
import { readModelTables } from '../test/support/read-model-tables';
import { endOfLondonDay, londonDateOf } from '@vj/victims-code';

export interface RedisWindowFigure {
  caseload: number;
  due: number;
  jobs: number;
  bytes: number;
}

const WINDOW_MS = 60 * 60 * 1000;

export async function redisWindowMemory(
  redisUrl: string,
  caseload: number,
  due: number,
): Promise<RedisWindowFigure> {
  const now = new Date('2026-03-10T12:00:00Z');
  const readModels = await ReadModels.openSqlite(':memory:');
  const prefix = `vj-bench-${randomUUID().slice(0, 8)}`;
  const scheduler = new DeadlineScheduler({
    redisUrl,
    prefix,
    ...(await openDeadlinePorts(readModels)),
    projector: { recheckVictims: () => Promise.resolve(0) },
    agencies: [],
    clock: new FixedClock(now),
    windowMs: WINDOW_MS,
    windowEveryMs: WINDOW_MS,
  });
  const redis = new Redis(redisUrl);
  try {
    const tables = await readModelTables(readModels);
    const rows = Array.from({ length: caseload }, (_, i) => {
      // The first `due` deadlines end within the window; the rest a month on.
      const endsAt =
        i < due
          ? new Date(now.getTime() + 10 * 60 * 1000)
          : new Date(now.getTime() + 30 * 86_400_000);
      const deadlineDate = londonDateOf(new Date(endsAt.getTime() - 1));
      return {
        victim_id: randomUUID(),
        entitlement_id: `arrest-update.${randomUUID()}`,
        police_area: 'west-yorkshire',
        crime_reference: '13/000001/26',
        rule_id: 'arrest-update',
        right_no: 6,
        edition: 'victims-code-2020',
        owed_by: 'police',
        enhanced: 0,
        status: 'pending',
        triggered_at: now.toISOString(),
        deadline_date: deadlineDate,
        deadline_ends_at: i < due ? endsAt.toISOString() : endOfLondonDay(deadlineDate),
        fulfilled_at: null,
        working_days_late: null,
        body: '{}',
      };
    });
    for (let i = 0; i < rows.length; i += 500) {
      await tables
        .insertInto('entitlements')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    const run = await scheduler.scheduleWindow();
    let bytes = 0;
    const keys = await redis.keys(`${prefix}:*`);
    for (const key of keys) bytes += Number((await redis.memory('USAGE', key)) ?? 0);
    return { caseload, due, jobs: run.breachChecks + run.reminders, bytes };
  } finally {
    await scheduler.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await readModels.close();
  }
}
