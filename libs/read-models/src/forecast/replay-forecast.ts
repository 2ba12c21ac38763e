import { pagesOfAll, type EventStore, type RecordedEvent } from '@vj/event-store';
import {
  CodeImpactForecast,
  toJourneyEvent,
  type ForecastPeriod,
  type ForecastRow,
  type JourneyEvent,
} from '@vj/projections';
import { isPoliceArea } from '@vj/agencies';
import { CALENDAR_DATE_RULE, calendarDateOf } from '@vj/event-schemas';
import type { CodeEdition, DraftProblem } from '@vj/victims-code';

export interface ForecastReport {
  draft: { id: string; title: string; effectiveFrom: string };
  period: ForecastPeriod;
  /** The instant the entitlements were judged at: a deadline still ahead then is pending. */
  judgedAt: string;
  journeys: number;
  /** Events that could not be read back (parked by the projector too): their journeys are counted without them. */
  unreadableEvents: number;
  /** Journeys the engine could not judge under one of the editions: left out of the counts. */
  unjudgedJourneys: number;
  rows: ForecastRow[];
}

export interface ForecastProgress {
  /** Events of the global order read so far. */
  scanned?(events: number, last: RecordedEvent): void;
}

export const FORECAST_PAGE_SIZE = 1_000;
const STREAM_PAGE_SIZE = 1_000;

/**
 * Replays every victim's journey from the event store under the edition in force and under a
 * draft, and counts what each would have made of it. Reads the global order in pages, like the
 * projector, and takes each victim's whole stream when its first event goes by, so memory holds
 * one page and one journey at a time. Writes nothing: no read model, no checkpoint.
 */
export async function replayForecast(
  store: EventStore,
  draft: CodeEdition,
  period: ForecastPeriod,
  now: Date,
  progress: ForecastProgress = {},
  pageSize = FORECAST_PAGE_SIZE,
): Promise<ForecastReport> {
  const forecast = new CodeImpactForecast(draft, period, now);
  let unreadableEvents = 0;
  let unjudgedJourneys = 0;
  for await (const page of pagesOfAll(store, pageSize)) {
    for (const recorded of page) {
      if (recorded.revision !== 0) continue;
      const journey: JourneyEvent[] = [];
      for (let from = 0; ; from += STREAM_PAGE_SIZE) {
        const events = await store.readStream(recorded.streamId, {
          fromRevision: from,
          maxCount: STREAM_PAGE_SIZE,
        });
        for (const e of events) {
          try {
            journey.push(toJourneyEvent(e));
          } catch {
            unreadableEvents++;
          }
        }
        if (events.length < STREAM_PAGE_SIZE) break;
      }
      try {
        forecast.addJourney(journey);
      } catch {
        // A journey the engine cannot judge (the projector parks its events): reported, not fatal.
        unjudgedJourneys++;
      }
    }
    progress.scanned?.(page.length, page[page.length - 1]!);
  }
  return {
    draft: { id: draft.id, title: draft.title, effectiveFrom: draft.effectiveFrom },
    period,
    judgedAt: now.toISOString(),
    journeys: forecast.journeys,
    unreadableEvents,
    unjudgedJourneys,
    rows: forecast.rows(),
  };
}

/**
 * Reads the forecast's period (the command's flags, the API's query): the period, or what is
 * wrong, each problem under the name the caller used for the field.
 */
export function readForecastPeriod(
  input: { from?: unknown; to?: unknown; area?: unknown },
  areaField = 'area',
): { period: ForecastPeriod; problems?: never } | { period?: never; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  for (const field of ['from', 'to'] as const)
    if (!calendarDateOf(input[field])) problems.push({ field, reason: CALENDAR_DATE_RULE });
  const { from, to, area } = input as { from: string; to: string; area?: unknown };
  if (problems.length === 0 && from > to)
    problems.push({ field: 'to', reason: 'must be on or after from' });
  if (area !== undefined && (typeof area !== 'string' || !isPoliceArea(area)))
    problems.push({ field: areaField, reason: 'must be a police area, e.g. west-yorkshire' });
  if (problems.length > 0) return { problems };
  return { period: { from, to, ...(typeof area === 'string' ? { policeAreas: [area] } : {}) } };
}

/**
 * How many events the store holds, read page by page and kept in none: the progress bar's total.
 * The port has no count, and opening the read models for the projector's checkpoint would write
 * (an embedded store is created and migrated on opening).
 */
export async function countStoredEvents(
  store: EventStore,
  pageSize = FORECAST_PAGE_SIZE,
): Promise<number> {
  let count = 0;
  for await (const page of pagesOfAll(store, pageSize)) count += page.length;
  return count;
}
