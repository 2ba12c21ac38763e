import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EMBEDDED_FILES } from './adapters';
import type { AppConfig } from './config';

/** The embedded store's files the projector's thread opens with its own connections. */
export interface ProjectorThreadFiles {
  events: string;
  readModels: string;
}

/** The files of the embedded store in this configuration's DATA_DIR (the API has opened them first). */
export function projectorThreadFilesOf(config: AppConfig): ProjectorThreadFiles {
  return {
    events: join(config.dataDir, EMBEDDED_FILES.events),
    readModels: join(config.dataDir, EMBEDDED_FILES.readModels),
  };
}

/**
 * Asked of the thread: project everything stored, judged at `now`, and with `recheck` re-judge the
 * victims whose deadlines have ended by `now`. Requests that arrive while it works are served
 * together by its next run, judged at the latest `now` sent.
 */
export type ToProjectorThread =
  { kind: 'work'; request: number; now: string; recheck: boolean } | { kind: 'stop' };

/** Told by the thread: how far the read models are projected, and which requests are served. */
export type FromProjectorThread =
  | { kind: 'ready' }
  | { kind: 'projected'; position: bigint }
  | { kind: 'served'; request: number }
  | { kind: 'failed'; request: number; error: string }
  | { kind: 'stopped' };

/** A crashed thread is started again after this, doubling while it cannot serve a request. */
const FIRST_RESTART_AFTER_MS = 200;
const LAST_RESTART_AFTER_MS = 10_000;

interface Waiter {
  reached: () => boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The embedded runtime's projector, in a `node:worker_threads` thread of the API process with its
 * own SQLite connections, so that projecting (synchronous in better-sqlite3) never holds the API's
 * event loop. The API's clock is the only clock: each request carries its `now`.
 */
export class ProjectorThread {
  private worker: Worker | undefined;
  /** The thread has loaded and listens (before then it has nothing to finish). */
  private ready = false;
  private projected: bigint | undefined;
  private lastRequest = 0;
  private served = 0;
  private waiters: Waiter[] = [];
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartAfterMs = FIRST_RESTART_AFTER_MS;
  private lastNow = new Date(0);

  constructor(
    private readonly files: ProjectorThreadFiles,
    /** The name of an error the thread met (never its message, which could quote stored data). */
    private readonly failed: (errorName: string) => void,
  ) {}

  start(): void {
    this.ready = false;
    const worker = new Worker(ENTRY, {
      workerData: this.files,
      ...(EXEC_ARGV ? { execArgv: EXEC_ARGV } : {}),
    });
    this.worker = worker;
    worker.on('message', (message: FromProjectorThread) => this.received(message));
    worker.on('error', (error: Error) => this.failed(error.name));
    worker.on('exit', () => this.exited(worker));
  }

  /**
   * Asks for everything stored to be projected at `now` (and, with `recheck`, for deadlines ended
   * by then to be judged), without waiting. Answers the request's number.
   */
  ask(now: Date, recheck: boolean): number {
    const request = ++this.lastRequest;
    this.lastNow = now;
    this.worker?.postMessage({
      kind: 'work',
      request,
      now: now.toISOString(),
      recheck,
    } satisfies ToProjectorThread);
    return request;
  }

  /** Everything stored before this call projected, and deadlines ended by `now` judged. */
  async judgedAt(now: Date): Promise<void> {
    const request = this.ask(now, true);
    await this.until(() => this.served >= request);
  }

  /**
   * Resolves once every event up to this global position is projected; asks for it (judged at
   * `now`) if it is not yet, in case the run that would have reached it failed.
   */
  projectedTo(position: bigint, now: Date): Promise<void> {
    const reached = () => this.projected !== undefined && this.projected >= position;
    if (!reached()) this.ask(now, false);
    return this.until(reached);
  }

  /** The last position the thread reported projected. */
  get position(): bigint | undefined {
    return this.projected;
  }

  /** The thread finishes the run it is in, closes its connections and ends. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // A thread still loading has no run to finish: it need not be waited for.
    if (this.ready) worker.postMessage({ kind: 'stop' } satisfies ToProjectorThread);
    else await worker.terminate();
    await ended;
  }

  private until(reached: () => boolean): Promise<void> {
    if (reached()) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ reached, resolve, reject }));
  }

  private received(message: FromProjectorThread): void {
    switch (message.kind) {
      case 'ready':
        this.ready = true;
        return;
      case 'projected':
        if (this.projected === undefined || message.position > this.projected)
          this.projected = message.position;
        break;
      case 'served':
        this.served = Math.max(this.served, message.request);
        this.restartAfterMs = FIRST_RESTART_AFTER_MS;
        break;
      case 'failed':
        this.failed(message.error);
        // What was asked up to this request is not done: its readers are answered with the error.
        this.served = Math.max(this.served, message.request);
        this.rejectAll(new Error(`projection failed: ${message.error}`));
        return;
      case 'stopped':
        return;
    }
    this.settle();
  }

  private settle(): void {
    const waiting: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.reached()) waiter.resolve();
      else waiting.push(waiter);
    }
    this.waiters = waiting;
  }

  private rejectAll(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  /** A thread that ended without being asked to is started again; its readers are answered with an error. */
  private exited(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.stopping) return;
    this.failed('ProjectorThreadExited');
    this.served = this.lastRequest;
    this.rejectAll(new Error('the projector thread ended'));
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      this.start();
      // What was stored while it was down is projected without waiting for the next post.
      this.ask(this.lastNow, false);
    }, this.restartAfterMs);
    this.restartTimer.unref();
    this.restartAfterMs = Math.min(2 * this.restartAfterMs, LAST_RESTART_AFTER_MS);
  }
}

/**
 * The thread's entry beside this file: `.js` when compiled, `.ts` under @swc-node/register (which
 * the thread inherits from the process's own flags) or under jest (which has no such flag: the
 * thread is given it).
 */
const ENTRY = join(__dirname, `projector-thread-entry${extname(__filename)}`);
const EXEC_ARGV =
  extname(__filename) === '.ts' &&
  !process.execArgv.some((flag) => flag.includes('@swc-node/register'))
    ? [...process.execArgv, '-r', '@swc-node/register']
    : undefined;
