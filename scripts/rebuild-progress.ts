import type { RecordedEvent } from '@vj/event-store';
import type { EventStoreKind } from '@vj/runtime';

/**
 * What the rebuild's progress bar counts. The live checkpoint (its total) and the rebuild's own
 * (where it resumes) are global positions: on PostgreSQL and SQLite a position counts events; on
 * EventStoreDB it is a byte offset in the server's log, so there the bar goes by log position and
 * counts the events beside it.
 */
export interface RebuildProgress {
  /** cli-progress format: `{value}`/`{total}`, and `{events}` applied in this run. */
  format: string;
  /** The bar's value once `applied` more events, up to `last`, are in. */
  advance(value: number, applied: number, last: Pick<RecordedEvent, 'globalPosition'>): number;
}

export function rebuildProgress(eventStore: EventStoreKind): RebuildProgress {
  if (eventStore === 'eventstoredb') {
    return {
      format:
        'rebuilding {projection} [{bar}] log position {value}/{total} bytes, {events} events  {eta_formatted} left',
      advance: (_value, _applied, last) => Number(last.globalPosition),
    };
  }
  return {
    format: 'rebuilding {projection} [{bar}] {value}/{total} events  {eta_formatted} left',
    advance: (value, applied) => value + applied,
  };
}
