import type { Clock } from '@vj/clock';
import type { EventStore, RecordedEvent } from '@vj/event-store';
import {
  evolveJourney,
  evolveJourneyWith,
  initialJourneyState,
  toJourneyEvent,
  type JourneyEvent,
} from '@vj/projections';
import { type StoredJourney, victimRowsOf, type VictimRows } from '../journeys/victim-rows';
import { JOURNEY_PROJECTION, ReadModelConflict, type ReadModels } from '../store/read-model-store';
import { checkPartition, type Partition, partitionOf } from './partition';

/** What the projector reports as it goes: for metrics and progress bars. */
export interface ProjectorObserver {
  /** `events` applied (of its partition, if it has one), up to `last` (of the page read). */
  applied?(events: number, last: RecordedEvent): void;
  parked?(event: RecordedEvent, error: Error): void;
  caughtUp?(): void;
}

const MAX_CONFLICT_RETRIES = 50;

/**
 * Page size of a rebuild: large, because a victim whose events are spread over many pages is
 * rewritten once per page.
 */
export const REBUILD_BATCH_SIZE = 20_000;

/**
 * The projector (it builds read models, with its checkpoint; it causes no side effects: deadline
 * scheduling is the reactor that acts on what it builds). Keeps the journey read models up to date: follows the store's global order from its
 * checkpoint, and re-judges victims whose deadlines have ended since they were last judged.
 * Within a process work is done one batch at a time; across processes each batch and its
 * checkpoint land in one transaction, and a batch that lost a race to another worker is redone.
 */
