import { agencyCaller } from '@vj/access-policy';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { type Agency, AgencyConfigError, AgencyDirectory } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import type { Kysely } from 'kysely';
import { JourneyProjector, type ReadModelDatabase, ReadModels } from '@vj/read-models';
import { endOfLondonDay } from '@vj/victims-code';
import { crimeReported, journeyEvent } from '../../../test/support/journey-events';
import { readModelTables } from '../../../test/support/read-model-tables';
import { POSTGRES_URL, REDIS_URL } from '../../../test/support/server-urls';
import { DeadlineScheduler, type DeadlineSchedulerOptions } from './deadline-scheduler';
import {
  dueBreachChecks,
  dueReminders,
  type DueItem,
  ReadModelDueDeadlines,
  reminderDeadlineBound,
  reminderInstantOf,
} from './due-deadlines';
import { NOTIFICATION_OUTBOX_TENANT } from './kysely-notification-outbox';
import type { NotificationOutbox } from './notification-outbox';
import type { OutboxDatabase } from './outbox-table';
import { checkMaxmemoryPolicy } from './redis-memory-policy';

const SECRET_ENV = 'VJ_TEST_WEBHOOK_SECRET';
const SECRET = `test-secret-${randomUUID()}`;
const MINUTE = 60_000;

const devConfig = JSON.parse(
  readFileSync(join(__dirname, '../../../config/agencies.dev.json'), 'utf8'),
) as { agencies: { id: string }[] };

/** One webhook call as the receiving agency saw it. */
interface Call {
  body: Record<string, unknown>;
  timestamp: string;
  signatureValid: boolean;
  status: number;
  at: number;
}

