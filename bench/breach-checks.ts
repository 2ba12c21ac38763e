/**
 * The breach checks at a working-day midnight, where every "within N working days" deadline ends:
 * `node -r @swc-node/register bench/breach-checks.ts [--victims 20000] [--concurrency 32]
 * [--postgres URL] [--redis URL]`.
 *
 * Read models on PostgreSQL are seeded with generated victims reported over one month (so that
 * many deadlines share a midnight), judged up to just before the busiest midnight, and the
 * deadline scheduler's window is run just after it, as the worker runs it: each breach check
 * re-judges its victim and records a breach if the entitlement is still owed, and each reminder
 * due is recorded. Prints how long the window took to queue them and the worker to run them all,
 * and the rates: what `docs/operations.md` sizes the midnight's workers from.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { type Counter, Registry } from 'prom-client';
import { FixedClock } from '@vj/clock';
import { DeadlineScheduler } from '@vj/deadline-scheduling';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyProjector, ReadModels } from '@vj/read-models';
import { openDeadlinePorts } from '@vj/runtime';
import { seedVictims } from './seed-victims';
import { grouped } from './stats';
import { dropBenchSchemas, SCHEMA_PREFIX } from './stores';

const FROM = new Date('2025-12-01T00:00:00Z');
const TO = new Date('2026-01-01T00:00:00Z');
const SECOND = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when no deadline job is delayed, waiting or running. */
async function drained(scheduler: DeadlineScheduler): Promise<void> {
  for (;;) {
    const counts = await scheduler.queue.getJobCounts(
      'delayed',
      'waiting',
      'active',
      'prioritized',
    );
    if (Object.values(counts).every((n) => n === 0)) return;
    await sleep(50);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      victims: { type: 'string', default: '20000' },
      concurrency: { type: 'string', default: '32' },
      postgres: {
        type: 'string',
        default: process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
      },
      redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    },
  });
  const victims = Number(values.victims);
  const concurrency = Number(values.concurrency);
  const schema = `${SCHEMA_PREFIX}breach_checks_${process.pid}`;
  const prefix = `vj-bench-${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'vj-breach-checks-'));
  const readModels = await ReadModels.openPostgres(values.postgres, schema);
  // The projector re-judges from the read models alone; its event store is never read here.
  const events = new SqliteEventStore(join(dir, 'events.sqlite'));
  const redis = new Redis(values.redis);
  let scheduler: DeadlineScheduler | undefined;
  try {
    const seeding = Date.now();
    await seedVictims(readModels, {
      victims,
      seed: 1,
      from: FROM,
      to: TO,
      now: TO,
      sampleEvery: 1000,
    });
    process.stderr.write(
      `seeded ${grouped(victims)} victims in ${((Date.now() - seeding) / SECOND).toFixed(0)} s\n`,
    );

    // The midnight at which most owed deadlines end.
    const pg = new Client({ connectionString: values.postgres });
    await pg.connect();
    const busiest = await pg.query<{ ends: string; n: string }>(
      `SELECT deadline_ends_at AS ends, count(*) AS n FROM ${schema}.entitlements
       WHERE fulfilled_at IS NULL AND status = 'pending' AND deadline_ends_at > $1
       GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
      [TO.toISOString()],
    );
    await pg.end();
    const row = busiest.rows[0];
    if (!row) throw new Error('no deadline is owed after the seeded month');
    const midnight = new Date(row.ends);

    // The service as it stood a minute before: everything due until then re-judged, and every
    // breach and reminder due until then recorded (the earlier windows' work, not timed).
    const clock = new FixedClock(new Date(midnight.getTime() - 60 * SECOND));
    const projector = new JourneyProjector(events, readModels, clock);
    const registry = new Registry();
    scheduler = new DeadlineScheduler({
      redisUrl: values.redis,
      prefix,
      ...(await openDeadlinePorts(readModels)),
      projector,
      agencies: [],
      clock,
      registry,
      concurrency,
      // The window's reach: up to the midnight's minute, not the next day's reminders.
      windowMs: 2 * 60 * SECOND,
      windowEveryMs: 60 * SECOND,
      logger: { warn: () => undefined, error: (message) => process.stderr.write(`${message}\n`) },
    });
    await projector.recheckDue();
    const earlier = await scheduler.scheduleWindow();
    await scheduler.start({ jobScheduler: false });
    await drained(scheduler);
    process.stderr.write(
      `before the midnight: ${grouped(earlier.breachChecks + earlier.reminders)} earlier jobs run; ${row.n} owed deadlines end at ${midnight.toISOString()}\n`,
    );
    const recorded = async (name: string) =>
      (await (registry.getSingleMetric(name) as Counter).get()).values[0]?.value ?? 0;
    const breachesBefore = await recorded('vj_breaches_recorded_total');
    const remindersBefore = await recorded('vj_reminders_recorded_total');

    clock.set(new Date(midnight.getTime() + SECOND));
    const queueing = Date.now();
    const run = await scheduler.scheduleWindow();
    const queuedMs = Date.now() - queueing;
    const running = Date.now();
    await drained(scheduler);
    const ranMs = Date.now() - running;
    const breaches = (await recorded('vj_breaches_recorded_total')) - breachesBefore;
    const reminders = (await recorded('vj_reminders_recorded_total')) - remindersBefore;
    const jobs = run.breachChecks + run.reminders;
    const lines = [
      `victims seeded: ${grouped(victims)}, reported ${FROM.toISOString().slice(0, 10)} to ${TO.toISOString().slice(0, 10)}`,
      `midnight: ${midnight.toISOString()}; worker concurrency ${concurrency}; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
      `window: ${grouped(run.breachChecks)} breach checks and ${grouped(run.reminders)} reminders queued in ${(queuedMs / SECOND).toFixed(2)} s`,
      `worker: ran them in ${(ranMs / SECOND).toFixed(2)} s, ${grouped(Math.round(jobs / (ranMs / SECOND)))} jobs/s (breach checks and reminders, and the deliveries they queued); ${grouped(breaches)} breaches and ${grouped(reminders)} reminders recorded`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await scheduler?.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await readModels.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
    await dropBenchSchemas(values.postgres, schema);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