export class JourneyProjector {
  private queue: Promise<unknown> = Promise.resolve();
  /** The breach checks' victims waiting for the work before them (recheckVictims). */
  private waitingRecheck: { victimIds: Set<string>; done: Promise<number> } | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly readModels: ReadModels,
    private readonly clock: Clock,
    private readonly batchSize = 500,
    private readonly observer: ProjectorObserver = {},
    /** The checkpoint's name: a side-by-side rebuild has its own. */
    private readonly projection = JOURNEY_PROJECTION,
    /**
     * A rebuild in partitions: only the streams of this one are projected, the others' events are
     * passed over (the checkpoint still moves over them).
     */
    private readonly partition?: Partition,
  ) {
    if (partition) checkPartition(partition);
  }

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
        const due = await this.readModels.journeys.toRecheck(now.toISOString(), this.batchSize);
        if (due.length === 0) return total;
        total += await this.rejudge(due, now);
      }
    });
  }

  /**
   * Re-judges these victims at the clock's now (a breach check that fired); resolves with how many
   * were written. Work in a process runs one batch at a time, so the breach checks that arrive
   * while one runs (a whole midnight's of them) wait together and are re-judged in one
   * transaction; each resolves once its victims are written, with that batch's count.
   */
  recheckVictims(victimIds: readonly string[]): Promise<number> {
    const waiting = this.waitingRecheck;
    if (waiting) {
      for (const id of victimIds) waiting.victimIds.add(id);
      return waiting.done;
    }
    const batch = { victimIds: new Set(victimIds), done: Promise.resolve(0) };
    batch.done = this.exclusive(() => {
      // From here on, new breach checks form the next batch.
      if (this.waitingRecheck === batch) this.waitingRecheck = undefined;
      return this.rejudge([...batch.victimIds], this.clock.now());
    });
    this.waitingRecheck = batch;
    return batch.done;
  }

  /** Drops the read models and applies every event again from the start, judged at the clock's now. */
  rebuild(): Promise<number> {
    // Clearing would drop the other partitions' work: a partition only ever catches up.
    if (this.partition)
      return Promise.reject(new Error('a partition of a rebuild only catches up'));
    return this.exclusive(async () => {
      await this.readModels.clear();
      return this.applyNewEvents();
    });
  }

  /** Resolves when the work already asked for is done: for a graceful shutdown. */
  async idle(): Promise<void> {
    await this.queue;
  }

  private async rejudge(victimIds: readonly string[], now: Date): Promise<number> {
    const journeys = await this.readModels.journeys.stored(victimIds);
    return this.readModels.saveRejudged([...journeys.values()].map((j) => victimRowsOf(j, now)));
  }

  /**
   * Applies pages in order. While one page's rows are being written, the next page is read and
   * judged (the database and the judging overlap); its victims that the page being written also
   * touched are taken from what that write will leave, so nothing is read stale. A conflict (another
   * worker got there first) drops what is in flight and starts again from what is stored.
   */
  private async applyNewEvents(): Promise<number> {
    let applied = 0;
    let conflicts = 0;
    for (;;) {
      let inFlight: { saved: Promise<void>; events: number; last: RecordedEvent } | undefined;
      const finishInFlight = async () => {
        if (!inFlight) return;
        const { saved, events, last } = inFlight;
        inFlight = undefined;
        await saved;
        applied += events;
        this.observer.applied?.(events, last);
      };
      try {
        let after = await this.readModels.checkpoint(this.projection);
        let written = new Map<string, StoredJourney>();
        for (;;) {
          const page = await this.events.readAll({
            ...(after !== undefined ? { after } : {}),
            maxCount: this.batchSize,
          });
          const last = page[page.length - 1];
          if (!last) break;
          const mine = this.ofPartition(page);
          const rows = await this.project(mine, written);
          await finishInFlight();
          const saved = this.readModels.save(rows, {
            projection: this.projection,
            from: after,
            to: last.globalPosition,
          });
          saved.catch(() => undefined); // awaited by finishInFlight; never an unhandled rejection
          inFlight = { saved, events: mine.length, last };
          written = new Map(
            rows.map((r) => [
              r.state.victimId as string,
              { state: r.state, version: r.version + 1 },
            ]),
          );
          after = last.globalPosition;
        }
        await finishInFlight();
        this.observer.caughtUp?.();
        return applied;
      } catch (error) {
        await inFlight?.saved.catch(() => undefined);
        // Another worker applied a page (or touched one of its victims) first: start again from what is stored.
        if (error instanceof ReadModelConflict && conflicts++ < MAX_CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  }

  /** The page's events of this projector's partition: by stream id, before anything is parsed. */
  private ofPartition(page: RecordedEvent[]): RecordedEvent[] {
    const partition = this.partition;
    if (!partition) return page;
    return page.filter((e) => partitionOf(e.streamId, partition.count) === partition.index);
  }

  /** The rows a page of events leads to. An event that cannot be projected is parked, not retried forever. */
  private async project(
    page: readonly RecordedEvent[],
    /** Victims the write in flight leaves at these states and versions. */
    written: ReadonlyMap<string, StoredJourney>,
  ): Promise<VictimRows[]> {
    const byVictim = new Map<string, { recorded: RecordedEvent; event: JourneyEvent }[]>();
    for (const recorded of page) {
      let event: JourneyEvent;
      try {
        event = toJourneyEvent(recorded);
      } catch (error) {
        await this.park(recorded, error);
        continue;
      }
      const list = byVictim.get(event.victimId);
      if (list) list.push({ recorded, event });
      else byVictim.set(event.victimId, [{ recorded, event }]);
    }
    const stored = new Map(written);
    const unread = [...byVictim.keys()].filter((id) => !written.has(id));
    for (const [id, journey] of await this.readModels.journeys.stored(unread))
      stored.set(id, journey);
    const now = this.clock.now();
    const rows: VictimRows[] = [];
    for (const [victimId, events] of byVictim) {
      const before: StoredJourney = stored.get(victimId) ?? {
        state: initialJourneyState(),
        version: 0,
      };
      // Judged once per victim per page; only if that fails, event by event to find what to park.
      const state = evolveJourneyWith(
        before.state,
        events.map(({ event }) => event),
      );
      try {
        rows.push(victimRowsOf({ state, version: before.version }, now));
      } catch {
        const judged = await this.judgeEventByEvent(before, events, now);
        if (judged) rows.push(judged);
      }
    }
    return rows;
  }

  private async judgeEventByEvent(
    before: StoredJourney,
    events: readonly { recorded: RecordedEvent; event: JourneyEvent }[],
    now: Date,
  ): Promise<VictimRows | undefined> {
    let state = before.state;
    let judged: VictimRows | undefined;
    for (const { recorded, event } of events) {
      try {
        const next = evolveJourney(state, event);
        judged = victimRowsOf({ state: next, version: before.version }, now);
        state = next;
      } catch (error) {
        await this.park(recorded, error);
      }
    }
    return judged;
  }

  private async park(recorded: RecordedEvent, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error : new Error(String(error));
    await this.readModels.park(this.projection, recorded, reason, this.clock.now());
    this.observer.parked?.(recorded, reason);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
