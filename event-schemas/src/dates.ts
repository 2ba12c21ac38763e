/**
 * The one reader of dates and instants, shared by the API's validation and the projections.
 * ISO 8601 allows many forms (week dates `2026-W10-1`, ordinal dates `2026-061`, basic
 * `20260302`, expanded years `+002026`, leap seconds, times without a zone) that `Date.parse`
 * reads as nothing, or as something else; what one side accepts the other must read the same
 * way, so both go through here.
 */

/** Years we accept: dates of birth from 1900, and nothing so far ahead it can only be a typo. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * RFC 3339 `date-time`: seconds required, a fraction of at most 9 digits, `Z` or `±hh:mm`.
 * Second 60 (a leap second) is refused: no JavaScript date can hold it.
 */
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export const CALENDAR_DATE_RULE = `must be a calendar date YYYY-MM-DD, years ${FIRST_YEAR} to ${LAST_YEAR}`;
export const INSTANT_RULE = `must be a date and time with a time zone (RFC 3339), e.g. 2026-03-02T10:15:00Z, years ${FIRST_YEAR} to ${LAST_YEAR}`;

/** A real calendar day written exactly `YYYY-MM-DD` in the accepted years, or undefined. */
export function calendarDateOf(text: unknown): CalendarDate | undefined {
  if (typeof text !== 'string') return undefined;
  const match = CALENDAR_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Milliseconds since the epoch of an RFC 3339 instant with a zone, in the accepted years, or undefined. */
export function instantOf(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = INSTANT.exec(text);
  if (!match || !calendarDateOf(match[1])) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** For data already validated: what cannot be read is a fault to surface, never a NaN to compare. */
export function readCalendarDate(text: string): CalendarDate {
  const date = calendarDateOf(text);
  if (!date) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return date;
}

export function readInstant(text: string): number {
  const ms = instantOf(text);
  if (ms === undefined)
    throw new RangeError(
      `Not an RFC 3339 instant with a time zone (e.g. 2026-03-27T23:30:00Z): ${JSON.stringify(text)}`,
    );
  return ms;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
