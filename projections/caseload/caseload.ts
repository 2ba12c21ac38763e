import { addWorkingDays, londonDateOf } from '@vj/victims-code';
import type { Entitlement } from '../victim-journey/entitlements';

/** What a caseload shows of an open entitlement. */
export type Urgency = 'overdue' | 'due-today' | 'due-soon' | 'later';

/** How far ahead "due soon" looks. */
export const DUE_SOON_WORKING_DAYS = 5;

/**
 * Where an unmet entitlement stands for the agency that owes it: overdue (deadline passed, not
 * met), due today, due in the next five working days, or later. Null when nothing is owed.
 */
export function urgencyOf(e: Entitlement, now: Date): Urgency | null {
  if (!e.deadline || e.fulfilment || (e.status !== 'pending' && e.status !== 'breached'))
    return null;
  if (e.status === 'breached') return 'overdue';
  const today = londonDateOf(now);
  if (e.deadline.localDate <= today) return 'due-today';
  if (e.deadline.localDate <= addWorkingDays(today, DUE_SOON_WORKING_DAYS)) return 'due-soon';
  return 'later';
}
