import Holidays from 'date-holidays';
import { dayNumberOf, type DayNumber, isWeekend, type LocalDate } from './local-date';

/**
 * England and Wales bank holidays, from `date-holidays` (country GB, state ENG, holidays of type
 * `public`, which includes substitute days and one-off bank holidays such as a coronation).
 *
 * `date-holidays` also lists a holiday on its own date when that date is a weekend (Boxing Day on
 * Saturday 26 December 2026 as well as the substitute day on Monday 28 December). Those are not
 * bank holidays: the day off is the substitute day. They are dropped, so the list for a year is
 * the one published on GOV.UK, and a weekend is not a working day anyway.
 */
export interface BankHolidayYear {
  readonly year: number;
  /** The day numbers of 1 January and 31 December. */
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  readonly dates: readonly LocalDate[];
  readonly days: ReadonlySet<DayNumber>;
}

let englandAndWales: Holidays | undefined;

/**
 * Deadlines are computed on hot paths (projections replaying millions of events), so each year's
 * holidays are worked out once and kept: `date-holidays` is asked at most once per year.
 */
const byYear = new Map<number, BankHolidayYear>();

export function bankHolidayYear(year: number): BankHolidayYear {
  const cached = byYear.get(year);
  if (cached) return cached;
  englandAndWales ??= new Holidays('GB', 'ENG');
  const dates = englandAndWales
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10))
    .filter((date) => date.startsWith(`${year}-`) && !isWeekend(dayNumberOf(date)));
  const unique = [...new Set(dates)].sort();
  const entry: BankHolidayYear = {
    year,
    firstDay: dayNumberOf(`${year}-01-01`),
    lastDay: dayNumberOf(`${year}-12-31`),
    dates: Object.freeze(unique),
    days: new Set(unique.map(dayNumberOf)),
  };
  byYear.set(year, entry);
  return entry;
}

/** The England and Wales bank holidays of a year, in date order. */
export function bankHolidaysIn(year: number): LocalDate[] {
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`Not a supported year (1000 to 9999): ${year}`);
  }
  return [...bankHolidayYear(year).dates];
}
