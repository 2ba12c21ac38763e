import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import type { AppendedEvents, ProjectionTrigger } from '@vj/ingestion';
import { JOURNEY_PROJECTION, type ReadModels } from '@vj/read-models';
import { ProjectorThread, projectorThreadFilesOf, type AppConfig } from '@vj/runtime';
import { APP_CONFIG, CLOCK, EVENT_STORE, READ_MODELS } from '@vj/nest-edge';
import { AppendedPositions, type ReadScope } from './appended-positions';

/**
 * The embedded runtime's projections: in a thread of the API process (never on its event loop),
 * nudged after each append and on a timer. A read waits only until what this API stored for its
 * victim or areas is projected, and for a re-judging only when a deadline has ended since
 * (read your writes, as of now). In production mode the worker processes project, and the API
 * only reads.
 */
@Injectable()
export class EmbeddedProjections
  implements ProjectionTrigger, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('projections');
  private readonly positions = new AppendedPositions();
  private readonly thread: ProjectorThread | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nudged = false;

  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.thread =
      config.mode === 'embedded'
        ? new ProjectorThread(projectorThreadFilesOf(config), (error) =>
            this.logger.error(`projection update failed: ${error}`),
          )
        : undefined;
  }

  /** Everything stored so far projected, and every deadline ended by now judged. */
  async fresh(): Promise<void> {
    await this.thread?.judgedAt(this.clock.now());
  }

  /** The read models as a read of this scope must see them: its victims' posts, judged as of now. */
  async readyFor(scope: ReadScope): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    const awaited = this.positions.awaitedBy(scope);
    const now = this.clock.now();
    if (awaited !== undefined) await thread.projectedTo(awaited, now);
    // The thread is asked to re-judge only when a deadline has ended.
    if (await this.deadlinesEndedBy(now)) await thread.judgedAt(now);
  }

  /** One indexed row at most: whether any victim's judgement has changed by `now`. */
  private async deadlinesEndedBy(now: Date): Promise<boolean> {
    return (await this.readModels.journeys.toRecheck(now.toISOString(), 1)).length > 0;
  }

  /** Whether the store holds events the read models have not projected (one row at most). */
  private async eventsUnprojected(): Promise<boolean> {
    const checkpoint = await this.readModels.checkpoint(JOURNEY_PROJECTION);
    const next = await this.store.readAll({
      ...(checkpoint !== undefined ? { after: checkpoint } : {}),
      maxCount: 1,
    });
    return next.length > 0;
  }

  /**
   * The ingestion use cases stored new events: the thread projects them, without waiting. The
   * posts acknowledged in one turn of the event loop make one request (a reader that waits asks
   * at once), so a burst is projected in a few runs rather than one per post.
   */
  appended(events: AppendedEvents): void {
    const thread = this.thread;
    if (!thread) return;
    this.positions.appended(events, thread.position);
    if (this.nudged) return;
    this.nudged = true;
    setImmediate(() => {
      this.nudged = false;
      thread.ask(this.clock.now(), false);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    thread.start();
    const now = this.clock.now();
    const caughtUp = thread.judgedAt(now);
    // What was stored before the start, or has ended since, is projected before the first read;
    // with nothing of either (a new data directory) the API answers while the thread loads.
    if ((await this.eventsUnprojected()) || (await this.deadlinesEndedBy(now))) await caughtUp;
    else caughtUp.catch(() => undefined);
    if (this.config.deadlineCheckIntervalMs > 0) {
      this.timer = setInterval(
        () => thread.ask(this.clock.now(), true),
        this.config.deadlineCheckIntervalMs,
      );
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.thread?.stop();
    await this.readModels.close();
  }
}
