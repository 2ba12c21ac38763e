import { bankHolidayYear, type BankHolidayYear } from './bank-holidays';
import {
  assertDayCount,
  dayNumberOf,
  type DayNumber,
  isWeekend,
  type LocalDate,
  localDateOf,
  yearOf,
} from './local-date';
import { endOfLondonDay, londonDayNumberOf } from './london-time';

/**
 * A Victims' Code deadline: the last London day on which the duty can be met, and the instant
 * that day ends (the next London midnight, exclusive). The duty is met in time if it is done
 * before `endsAt`.
 */
export interface Deadline {
  localDate: LocalDate;
  endsAt: string;
}

function isWorkingDayIn(day: DayNumber, year: BankHolidayYear): boolean {
  return !isWeekend(day) && !year.days.has(day);
}

function deadlineOn(day: DayNumber): Deadline {
  const localDate = localDateOf(day);
  return { localDate, endsAt: endOfLondonDay(localDate) };
}

/**
 * Walks forward a day at a time, keeping hold of the current year's bank holidays so that each
 * step is a little arithmetic and one set look-up.
 */
function addWorkingDayNumbers(start: DayNumber, n: number): DayNumber {
  let day = start;
  let year = bankHolidayYear(yearOf(start));
  for (let counted = 0; counted < n;) {
    day += 1;
    if (day > year.lastDay) year = bankHolidayYear(year.year + 1);
    if (isWorkingDayIn(day, year)) counted += 1;
  }
  return day;
}

/** Monday to Friday, except England and Wales bank holidays. */
export function isWorkingDay(date: LocalDate): boolean {
  const day = dayNumberOf(date);
  return isWorkingDayIn(day, bankHolidayYear(yearOf(day)));
}

/**
 * The Nth working day after a date (the date itself is day 0, working day or not). From a
 * Friday, 1 working day is the Monday; from a Saturday it is also the Monday; 0 is the date
 * itself.
 */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  assertDayCount(n);
  return localDateOf(addWorkingDayNumbers(dayNumberOf(date), n));
}

/**
 * The Nth working day before a date (the date itself is day 0, working day or not): the mirror of
 * `addWorkingDays`. From a Monday, 1 working day before is the Friday; from a Saturday or a Sunday
 * it is also the Friday; 0 is the date itself. A reminder "2 working days before" a deadline on
 * Friday 16 January 2026 falls on Wednesday 14 January.
 */
export function subtractWorkingDays(date: LocalDate, n: number): LocalDate {
  assertDayCount(n);
  let day = dayNumberOf(date);
  let year = bankHolidayYear(yearOf(day));
  for (let counted = 0; counted < n;) {
    day -= 1;
    if (day < year.firstDay) year = bankHolidayYear(year.year - 1);
    if (isWorkingDayIn(day, year)) counted += 1;
  }
  return localDateOf(day);
}

/**
 * "Within N working days" of a trigger: the trigger's London date is day 0 and the deadline is
 * the end of the Nth working day after it. N = 0 is the end of the trigger's own day.
 */
export function workingDaysAfter(triggerInstant: string | Date, n: number): Deadline {
  assertDayCount(n);
  return deadlineOn(addWorkingDayNumbers(londonDayNumberOf(triggerInstant), n));
}

/**
 * "At least N calendar days before" a date: the last day on which it can be done, e.g. a Victim
 * Personal Statement for a Parole Board hearing on 1 May 2026 is due 28 days before, by the end
 * of 3 April 2026. Calendar days: weekends and bank holidays are not skipped.
 */
export function calendarDaysBefore(date: LocalDate, n: number): Deadline {
  assertDayCount(n);
  return deadlineOn(dayNumberOf(date) - n);
}

/**
 * "Every N calendar days" from an instant: the end of the London day N days after it, e.g. an
 * update agreed on a Monday every 14 days is due by the end of the Monday two weeks on.
 */
export function calendarDaysAfter(instant: string | Date, n: number): Deadline {
  assertDayCount(n);
  return deadlineOn(londonDayNumberOf(instant) + n);
}

/**
 * The working days after `from` up to and including `to`: how many working days late something
 * done on `to` is for a deadline on `from`. 0 when `to` is on or before `from`.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  const last = dayNumberOf(to);
  let day = dayNumberOf(from);
  if (last <= day) return 0;
  let year = bankHolidayYear(yearOf(day));
  let count = 0;
  while (day < last) {
    day += 1;
    if (day > year.lastDay) year = bankHolidayYear(year.year + 1);
    if (isWorkingDayIn(day, year)) count += 1;
  }
  return count;
}
