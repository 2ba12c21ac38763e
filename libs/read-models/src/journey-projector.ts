import type { Clock } from '@vj/clock';
import type { EventStore } from '@vj/event-store';
import {
  evolveJourney,
  initialJourneyState,
  toJourneyEvent,
  type JourneyState,
} from '@vj/projections';
import { JOURNEY_PROJECTION, type ReadModels, victimRowsOf } from './read-models';

/**
 * Keeps the journey read models up to date: follows the store's global order from its
 * checkpoint, and re-judges victims whose deadlines have ended since they were last judged.
 * Work is done one batch at a time, never concurrently, so a batch and its checkpoint land together.
 */
export class JourneyProjector {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
    private readonly batchSize = 500,
  ) {}

  /** Applies every event after the checkpoint; resolves with how many were applied. */
  catchUp(): Promise<number> {
    return this.exclusive(() => this.applyNewEvents());
  }

  /** Re-judges every victim with a deadline ended by now (the breach check); resolves with how many. */
  recheckDue(): Promise<number> {
    return this.exclusive(async () => {
      const now = this.clock.now();
      let total = 0;
      for (;;) {
        const due = await this.readModels.victimsToRecheck(now.toISOString(), this.batchSize);
        if (due.length === 0) return total;
        const states = await this.readModels.journeyStates(due);
        await this.readModels.save([...states.values()].map((s) => victimRowsOf(s, now)));
        total += due.length;
      }
    });
  }

  /** Re-judges these victims at the clock's now (a breach check that fired); resolves with how many exist. */
  recheckVictims(victimIds: readonly string[]): Promise<number> {
    return this.exclusive(async () => {
      const now = this.clock.now();
      const states = await this.readModels.journeyStates(victimIds);
      await this.readModels.save([...states.values()].map((s) => victimRowsOf(s, now)));
      return states.size;
    });
  }

  /** Drops the read models and applies every event again from the start, judged at the clock's now. */
  rebuild(): Promise<number> {
    return this.exclusive(async () => {
      await this.readModels.clear();
      return this.applyNewEvents();
    });
  }

  private async applyNewEvents(): Promise<number> {
    let after = await this.readModels.checkpoint(JOURNEY_PROJECTION);
    let applied = 0;
    for (;;) {
      const page = await this.events.readAll({
        ...(after !== undefined ? { after } : {}),
        maxCount: this.batchSize,
      });
      const last = page[page.length - 1];
      if (!last) return applied;
      const journeyEvents = page.map(toJourneyEvent);
      const victimIds = [...new Set(journeyEvents.map((e) => e.victimId))];
      const states = await this.readModels.journeyStates(victimIds);
      const next = new Map<string, JourneyState>();
      for (const event of journeyEvents) {
        next.set(
          event.victimId,
          evolveJourney(
            next.get(event.victimId) ?? states.get(event.victimId) ?? initialJourneyState(),
            event,
          ),
        );
      }
      const now = this.clock.now();
      await this.readModels.save(
        [...next.values()].map((s) => victimRowsOf(s, now)),
        { projection: JOURNEY_PROJECTION, position: last.globalPosition },
      );
      after = last.globalPosition;
      applied += page.length;
    }
  }

  /** Resolves when the work already asked for is done: for a graceful shutdown. */
  async idle(): Promise<void> {
    await this.queue;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
