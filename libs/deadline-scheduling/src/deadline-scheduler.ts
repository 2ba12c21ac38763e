import { type Job, type JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Agency } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import type { EntitlementRow } from '@vj/read-models';
import { type DueDeadlines, type DueItem, reminderInstantOf } from './due-deadlines';
import {
  assertJobIdSafe,
  type NotificationOutbox,
  type NotificationView,
  viewOf,
} from './notification-outbox';
import { checkMaxmemoryPolicy } from './redis-memory-policy';
import { postSigned, WebhookError, webhookAgencyFor } from './webhook';

/**
 * The reactor to the journey read models: deadline timers on BullMQ, breach checks, reminders and
 * signed webhooks. It causes side effects and builds no read model; its own record of what it did
 * is the notification outbox. Redis holds only what falls due soon.
 *
 * Every open deadline lives in the read model, indexed by the instant it ends; nationally that is
 * millions of rows, far too many to keep as one delayed job each in Redis memory. Instead a BullMQ
 * Job Scheduler runs `scheduleWindow()` every `windowEveryMs`: it reads from the read model the
 * breach checks and reminders falling due before now + `windowMs` and adds one delayed job for
 * each. Redis memory is bounded by what falls due in a window, not by the caseload.
 *
 * Nothing is queued twice: a job's id is its kind, the entitlement and the instant it is due
 * (`breach-check-<victimId>-<entitlementId>-<due ms>`), and BullMQ ignores an add whose id is in
 * the queue already, however often and on however many workers the window runs. (The due instant
 * is part of the id so that a deadline which moves, an out-of-order event changing it, gets a
 * job at its new time rather than waiting for the old one: the old job then finds nothing to do.)
 *
 * Nothing is recorded twice either: a breach check or a reminder that fires records its
 * notification in the outbox (its own table, `notifications`, beside the read models) with an INSERT
 * ... ON CONFLICT DO NOTHING on `${kind}-${victimId}-${entitlementId}`, and only the call that
 * inserted it queues its delivery. So if Redis loses everything (it keeps nothing on disk here),
 * the next window run queues again whatever is due and not yet recorded, including deadlines that
 * ended while it was down, and re-queues the delivery of everything recorded and not yet sent: no
 * reminder or breach is missed, and none is recorded or sent twice. (Delivery itself is at least
 * once, as any webhook is: a worker dying between posting and recording it posts again, so the
 * receiver drops repeats by the notification's `id`.) A watchdog re-creates the Job Scheduler
 * itself when Redis has lost it.
 *
 * Decisions are taken at the injected clock's now; only BullMQ's own delays run on real time,
 * and they are computed from the clock (due instant − now, 0 when past).
 */

export const DEADLINE_QUEUE = 'deadlines';
export const WINDOW_SCHEDULER_ID = 'deadline-window';

export type DeadlineJobName = 'schedule-window' | 'breach-check' | 'reminder' | 'deliver';

export interface DueJobData {
  victimId: string;
  entitlementId: string;
  /** When it falls due (ISO instant), as the window saw it. */
  dueAt: string;
}

export interface DeliverJobData {
  notificationId: string;
}

export type DeadlineJobData = DueJobData | DeliverJobData | Record<string, never>;

/** What a job did, as its return value (for logs and tests). */
export type DeadlineJobOutcome =
  | 'window-scheduled'
  | 'breach-recorded'
  | 'reminder-recorded'
  | 'already-recorded'
  | 'nothing-to-do'
  | 'delivered'
  | 'undeliverable';

