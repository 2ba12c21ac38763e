import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { JourneyProjector } from '@vj/read-models';
import type { AppConfig } from '@vj/runtime';
import { APP_CONFIG, JOURNEY_PROJECTOR } from '@vj/nest-edge';

/**
 * Runs the projector (it builds the read models; the deadline reactor acts on them). Follows the
 * store's global order: catches up, then polls. Any number of workers may run it;
 * each batch lands with its checkpoint in one transaction, and a batch another worker applied
 * first is redone from what is stored (see JourneyProjector).
 */
@Injectable()
export class ProjectorRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('projector');
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    @Inject(JOURNEY_PROJECTOR) private readonly projector: JourneyProjector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.projector.idle();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const applied = await this.projector.catchUp();
        failures = 0;
        if (applied === 0) await this.sleep(this.config.projectorPollMs);
      } catch (error) {
        failures += 1;
        this.logger.error(
          `catch-up failed (${error instanceof Error ? error.name : 'error'}); retrying`,
        );
        await this.sleep(
          Math.min(30_000, this.config.projectorPollMs * 2 ** Math.min(failures, 8)),
        );
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