/** An agency's webhook endpoint on 127.0.0.1: checks each signature, answers as told. */
class WebhookReceiver {
  readonly calls: Call[] = [];
  answer: () => number = () => 200;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-victim-journey-timestamp'] ?? '');
      const signature = String(req.headers['x-victim-journey-signature'] ?? '');
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${text}`).digest('hex')}`;
      const status = this.answer();
      this.calls.push({
        body: JSON.parse(text) as Record<string, unknown>,
        timestamp,
        signatureValid:
          signature.length === expected.length &&
          timingSafeEqual(Buffer.from(signature), Buffer.from(expected)),
        status,
        at: Date.now(),
      });
      res.writeHead(status).end(status < 300 ? 'ok' : 'not now');
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/victim-journey`;
  }

  delivered(): Call[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300);
  }

  reset(): void {
    this.calls.splice(0);
    this.answer = () => 200;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const receiver = new WebhookReceiver();
let agencies: AgencyDirectory;
let redis: Redis;
const agency = (id: string) => agencies.byId(id) as Agency;

beforeAll(async () => {
  const url = await receiver.listen();
  // West Yorkshire Police have a webhook; Greater Manchester Police do not.
  agencies = AgencyDirectory.fromConfig({
    agencies: devConfig.agencies.map((a) =>
      a.id === 'police-west-yorkshire' ? { ...a, webhook: { url, secretEnv: SECRET_ENV } } : a,
    ),
  });
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  await receiver.close();
  redis.disconnect();
});

/** Deletes every key under a prefix: Redis "losing everything" for this test's queue. */
async function deleteKeys(pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A fresh world per test: an in-memory event store, PostgreSQL read models in their own schema,
 * and a queue under its own Redis prefix, all removed afterwards.
 */
class Harness {
  readonly clock = new FixedClock('2026-03-02T09:00:00Z');
  readonly store = new SqliteEventStore(':memory:');
  readonly ingestion = new JourneyIngestion(
    this.store,
    this.clock,
    inMemoryPersonalDataVault(this.clock),
  );
  readonly prefix = `vjtest${randomUUID().slice(0, 8)}`;
  readonly queueName = `deadlines-${randomUUID().slice(0, 8)}`;
  readonly schema = `vj_ds_${randomUUID().slice(0, 8)}`;
  readonly logs: string[] = [];
  readModels!: ReadModels;
  outbox!: NotificationOutbox;
  tables!: Kysely<ReadModelDatabase & OutboxDatabase>;
  projector!: JourneyProjector;
  private readonly schedulers: DeadlineScheduler[] = [];
  private crimes = 0;
  private readonly crimeReferences = new Map<string, string>();

  static async open(): Promise<Harness> {
    const h = new Harness();
    h.readModels = await ReadModels.openPostgres(POSTGRES_URL, h.schema);
    h.outbox = await h.readModels.host(NOTIFICATION_OUTBOX_TENANT);
    h.tables = await readModelTables(h.readModels);
    h.projector = new JourneyProjector(h.store, h.readModels, h.clock);
    return h;
  }

  /** The police record a crime at `at`; resolves with the victim's id. */
  async report(at: string, by = agency('police-west-yorkshire')): Promise<string> {
    this.crimes += 1;
    this.clock.set(at);
    const crimeReference = `13/${String(this.crimes).padStart(6, '0')}/26`;
    const result = await this.ingestion.registerVictim(
      agencyCaller(by),
      crimeReported({ eventId: `cr-${this.crimes}`, crimeReference, occurredAt: at }),
    );
    this.crimeReferences.set(result.victimId, crimeReference);
    return result.victimId;
  }

  async post(
    victimId: string,
    type: string,
    at: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    this.clock.set(at);
    await this.ingestion.postEvents(
      agencyCaller(agency('police-west-yorkshire')),
      victimId,
      journeyEvent(type, `${type}-${randomUUID().slice(0, 8)}`, at, data, {
        crimeReference: this.crimeReferences.get(victimId) as string,
      }),
    );
  }

  /** Projects everything posted, judged at `at`. */
  async projectAt(at: string): Promise<void> {
    this.clock.set(at);
    await this.projector.catchUp();
  }

  scheduler(options: Partial<DeadlineSchedulerOptions> = {}): DeadlineScheduler {
    const s = new DeadlineScheduler({
      redisUrl: REDIS_URL,
      dueDeadlines: new ReadModelDueDeadlines(this.readModels.openDeadlines),
      outbox: this.outbox,
      projector: this.projector,
      agencies: agencies.agencies,
      clock: this.clock,
      queueName: this.queueName,
      prefix: this.prefix,
      windowMs: 15 * MINUTE,
      windowEveryMs: 5 * MINUTE,
      env: { [SECRET_ENV]: SECRET },
      logger: { warn: (m) => this.logs.push(m), error: (m) => this.logs.push(m) },
      ...options,
      delivery: { attempts: 3, backoffMs: 50, timeoutMs: 2000, ...options.delivery },
    });
    this.schedulers.push(s);
    return s;
  }

  /** The support-referral entitlement ids of these victims (one each, from the crime report). */
  async supportReferrals(victimIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.tables
      .selectFrom('entitlements')
      .select(['victim_id', 'entitlement_id'])
      .where('rule_id', '=', 'support-referral')
      .where('victim_id', 'in', victimIds)
      .execute();
    return new Map(rows.map((r) => [r.victim_id, r.entitlement_id]));
  }

  async notifications() {
    return this.tables.selectFrom('notifications').selectAll().orderBy('id').execute();
  }

  /** Ids of the deadline jobs in Redis (not the Job Scheduler's own next run). */
  async jobs(s: DeadlineScheduler): Promise<{ id: string; name: string; delay: number }[]> {
    const jobs = await s.queue.getJobs(['delayed', 'waiting', 'active', 'prioritized']);
    return jobs
      .filter((j) => j.name !== 'schedule-window')
      .map((j) => ({ id: j.id as string, name: j.name, delay: j.delay }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Waits until no deadline job is waiting, running or delayed. */
  async settled(s: DeadlineScheduler): Promise<void> {
    await until('the queue to settle', async () => (await this.jobs(s)).length === 0);
  }

  async flushRedis(): Promise<void> {
    await deleteKeys(`${this.prefix}:*`);
  }

  async close(): Promise<void> {
    for (const s of this.schedulers) await s.close();
    await this.flushRedis();
    await this.readModels.close();
    await this.store.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    await pool.end();
  }
}

let h: Harness;

beforeEach(async () => {
  receiver.reset();
  h = await Harness.open();
});

afterEach(async () => {
  await h.close();
});

const ms = (iso: string) => Date.parse(iso);

describe('the scheduler window', () => {
  it('moves into Redis only what falls due in the window: the due count, not the caseload', async () => {
    // Due in the window: 3 victims reported on Monday 2 March 2026, referral to support due by
    // the end of Wednesday 4 March (midnight, 2026-03-05T00:00Z).
    const due: string[] = [];
    for (let i = 0; i < 3; i += 1) due.push(await h.report(`2026-03-02T10:0${i}:00Z`));
    // Outside it: 30 victims reported on Wednesday 4 March with a suspect arrested, referral due
    // Friday 6 March and the arrest update Wednesday 11 March.
    const later: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const v = await h.report(`2026-03-04T10:${String(i).padStart(2, '0')}:00Z`);
      await h.post(v, 'suspect-arrested', `2026-03-04T11:${String(i).padStart(2, '0')}:00Z`, {
        suspectNumber: 1,
      });
      later.push(v);
    }
    const now = '2026-03-04T23:50:00Z';
    await h.projectAt(now);
    const open = await h.tables
      .selectFrom('entitlements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('deadline_ends_at', 'is not', null)
      .executeTakeFirstOrThrow();
    // Each report also owes its written acknowledgement (Right 3), due Mon 9 and Wed 11 March:
    // open, but outside the window.
    expect(Number(open.n)).toBe(3 * 2 + 30 * 3);

    // Reminders on the deadline's own day (0 working days before) keep the arithmetic plain.
    const s = h.scheduler({ reminderWorkingDays: 0 });
    expect(await s.scheduleWindow()).toEqual({ breachChecks: 3, reminders: 3, deliveries: 0 });

    const referrals = await h.supportReferrals(due);
    const expected = due.flatMap((v) => {
      const e = referrals.get(v) as string;
      return [
        // The breach check at the deadline's end, 10 minutes on: delayed by 10 minutes.
        { id: `breach-check-${v}-${e}-${ms('2026-03-05T00:00:00Z')}`, delay: 10 * MINUTE },
        // The reminder at the start of the deadline day, already past: at once.
        { id: `reminder-${v}-${e}-${ms('2026-03-04T00:00:00Z')}`, delay: 0 },
      ];
    });
    const queued = await h.jobs(s);
    expect(queued.map(({ id, delay }) => ({ id, delay }))).toEqual(
      expected.sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(queued.every((j) => !j.id.includes(':'))).toBe(true);
    expect(await s.queue.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 3, waiting: 3 });

    // Running the window again, and a second scheduler on the same queue, queue nothing twice.
    await s.scheduleWindow();
    const other = h.scheduler({ reminderWorkingDays: 0 });
    await Promise.all([other.scheduleWindow(), other.scheduleWindow(), s.scheduleWindow()]);
    expect(await h.jobs(s)).toEqual(queued);
  });
});

describe('breach checks', () => {
  it('records one breach when the deadline ends unmet, and nothing for one met meanwhile', async () => {
    const unmet = await h.report('2026-03-02T10:00:00Z');
    const met = await h.report('2026-03-02T10:05:00Z');
    await h.projectAt('2026-03-04T23:50:00Z');
    const s = h.scheduler();
    expect(await s.scheduleWindow()).toMatchObject({ breachChecks: 2 });

    // Five minutes before the end of the deadline day, the second victim is referred.
    await h.post(met, 'referred-to-support', '2026-03-04T23:55:00Z', {
      service: 'victim-support',
    });
    await h.projectAt('2026-03-04T23:55:00Z');

    // The deadline ends; the queued checks fire.
    h.clock.set('2026-03-05T00:00:30Z');
    await s.start({ jobScheduler: false });
    await s.queue.promoteJobs();
    await h.settled(s);

    const referrals = await h.supportReferrals([unmet, met]);
    const rows = await h.notifications();
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [`breach-${unmet}-${referrals.get(unmet)}`, 'delivered'],
    ]);
    expect(receiver.delivered().map((c) => c.body)).toEqual([
      {
        id: `breach-${unmet}-${referrals.get(unmet)}`,
        kind: 'breach',
        victimId: unmet,
        entitlementId: referrals.get(unmet),
        ruleId: 'support-referral',
        policeArea: 'west-yorkshire',
        owedBy: 'police',
        deadlineDate: '2026-03-04',
      },
    ]);
    // The reminders queued at 23:50 found the deadline ended: no reminder after a deadline.
    expect(rows.filter((r) => r.kind === 'reminder')).toEqual([]);
    // Nothing is due any more: recorded, or met.
    expect(await s.scheduleWindow()).toEqual({ breachChecks: 0, reminders: 0, deliveries: 0 });
  });
});

describe('reminders', () => {
  it('reminds the owing agency N working days before the deadline, not earlier', async () => {
    // Arrested on Monday 9 March 2026: the arrest update is due within 5 working days, by the end
    // of Monday 16 March. Two working days before: Thursday 12 March, from midnight.
    const v = await h.report('2026-03-09T10:00:00Z');
    await h.post(v, 'suspect-arrested', '2026-03-09T11:00:00Z', { suspectNumber: 1 });
    await h.post(v, 'referred-to-support', '2026-03-09T12:00:00Z', { service: 'victim-support' });
    // Acknowledged in writing (Right 3), so the arrest update is the one deadline left.
    await h.post(v, 'victim-informed', '2026-03-09T12:30:00Z', {
      entitlement: 'report-acknowledgement',
      method: 'letter',
    });
    await h.projectAt('2026-03-11T23:00:00Z');
    const registry = new Registry();
    const s = h.scheduler({ reminderWorkingDays: 2, registry });

    expect(await s.scheduleWindow()).toEqual({ breachChecks: 0, reminders: 0, deliveries: 0 });
    h.clock.set('2026-03-11T23:50:00Z');
    expect(await s.scheduleWindow()).toEqual({ breachChecks: 0, reminders: 1, deliveries: 0 });
    const [job] = await h.jobs(s);
    expect(job?.id).toMatch(
      new RegExp(`^reminder-${v}-arrest-update\\.[0-9a-f-]+-${ms('2026-03-12T00:00:00Z')}$`),
    );
    expect(job?.delay).toBe(10 * MINUTE);

    // Fired early (by the clock), it does nothing; the next window queues it again.
    await s.start({ jobScheduler: false });
    await s.queue.promoteJobs();
    await h.settled(s);
    expect(await h.notifications()).toEqual([]);
    expect(await s.scheduleWindow()).toMatchObject({ reminders: 1 });

    h.clock.set('2026-03-12T00:00:01Z');
    await s.queue.promoteJobs();
    await h.settled(s);
    const rows = await h.notifications();
    expect(rows.map((r) => [r.kind, r.rule_id, r.deadline_date, r.status])).toEqual([
      ['reminder', 'arrest-update', '2026-03-16', 'delivered'],
    ]);
    expect(receiver.delivered()).toHaveLength(1);
    expect(receiver.delivered()[0]?.body).toMatchObject({
      kind: 'reminder',
      ruleId: 'arrest-update',
      deadlineDate: '2026-03-16',
    });
    expect(await registry.metrics()).toMatch(/^vj_reminders_recorded_total 1$/m);
  });
});

describe('when Redis loses everything', () => {
  it('the next scheduler run restores every deadline due in the window; none is missed or doubled', async () => {
    // In the window from 23:30 on Wednesday 4 March 2026 (one hour, reminders on the deadline
    // day): group A's referral ends at midnight (breach check) and its reminder is past; group
    // B's is due Thursday, reminded from midnight. Group C's (due Friday) is outside.
    const groupA: string[] = [];
    const groupB: string[] = [];
    const groupC: string[] = [];
    for (let i = 0; i < 4; i += 1) groupA.push(await h.report(`2026-03-02T10:0${i}:00Z`));
    for (let i = 0; i < 3; i += 1) groupB.push(await h.report(`2026-03-03T10:0${i}:00Z`));
    for (let i = 0; i < 10; i += 1) groupC.push(await h.report(`2026-03-04T10:0${i}:00Z`));
    await h.projectAt('2026-03-04T23:30:00Z');

    const options = {
      windowMs: 60 * MINUTE,
      windowEveryMs: 10 * MINUTE,
      reminderWorkingDays: 0,
      delivery: { attempts: 4, backoffMs: 3000 },
    };
    const s = h.scheduler(options);
    // The agency's endpoint is down: group A's reminders are recorded, their delivery waits.
    receiver.answer = () => 503;
    await s.start(); // with the Job Scheduler: its first run is at once
    await until('A reminders to be recorded, delivery retrying', async () => {
      const deliveries = (await h.jobs(s)).filter((j) => j.name === 'deliver');
      // Each delivery has been tried once (a job can be queued before its first attempt is made).
      const refused = receiver.calls.filter((c) => c.status === 503).length;
      return deliveries.length === 4 && refused >= 4 && (await s.queue.getDelayedCount()) >= 4 + 7;
    });
    const before = await h.jobs(s);
    const dueBefore = before.filter((j) => j.name !== 'deliver');
    expect(dueBefore.filter((j) => j.name === 'breach-check')).toHaveLength(4);
    expect(dueBefore.filter((j) => j.name === 'reminder')).toHaveLength(3);
    expect(receiver.delivered()).toEqual([]);
    expect(receiver.calls.filter((c) => c.status === 503).length).toBeGreaterThanOrEqual(4);
    const recorded = await h.notifications();
    expect(recorded.map((r) => [r.kind, r.status])).toEqual(
      Array.from({ length: 4 }, () => ['reminder', 'pending']),
    );

    // Redis loses everything: the queued checks, the retrying deliveries, the Job Scheduler.
    await h.flushRedis();
    expect(await redis.keys(`${h.prefix}:*`)).toEqual([]);
    expect(await h.jobs(s)).toEqual([]);
    receiver.answer = () => 200;

    // The watchdog finds the Job Scheduler gone and re-creates it; its run restores the window
    // and the deliveries recorded but not yet made.
    expect(await s.ensureJobScheduler()).toBe(true);
    await until('the deliveries to be made again', () =>
      Promise.resolve(receiver.delivered().length === 4),
    );
    await until('the window to be restored', async () => (await h.jobs(s)).length === 7);
    expect((await h.jobs(s)).map(({ id, name }) => ({ id, name }))).toEqual(
      dueBefore.map(({ id, name }) => ({ id, name })),
    );
    // However many runs, on however many schedulers: nothing twice.
    const other = h.scheduler(options);
    await Promise.all([other.scheduleWindow(), other.scheduleWindow(), s.scheduleWindow()]);
    expect((await h.jobs(s)).map((j) => j.id)).toEqual(dueBefore.map((j) => j.id));

    // Midnight passes: the breach checks and group B's reminders fire.
    h.clock.set('2026-03-05T00:00:30Z');
    await s.queue.promoteJobs();
    await h.settled(s);

    // Redis loses everything again, after all was processed: nothing is queued twice.
    await h.flushRedis();
    expect(await other.scheduleWindow()).toEqual({ breachChecks: 0, reminders: 0, deliveries: 0 });

    // A day on, group B's deadlines end and group C's reminders fall due: nothing is missed.
    h.clock.set('2026-03-06T00:00:30Z');
    expect(await other.scheduleWindow()).toEqual({ breachChecks: 3, reminders: 10, deliveries: 0 });
    await h.settled(s);

    const referrals = await h.supportReferrals([...groupA, ...groupB, ...groupC]);
    const id = (kind: string, v: string) => `${kind}-${v}-${referrals.get(v)}`;
    const expected = [
      ...groupA.flatMap((v) => [id('reminder', v), id('breach', v)]),
      ...groupB.flatMap((v) => [id('reminder', v), id('breach', v)]),
      ...groupC.map((v) => id('reminder', v)),
    ].sort();
    const rows = await h.notifications();
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    // Every reminder and breach was delivered exactly once, each call signed.
    const deliveredIds = receiver
      .delivered()
      .map((c) => c.body.id as string)
      .sort();
    expect(deliveredIds).toEqual(expected);
    expect(receiver.calls.every((c) => c.signatureValid)).toBe(true);
  });
});

describe('webhook delivery', () => {
  it('signs, retries with backoff, fails after the last attempt, and an operator can retry', async () => {
    const wy = await h.report('2026-03-02T10:00:00Z');
    const gm = await h.report('2026-03-02T10:00:00Z', agency('police-greater-manchester'));
    await h.projectAt('2026-03-05T00:00:30Z');
    const registry = new Registry();
    const s = h.scheduler({ registry, delivery: { attempts: 3, backoffMs: 100 } });
    receiver.answer = () => 500;
    await s.start({ jobScheduler: false });
    expect(await s.scheduleWindow()).toMatchObject({ breachChecks: 2 });

    const [failed] = await until('the delivery to fail', async () => {
      const list = await s.failedNotifications();
      return list.length > 0 && list;
    });
    await h.settled(s);
    const referrals = await h.supportReferrals([wy, gm]);
    expect(failed).toMatchObject({
      id: `breach-${wy}-${referrals.get(wy)}`,
      kind: 'breach',
      status: 'failed',
      attempts: 3,
      lastError: 'webhook answered HTTP 500',
    });
    expect(receiver.calls.map((c) => c.status)).toEqual([500, 500, 500]);
    expect(receiver.calls.every((c) => c.signatureValid)).toBe(true);
    // Exponential backoff: 100 ms, then 200 ms.
    const gaps = receiver.calls.slice(1).map((c, i) => c.at - (receiver.calls[i] as Call).at);
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThanOrEqual(190);
    // No personal data: identifiers, the rule and the deadline only.
    expect(Object.keys(receiver.calls[0]?.body ?? {}).sort()).toEqual(
      [
        'deadlineDate',
        'entitlementId',
        'id',
        'kind',
        'owedBy',
        'policeArea',
        'ruleId',
        'victimId',
      ].sort(),
    );
    expect(h.logs).toEqual([
      `notification ${failed?.id} to police-west-yorkshire failed after 3 attempts: webhook answered HTTP 500`,
    ]);
    // Greater Manchester Police have no webhook: recorded, and marked undeliverable.
    const gmRow = (await h.notifications()).find((r) => r.victim_id === gm);
    expect(gmRow).toMatchObject({ kind: 'breach', status: 'undeliverable', attempts: 0 });
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/^vj_breaches_recorded_total 2$/m);
    expect(metrics).toMatch(/^vj_notification_failures_total 1$/m);
    expect(metrics).toMatch(/^vj_deadline_queue_depth\{state="delayed"\} 0$/m);

    receiver.answer = () => 200;
    expect(await s.retryNotification(failed?.id as string)).toBe(true);
    await until('the retried delivery', () => Promise.resolve(receiver.delivered().length === 1));
    await h.settled(s);
    expect(await s.failedNotifications()).toEqual([]);
    expect((await h.notifications()).find((r) => r.victim_id === wy)).toMatchObject({
      status: 'delivered',
      attempts: 1,
    });
    expect(await s.retryNotification(failed?.id as string)).toBe(false);
    expect(await s.retryNotification('breach-nobody-nothing')).toBe(false);
    expect(receiver.calls).toHaveLength(4);
    expect(receiver.calls.every((c) => c.signatureValid)).toBe(true);
  });
});

describe('configuration', () => {
  it("warns at start when Redis's maxmemory-policy is not noeviction, or cannot be read", async () => {
    const answering = (reply: unknown) => ({ config: () => Promise.resolve(reply) });
    expect(await checkMaxmemoryPolicy(answering(['maxmemory-policy', 'allkeys-lru']))).toMatch(
      /maxmemory-policy is allkeys-lru, not noeviction/,
    );
    expect(await checkMaxmemoryPolicy(answering(['maxmemory-policy', 'noeviction']))).toBe(
      undefined,
    );
    expect(await checkMaxmemoryPolicy(answering({ 'maxmemory-policy': 'noeviction' }))).toBe(
      undefined,
    );
    expect(await checkMaxmemoryPolicy(answering([]))).toMatch(/did not report/);
    const disabled = {
      config: () => Promise.reject(new Error("ERR unknown command 'CONFIG'")),
    };
    expect(await checkMaxmemoryPolicy(disabled)).toMatch(/could not read .*unknown command/);

    // The real server: whatever it is set to, start() says the same.
    const [, policy] = await redis.config('GET', 'maxmemory-policy');
    const warning = await checkMaxmemoryPolicy(redis);
    expect(warning === undefined).toBe(policy === 'noeviction');
    const s = h.scheduler();
    expect(await s.start({ jobScheduler: false })).toEqual(warning ? [warning] : []);
  });

  it('refuses to start when a webhook secret is missing from the environment', async () => {
    const s = h.scheduler({ env: {} });
    await expect(s.start()).rejects.toThrow(
      `the webhook of police-west-yorkshire needs its secret in ${SECRET_ENV}`,
    );
  });

  it('validates webhooks in the agency directory: a URL and the name of a secret, never the secret', () => {
    const withWebhook = (webhook: unknown) => ({
      agencies: [{ ...devConfig.agencies[0], webhook }],
    });
    expect(
      AgencyDirectory.fromConfig(
        withWebhook({ url: 'https://police.example/hooks', secretEnv: 'WYP_WEBHOOK_SECRET' }),
      ).agencies[0]?.webhook,
    ).toEqual({ url: 'https://police.example/hooks', secretEnv: 'WYP_WEBHOOK_SECRET' });
    for (const bad of [
      { url: 'ftp://police.example/hooks', secretEnv: 'WYP_SECRET' },
      { url: 'not a url', secretEnv: 'WYP_SECRET' },
      { url: 'https://user:pw@police.example/hooks', secretEnv: 'WYP_SECRET' },
      { url: 'https://police.example/hooks', secretEnv: 'lower-case' },
      { url: 'https://police.example/hooks', secretEnv: 'WYP_SECRET', secret: 'in the file' },
      'https://police.example/hooks',
    ]) {
      expect(() => AgencyDirectory.fromConfig(withWebhook(bad))).toThrow(AgencyConfigError);
    }
  });
});

describe('due-deadline queries', () => {
  const readModelsOn: Record<string, () => Promise<{ rm: ReadModels; drop: () => Promise<void> }>> =
    {
      SQLite: async () => ({ rm: await ReadModels.openSqlite(':memory:'), drop: async () => {} }),
      PostgreSQL: async () => {
        const schema = `vj_dq_${randomUUID().slice(0, 8)}`;
        const rm = await ReadModels.openPostgres(POSTGRES_URL, schema);
        return {
          rm,
          drop: async () => {
            const pool = new Pool({ connectionString: POSTGRES_URL });
            await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            await pool.end();
          },
        };
      },
    };

  it.each(Object.keys(readModelsOn))('page through what is due, on %s', async (kind) => {
    const { rm, drop } = await (
      readModelsOn[kind] as () => ReturnType<(typeof readModelsOn)['SQLite']>
    )();
    try {
      await rm.host(NOTIFICATION_OUTBOX_TENANT);
      const tables = await readModelTables(rm);
      const row = (
        victim: string,
        date: string,
        status = 'pending',
        fulfilled: string | null = null,
      ) => ({
        victim_id: victim,
        entitlement_id: `support-referral.${victim}`,
        police_area: 'west-yorkshire',
        crime_reference: '13/000001/26',
        rule_id: 'support-referral',
        right_no: 4,
        edition: 'victims-code-2020',
        owed_by: 'police',
        enhanced: 0,
        status,
        triggered_at: '2026-03-01T10:00:00Z',
        deadline_date: date,
        deadline_ends_at: endOfLondonDay(date),
        fulfilled_at: fulfilled,
        working_days_late: null,
        body: '{}',
      });
      await tables
        .insertInto('entitlements')
        .values([
          row('v1', '2026-03-03', 'breached'), // ended Tuesday, unreported: checked at once
          row('v2', '2026-03-04'), // ends at midnight tonight
          row('v3', '2026-03-04'),
          row('v4', '2026-03-04', 'met', '2026-03-04T09:00:00Z'),
          row('v5', '2026-03-05'), // Thursday: not checked yet
          row('v6', '2026-03-06'), // Friday: reminded (1 wd) from midnight, checked later
          row('v7', '2026-03-03', 'breached'), // already reported
        ])
        .execute();
      await tables
        .insertInto('notifications')
        .values({
          id: 'breach-v7-support-referral.v7',
          kind: 'breach',
          victim_id: 'v7',
          entitlement_id: 'support-referral.v7',
          police_area: 'west-yorkshire',
          owed_by: 'police',
          rule_id: 'support-referral',
          deadline_date: '2026-03-03',
          status: 'delivered',
          attempts: 1,
          last_error: null,
          created_at: '2026-03-04T00:00:01Z',
          delivered_at: '2026-03-04T00:00:02Z',
          payload: '{}',
        })
        .execute();
      const window = {
        now: '2026-03-04T23:30:00.000Z',
        horizon: '2026-03-05T00:30:00.000Z',
        pageSize: 2,
      };
      const all = async (pages: AsyncGenerator<DueItem[]>) => {
        const items: DueItem[] = [];
        for await (const page of pages) {
          expect(page.length).toBeLessThanOrEqual(2);
          items.push(...page);
        }
        return items.map((i) => `${i.kind} ${i.victimId} ${i.dueAt}`);
      };
      expect(await all(dueBreachChecks(rm.openDeadlines, window))).toEqual([
        'breach-check v1 2026-03-04T00:00:00.000Z',
        'breach-check v2 2026-03-05T00:00:00.000Z',
        'breach-check v3 2026-03-05T00:00:00.000Z',
      ]);
      expect(await all(dueReminders(rm.openDeadlines, { ...window, workingDays: 1 }))).toEqual([
        'reminder v2 2026-03-03T00:00:00.000Z', // Wednesday's deadline, reminded Tuesday
        'reminder v3 2026-03-03T00:00:00.000Z',
        'reminder v5 2026-03-04T00:00:00.000Z',
        'reminder v6 2026-03-05T00:00:00.000Z', // Friday's, reminded from Thursday 00:00
      ]);
    } finally {
      await rm.close();
      await drop();
    }
  });
});

describe('reminder instants', () => {
  it('is the start of the London day N working days before the deadline date', () => {
    // Friday 16 January 2026, 2 working days before: Wednesday 14 January, 00:00 GMT.
    expect(reminderInstantOf('2026-01-16', 2)).toBe('2026-01-14T00:00:00.000Z');
    // Friday 5 June 2026, 1 working day before: Thursday 4 June, 00:00 BST.
    expect(reminderInstantOf('2026-06-05', 1)).toBe('2026-06-03T23:00:00.000Z');
    // Tuesday 7 April 2026, 1 working day before: Thursday 2 April (Easter in between), BST.
    expect(reminderInstantOf('2026-04-07', 1)).toBe('2026-04-01T23:00:00.000Z');
  });

  it('the SQL bound never leaves out a deadline whose reminder falls before the horizon', () => {
    const DAY = 86_400_000;
    const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);
    const missed: string[] = [];
    for (let n = 0; n <= 5; n += 1) {
      // Spring 2026: Easter, the May bank holidays and the clocks going forward.
      for (let day = 0; day < 100; day += 1) {
        for (const hour of [0.5, 13, 23.5]) {
          const start = Date.UTC(2026, 2, 1) + day * DAY;
          const horizon = new Date(start + hour * 3_600_000).toISOString();
          const bound = reminderDeadlineBound(horizon, n);
          for (let ahead = -3; ahead < 20; ahead += 1) {
            const deadlineDate = dateOf(start + ahead * DAY);
            const due = reminderInstantOf(deadlineDate, n) < horizon;
            if (due && endOfLondonDay(deadlineDate) > bound) {
              missed.push(`${deadlineDate} n=${n} horizon ${horizon}`);
            }
          }
        }
      }
    }
    expect(missed).toEqual([]);
  });
});