export interface DeadlineSchedulerOptions {
  /** e.g. redis://127.0.0.1:6379 */
  redisUrl: string;
  /** Open deadlines, read from the read models (`ReadModelDueDeadlines`). */
  dueDeadlines: DueDeadlines;
  /** What was recorded and sent (`readModels.host(NOTIFICATION_OUTBOX_TENANT)`). */
  outbox: NotificationOutbox;
  /** Re-judges victims at the clock's now: `JourneyProjector.recheckVictims`. */
  projector: { recheckVictims(victimIds: readonly string[]): Promise<unknown> };
  /** The agency directory's agencies: who owes what where, and their webhooks. */
  agencies: readonly Agency[];
  clock: Clock;
  /** The BullMQ queue (default `deadlines`); tests use their own. */
  queueName?: string;
  /** BullMQ's Redis key prefix (default `bull`): the queue's keys are `<prefix>:<queueName>:*`. */
  prefix?: string;
  /** How far ahead each run queues what falls due (default 15 minutes). */
  windowMs?: number;
  /**
   * How often the window runs (default 5 minutes). Keep it well under `windowMs`, so each run
   * overlaps the last and a slow or missed run delays nothing.
   */
  windowEveryMs?: number;
  /** Remind the owing agency this many working days before the deadline's date (default 1). */
  reminderWorkingDays?: number;
  delivery?: {
    /** Attempts per notification before it is failed (default 8). */
    attempts?: number;
    /** First retry delay, doubled each time (default 1000 ms): BullMQ's exponential backoff. */
    backoffMs?: number;
    /** Per request (default 10 s). */
    timeoutMs?: number;
  };
  /**
   * Jobs processed at once by this process's worker (default 32). Breach checks that run together
   * are re-judged in one transaction (`JourneyProjector.recheckVictims`), so a midnight's checks
   * go faster the more run at once: `bench/breach-checks.ts` measured 99, 190 and 252 jobs a
   * second at 4, 16 and 32 (docs/benchmarks.md).
   */
  concurrency?: number;
  /** Rows read from the read model at a time (default 500). */
  pageSize?: number;
  /** Where the counters and the queue-depth gauge are registered, if anywhere. */
  registry?: Registry;
  /** Where webhook secrets are read from, by the names in the agency directory (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: { warn(message: string): void; error(message: string): void };
}

/** What one run of the window found due (queued, or already in the queue). */
export interface WindowRun {
  breachChecks: number;
  reminders: number;
  /** Recorded notifications not yet delivered, whose delivery was (re-)queued. */
  deliveries: number;
}

const consoleLogger = {
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export class DeadlineScheduler {
  readonly queue: Queue<DeadlineJobData, DeadlineJobOutcome, string>;
  private worker: Worker<DeadlineJobData, DeadlineJobOutcome, string> | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly outbox: NotificationOutbox;
  private readonly deadlines: DueDeadlines;
  private readonly connection: { url: string };
  private readonly queueName: string;
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly windowEveryMs: number;
  private readonly reminderWorkingDays: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly pageSize: number;
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly logger: { warn(message: string): void; error(message: string): void };
  private readonly metrics: { reminders: Counter; breaches: Counter; failures: Counter };

  constructor(private readonly options: DeadlineSchedulerOptions) {
    this.queueName = options.queueName ?? DEADLINE_QUEUE;
    this.prefix = options.prefix ?? 'bull';
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.windowEveryMs = options.windowEveryMs ?? 5 * 60_000;
    this.reminderWorkingDays = options.reminderWorkingDays ?? 1;
    this.attempts = options.delivery?.attempts ?? 8;
    this.backoffMs = options.delivery?.backoffMs ?? 1000;
    this.timeoutMs = options.delivery?.timeoutMs ?? 10_000;
    this.concurrency = options.concurrency ?? 32;
    this.pageSize = options.pageSize ?? 500;
    this.env = options.env ?? process.env;
    this.logger = options.logger ?? consoleLogger;
    if (!(this.windowEveryMs > 0 && this.windowMs >= this.windowEveryMs)) {
      throw new Error(
        'deadline scheduler: windowMs must be at least windowEveryMs (> 0), or what falls due ' +
          'between two runs would be queued late',
      );
    }
    if (!Number.isSafeInteger(this.reminderWorkingDays) || this.reminderWorkingDays < 0) {
      throw new Error('deadline scheduler: reminderWorkingDays must be a whole number, 0 or more');
    }
    if (!Number.isSafeInteger(this.attempts) || this.attempts < 1) {
      throw new Error('deadline scheduler: delivery.attempts must be a whole number, 1 or more');
    }
    this.connection = { url: options.redisUrl };
    this.queue = new Queue<DeadlineJobData, DeadlineJobOutcome, string>(this.queueName, {
      connection: this.connection,
      prefix: this.prefix,
    });
    this.queue.on('error', (error) => this.logger.error(`deadline queue: ${error.message}`));
    this.outbox = options.outbox;
    this.deadlines = options.dueDeadlines;
    this.metrics = this.registerMetrics(options.registry);
  }

  /**
   * Starts this process's worker and (unless `jobScheduler: false`) the Job Scheduler that runs
   * the window, with a watchdog that re-creates it if Redis lost it. Fails when a webhook's secret
   * is missing from the environment; resolves with the warnings logged (Redis's memory policy).
   */
  async start(opts: { jobScheduler?: boolean } = {}): Promise<string[]> {
    if (this.worker) throw new Error('deadline scheduler: already started');
    this.assertWebhookSecrets();
    const warnings: string[] = [];
    const memoryWarning = await this.checkRedisMemoryPolicy();
    if (memoryWarning) {
      warnings.push(memoryWarning);
      this.logger.warn(`deadline scheduler: ${memoryWarning}`);
    }
    const worker = new Worker<DeadlineJobData, DeadlineJobOutcome, string>(
      this.queueName,
      (job) => this.process(job),
      { connection: this.connection, prefix: this.prefix, concurrency: this.concurrency },
    );
    worker.on('error', (error) => this.logger.error(`deadline worker: ${error.message}`));
    this.worker = worker;
    if (opts.jobScheduler !== false) {
      await this.ensureJobScheduler();
      this.watchdog = setInterval(() => {
        this.ensureJobScheduler().catch((error: unknown) =>
          this.logger.error(`deadline scheduler watchdog: ${String(error)}`),
        );
      }, this.windowEveryMs);
      this.watchdog.unref();
    }
    return warnings;
  }

  /**
   * Creates the Job Scheduler that runs the window every `windowEveryMs`, unless it is there
   * already with that interval. Resolves true when it (re-)created it: at start, and after Redis
   * lost it.
   */
  async ensureJobScheduler(): Promise<boolean> {
    const existing = await this.queue.getJobScheduler(WINDOW_SCHEDULER_ID);
    if (existing && Number(existing.every) === this.windowEveryMs) return false;
    await this.queue.upsertJobScheduler(
      WINDOW_SCHEDULER_ID,
      { every: this.windowEveryMs },
      {
        name: 'schedule-window',
        data: {},
        opts: { removeOnComplete: true, removeOnFail: true },
      },
    );
    return true;
  }

  /**
   * Moves what falls due before now + window from the read model into delayed jobs, and
   * re-queues the delivery of every recorded notification not yet delivered. Idempotent: run it
   * as often as you like, on as many workers.
   */
  async scheduleWindow(): Promise<WindowRun> {
    const now = this.options.clock.now();
    const window = {
      now: now.toISOString(),
      horizon: new Date(now.getTime() + this.windowMs).toISOString(),
      pageSize: this.pageSize,
    };
    const run: WindowRun = { breachChecks: 0, reminders: 0, deliveries: 0 };
    for await (const due of this.deadlines.breachChecks(window)) {
      await this.queueDue(due, now);
      run.breachChecks += due.length;
    }
    const reminders = { ...window, workingDays: this.reminderWorkingDays };
    for await (const due of this.deadlines.reminders(reminders)) {
      await this.queueDue(due, now);
      run.reminders += due.length;
    }
    for await (const ids of this.outbox.pendingIds(this.pageSize)) {
      await this.queue.addBulk(
        ids.map((id) => ({
          name: 'deliver',
          data: { notificationId: id },
          opts: this.deliverOpts(id),
        })),
      );
      run.deliveries += ids.length;
    }
    return run;
  }

  /** Notifications whose delivery failed after every attempt: the operator's list. */
  async failedNotifications(limit = 100, offset = 0): Promise<NotificationView[]> {
    return (await this.outbox.list('failed', limit, offset)).map(viewOf);
  }

  /**
   * Sends a failed (or undeliverable) notification again, with a fresh set of attempts. False
   * when there is no such notification in either state.
   */
  async retryNotification(id: string): Promise<boolean> {
    if (!(await this.outbox.resetForRetry(id))) return false;
    // A finished job kept under this id would make the add below a no-op.
    await this.queue.remove(id);
    await this.queue.add('deliver', { notificationId: id }, this.deliverOpts(id));
    return true;
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    await this.worker?.close();
    this.worker = undefined;
    await this.queue.close();
  }

  /** The job for one due item: delayed until it is due by the clock, never queued twice. */
  private async queueDue(items: readonly DueItem[], now: Date): Promise<void> {
    const safe = items.filter((item) => {
      try {
        assertJobIdSafe(item.victimId, item.entitlementId);
        return true;
      } catch (error) {
        // Never expected (victim ids are UUIDs; entitlement ids a rule id and event UUIDs): one
        // bad row is reported, not allowed to stop the rest of the window.
        this.logger.error(`deadline scheduler: ${String(error)}`);
        return false;
      }
    });
    await this.queue.addBulk(
      safe.map((item) => {
        const dueMs = Date.parse(item.dueAt);
        const data: DueJobData = {
          victimId: item.victimId,
          entitlementId: item.entitlementId,
          dueAt: item.dueAt,
        };
        return {
          name: item.kind,
          data,
          opts: {
            jobId: `${item.kind}-${item.victimId}-${item.entitlementId}-${dueMs}`,
            delay: Math.max(0, dueMs - now.getTime()),
            // A check that fails is not kept: the next window run queues it again (an id kept in
            // the failed set would block that), since the read model still shows it due.
            removeOnComplete: true,
            removeOnFail: true,
            attempts: 3,
            backoff: { type: 'exponential', delay: this.backoffMs },
          },
        };
      }),
    );
  }

  private deliverOpts(notificationId: string): JobsOptions {
    return {
      jobId: notificationId,
      attempts: this.attempts,
      backoff: { type: 'exponential', delay: this.backoffMs },
      removeOnComplete: true,
      // The durable failed set is the outbox table (status 'failed', kept whatever Redis loses);
      // a failed job kept in Redis would only block the relay from re-queueing the id.
      removeOnFail: true,
    };
  }

  private async process(
    job: Job<DeadlineJobData, DeadlineJobOutcome, string>,
  ): Promise<DeadlineJobOutcome> {
    const name = job.name as DeadlineJobName;
    switch (name) {
      case 'schedule-window':
        await this.scheduleWindow();
        return 'window-scheduled';
      case 'breach-check':
        return this.breachCheck(job.data as DueJobData);
      case 'reminder':
        return this.reminder(job.data as DueJobData);
      case 'deliver':
        return this.deliver(job as Job<DeliverJobData, DeadlineJobOutcome, string>);
      default:
        throw new UnrecoverableError(`unknown deadline job ${String(name)}`);
    }
  }

  /**
   * A deadline has ended: re-judge the victim now, and record a breach only if the entitlement is
   * still unfulfilled. Met, moved (pending again), not applicable or gone: nothing.
   */
  private async breachCheck({ victimId, entitlementId }: DueJobData): Promise<DeadlineJobOutcome> {
    await this.options.projector.recheckVictims([victimId]);
    const e = await this.entitlement(victimId, entitlementId);
    if (!e || e.status !== 'breached' || e.fulfilled_at !== null) return 'nothing-to-do';
    const id = await this.outbox.record('breach', e, this.options.clock.now());
    if (!id) return 'already-recorded';
    this.metrics.breaches.inc();
    await this.queue.add('deliver', { notificationId: id }, this.deliverOpts(id));
    return 'breach-recorded';
  }

  /**
   * A reminder is due: record it if the entitlement is still pending, unfulfilled and its
   * deadline not yet ended. One that fires early (its deadline moved later) does nothing: the
   * window queues it again when it is due.
   */
  private async reminder({ victimId, entitlementId }: DueJobData): Promise<DeadlineJobOutcome> {
    const now = this.options.clock.now().toISOString();
    const e = await this.entitlement(victimId, entitlementId);
    if (
      !e ||
      e.status !== 'pending' ||
      e.fulfilled_at !== null ||
      e.deadline_date === null ||
      e.deadline_ends_at === null ||
      e.deadline_ends_at <= now ||
      reminderInstantOf(e.deadline_date, this.reminderWorkingDays) > now
    ) {
      return 'nothing-to-do';
    }
    const id = await this.outbox.record('reminder', e, this.options.clock.now());
    if (!id) return 'already-recorded';
    this.metrics.reminders.inc();
    await this.queue.add('deliver', { notificationId: id }, this.deliverOpts(id));
    return 'reminder-recorded';
  }

  /**
   * Posts a recorded notification to the owing agency's webhook, signed. A non-2xx answer or a
   * network error throws, so BullMQ retries with exponential backoff; the last attempt's failure
   * marks the notification failed, for an operator to see and retry.
   */
  private async deliver(
    job: Job<DeliverJobData, DeadlineJobOutcome, string>,
  ): Promise<DeadlineJobOutcome> {
    const id = job.data.notificationId;
    const n = await this.outbox.get(id);
    if (!n || n.status !== 'pending') return 'nothing-to-do';
    const agency = webhookAgencyFor(this.options.agencies, n.owed_by, n.police_area);
    if (!agency) {
      await this.outbox.markUndeliverable(
        id,
        `no webhook configured for ${n.owed_by} in ${n.police_area}`,
      );
      return 'undeliverable';
    }
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      await this.outbox.countAttempt(id);
      const secret = this.env[agency.webhook.secretEnv];
      if (!secret) throw new WebhookError(`${agency.webhook.secretEnv} is not set`);
      const timestamp = String(Math.floor(this.options.clock.now().getTime() / 1000));
      await postSigned(agency.webhook.url, secret, n.payload, timestamp, this.timeoutMs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.outbox.markError(id, message, final);
      if (final) {
        this.metrics.failures.inc();
        this.logger.warn(
          `notification ${id} to ${agency.id} failed after ${job.attemptsMade + 1} attempts: ${message}`,
        );
      }
      throw error;
    }
    await this.outbox.markDelivered(id, this.options.clock.now());
    return 'delivered';
  }

  private async entitlement(
    victimId: string,
    entitlementId: string,
  ): Promise<EntitlementRow | undefined> {
    return this.deadlines.entitlement(victimId, entitlementId);
  }

  /** Every configured webhook's secret must be in the environment: checked at start. */
  private assertWebhookSecrets(): void {
    for (const agency of this.options.agencies) {
      if (agency.webhook && !this.env[agency.webhook.secretEnv]) {
        throw new Error(
          `deadline scheduler: the webhook of ${agency.id} needs its secret in ${agency.webhook.secretEnv}`,
        );
      }
    }
  }

  /** A warning, never a failure: the worker and the queue report an unreachable Redis themselves. */
  private async checkRedisMemoryPolicy(): Promise<string | undefined> {
    const redis = new Redis(this.options.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined); // the failed connect() below says it
    try {
      await redis.connect();
      return await checkMaxmemoryPolicy(redis);
    } catch (error) {
      return `could not check Redis's maxmemory-policy (${String(error)}): it must be noeviction`;
    } finally {
      redis.disconnect();
    }
  }

  private registerMetrics(registry: Registry | undefined): DeadlineScheduler['metrics'] {
    const counter = (name: string, help: string): Counter =>
      (registry?.getSingleMetric(name) as Counter | undefined) ??
      new Counter({ name, help, registers: registry ? [registry] : [] });
    if (registry && !registry.getSingleMetric('vj_deadline_queue_depth')) {
      const depth: Gauge<'state'> = new Gauge({
        name: 'vj_deadline_queue_depth',
        help: 'Jobs in the deadline queue, by state (delayed, waiting, active)',
        labelNames: ['state'],
        registers: [registry],
        collect: async () => {
          const counts = await this.queue.getJobCounts('delayed', 'waiting', 'active');
          for (const [state, n] of Object.entries(counts)) depth.set({ state }, n);
        },
      });
    }
    return {
      reminders: counter('vj_reminders_recorded_total', 'Deadline reminders recorded'),
      breaches: counter('vj_breaches_recorded_total', 'Breaches recorded by the breach check'),
      failures: counter(
        'vj_notification_failures_total',
        'Notifications whose delivery failed after every attempt',
      ),
    };
  }
}
