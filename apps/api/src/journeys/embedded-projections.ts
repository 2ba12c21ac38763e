import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { ProjectionTrigger } from '@vj/ingestion';
import type { JourneyProjector, ReadModels } from '@vj/read-models';
import type { AppConfig } from '@vj/runtime';
import { APP_CONFIG, JOURNEY_PROJECTOR, READ_MODELS } from '@vj/nest-edge';

/**
 * The embedded runtime's projections: in the API process, on a timer, and before every query so
 * that a reader sees what was just posted and every deadline that has ended (read your writes).
 * In production mode the worker processes do this, and the API only reads.
 */
@Injectable()
export class EmbeddedProjections
  implements ProjectionTrigger, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('projections');
  private timer: NodeJS.Timeout | undefined;
  private nudging = false;
  private nudgeAgain = false;

  constructor(
    @Inject(JOURNEY_PROJECTOR) private readonly projector: JourneyProjector,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** New events applied and ended deadlines judged, as of now. */
  async fresh(): Promise<void> {
    if (this.config.mode !== 'embedded') return;
    await this.projector.catchUp();
    await this.projector.recheckDue();
  }

  /** The ingestion use cases stored new events. */
  appended(): void {
    this.nudge();
  }

  /**
   * Starts bringing the read models up to date without waiting: after an append, on the timer.
   * Nudges while one is running coalesce into one more run, not one run per post.
   */
  nudge(): void {
    if (this.config.mode !== 'embedded') return;
    if (this.nudging) {
      this.nudgeAgain = true;
      return;
    }
    this.nudging = true;
    this.fresh()
      .catch((error: unknown) =>
        // The error's name only: a message could quote stored data.
        this.logger.error(
          `projection update failed: ${error instanceof Error ? error.name : 'error'}`,
        ),
      )
      .finally(() => {
        this.nudging = false;
        if (this.nudgeAgain) {
          this.nudgeAgain = false;
          this.nudge();
        }
      });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.fresh();
    if (this.config.mode === 'embedded' && this.config.deadlineCheckIntervalMs > 0) {
      this.timer = setInterval(() => this.nudge(), this.config.deadlineCheckIntervalMs);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.projector.idle();
    await this.readModels.close();
  }
}
