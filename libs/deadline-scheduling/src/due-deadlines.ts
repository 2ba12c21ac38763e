import type {
  EntitlementRow,
  OpenDeadlineKey,
  OpenDeadlineRow,
  OpenDeadlines,
  OpenDeadlinesPage,
} from '@vj/read-models';
import {
  addWorkingDays,
  calendarDaysBefore,
  type LocalDate,
  londonDateOf,
  subtractWorkingDays,
} from '@vj/victims-code';

/**
 * What falls due in the scheduler's window, read from the read models through their
 * open-deadlines query (SQLite or PostgreSQL alike). The read model is the durable index of every open deadline; Redis only
 * ever holds the jobs for what is due before `horizon`. Everything is read a page at a time
 * (keyset pagination on the due instant and the entitlement's key), so a large window never loads
 * the whole of it at once.
 */

/** A breach check or a reminder that falls due: the job to queue for it. */
export interface DueItem {
  kind: 'breach-check' | 'reminder';
  victimId: string;
  entitlementId: string;
  /** When it falls due (ISO instant): the deadline's end, or the reminder's instant. */
  dueAt: string;
}

export interface WindowQuery {
  /** The clock's now (ISO instant). */
  now: string;
  /** The end of the window (ISO instant, exclusive): now + window. */
  horizon: string;
  pageSize: number;
}

/**
 * The instant a reminder is due: the start of the London day `workingDays` working days before
 * the deadline's date (the end of the day before it). With 2, a deadline on Friday 16 January
 * 2026 (ending at midnight that night) is reminded at 00:00 on Wednesday 14 January. Pure.
 */
export function reminderInstantOf(deadlineDate: LocalDate, workingDays: number): string {
  return calendarDaysBefore(subtractWorkingDays(deadlineDate, workingDays), 1).endsAt;
}

/**
 * The latest deadline end whose reminder can fall before `horizon`: a conservative bound for SQL
 * (the exact test, with working days, is done on each row). If a deadline's date d is on or after
 * D = addWorkingDays(londonDate(horizon), workingDays + 1), there are at least `workingDays`
 * working days strictly between the horizon's London date and d, so d's reminder day is after the
 * horizon's date: only deadlines on dates before D can be due. Deadlines end at the end of their
 * London date, so "date before D" is "ends by the end of the day before D".
 */
export function reminderDeadlineBound(horizon: string, workingDays: number): string {
  const firstTooLate = addWorkingDays(londonDateOf(horizon), workingDays + 1);
  return calendarDaysBefore(firstTooLate, 1).endsAt;
}

/** Pages through open deadlines by (deadline end, victim, entitlement), after the last key seen. */
async function* pagesOf(
  deadlines: OpenDeadlines,
  page: Omit<OpenDeadlinesPage, 'after' | 'limit'>,
  pageSize: number,
): AsyncGenerator<OpenDeadlineRow[]> {
  let after: OpenDeadlineKey | undefined;
  for (;;) {
    const rows = await deadlines.page({ ...page, ...(after ? { after } : {}), limit: pageSize });
    const last = rows[rows.length - 1];
    if (!last) return;
    yield rows;
    if (rows.length < pageSize) return;
    after = [last.ends, last.victim_id, last.entitlement_id];
  }
}

/**
 * Breach checks due before the horizon: open deadlines (pending, or already judged breached by
 * the projector's own re-check) that end before it and have no breach notification yet. Those
 * already past are included, so a deadline that ended while Redis was down is checked at once.
 */
export async function* dueBreachChecks(
  deadlines: OpenDeadlines,
  q: WindowQuery,
): AsyncGenerator<DueItem[]> {
  const open = {
    unnotified: 'breach',
    status: ['pending', 'breached'],
    endsBefore: q.horizon,
  } as const;
  for await (const rows of pagesOf(deadlines, open, q.pageSize)) {
    yield rows.map((r) => ({
      kind: 'breach-check' as const,
      victimId: r.victim_id,
      entitlementId: r.entitlement_id,
      dueAt: r.ends,
    }));
  }
}

/**
 * Reminders due before the horizon: pending deadlines not yet ended whose reminder instant
 * (`workingDays` working days before the deadline date) is before it, with no reminder recorded
 * yet. One whose reminder instant has passed (a short deadline, or Redis was down) is due at once;
 * one whose deadline has ended gets no reminder (its breach check covers it).
 */
export async function* dueReminders(
  deadlines: OpenDeadlines,
  q: WindowQuery & { workingDays: number },
): AsyncGenerator<DueItem[]> {
  const open = {
    unnotified: 'reminder',
    status: ['pending'],
    endsAfter: q.now,
    endsBy: reminderDeadlineBound(q.horizon, q.workingDays),
  } as const;
  for await (const rows of pagesOf(deadlines, open, q.pageSize)) {
    const due: DueItem[] = [];
    for (const r of rows) {
      const dueAt = reminderInstantOf(r.deadline_date, q.workingDays);
      if (dueAt < q.horizon) {
        due.push({
          kind: 'reminder',
          victimId: r.victim_id,
          entitlementId: r.entitlement_id,
          dueAt,
        });
      }
    }
    if (due.length > 0) yield due;
  }
}

/**
 * The scheduler's port onto open deadlines: what falls due in a window, and one entitlement as
 * it stands now. The scheduler depends on this, not on the read-model database.
 */
export interface DueDeadlines {
  breachChecks(q: WindowQuery): AsyncIterable<DueItem[]>;
  reminders(q: WindowQuery & { workingDays: number }): AsyncIterable<DueItem[]>;
  entitlement(victimId: string, entitlementId: string): Promise<EntitlementRow | undefined>;
}

/**
 * DueDeadlines over the read models' open-deadlines query (SQLite or PostgreSQL alike). Built by
 * the composition root from the read-model store; deadline scheduling never sees its database.
 */
export class ReadModelDueDeadlines implements DueDeadlines {
  constructor(private readonly deadlines: OpenDeadlines) {}

  breachChecks(q: WindowQuery): AsyncIterable<DueItem[]> {
    return dueBreachChecks(this.deadlines, q);
  }

  reminders(q: WindowQuery & { workingDays: number }): AsyncIterable<DueItem[]> {
    return dueReminders(this.deadlines, q);
  }

  entitlement(victimId: string, entitlementId: string): Promise<EntitlementRow | undefined> {
    return this.deadlines.entitlement(victimId, entitlementId);
  }
}
