import type { CaseIndexDatabase } from '../case-index/table';
import type { ComplianceReportDatabase } from '../compliance-report/tables';
import type { JourneysDatabase } from '../journeys/tables';

/**
 * Every read-model table, as the store core sees them: each read model's own (declared in its
 * folder) and the store's bookkeeping. Times are ISO 8601 UTC strings, which sort as text.
 */
export interface ReadModelDatabase
  extends JourneysDatabase, CaseIndexDatabase, ComplianceReportDatabase, StoreDatabase {}

/** The store core's own tables: where each projection is, and what it could not apply. */
export interface StoreDatabase {
  checkpoints: CheckpointsTable;
  parked_events: ParkedEventsTable;
}

/** An event a projection could not apply: skipped, kept with its error for an operator to see. */
export interface ParkedEventsTable {
  projection: string;
  global_position: string;
  stream_id: string;
  event_id: string;
  event_type: string;
  error: string;
  parked_at: string;
}

export interface CheckpointsTable {
  projection: string;
  /** The global position of the last event applied (decimal string). */
  position: string;
}
