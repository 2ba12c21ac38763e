import { readCalendarDate } from '@vj/event-schemas';
import { Remembered } from './remembered';

/**
 * A calendar date in England and Wales (Europe/London), written `YYYY-MM-DD`. It names a whole
 * local day, not an instant: turning it into instants is the job of `endOfLondonDay`.
 */
export type LocalDate = string;

export const MS_PER_DAY = 86_400_000;

/**
 * Date arithmetic is done on day numbers (days since 1970-01-01 in the proleptic Gregorian
 * calendar), read and written through `Date.UTC`: UTC has no clock changes, so adding a day is
 * always adding one, whatever the clocks in London do.
 */
export type DayNumber = number;

/** Reads the date with the parser the API validates with (event-schemas/src/dates.ts). */
export function dayNumberOf(date: LocalDate): DayNumber {
  const { year, month, day } = readCalendarDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Kept: a few hundred days a year of data (the bound only guards against a pathological caller). */
const localDates = new Remembered<DayNumber, LocalDate>(100_000);

export function localDateOf(day: DayNumber): LocalDate {
  const known = localDates.get(day);
  if (known !== undefined) return known;
  return localDates.keep(day, new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
}

export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Saturday or Sunday. 1970-01-01 (day 0) was a Thursday. */
export function isWeekend(day: DayNumber): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday … 6 = Saturday
  return weekday === 0 || weekday === 6;
}

/** Midnight UTC at the start of the day, in milliseconds: the day as a UTC "wall clock". */
export function utcMidnightOf(day: DayNumber): number {
  return day * MS_PER_DAY;
}

/** A count of days (working or calendar) must be a whole number, zero or more. */
export function assertDayCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`A number of days must be a whole number, zero or more: ${n}`);
  }
}
