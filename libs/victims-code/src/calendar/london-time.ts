import { FIRST_YEAR, LAST_YEAR, readInstant } from '@vj/event-schemas';
import {
  dayNumberOf,
  type DayNumber,
  type LocalDate,
  localDateOf,
  MS_PER_DAY,
  utcMidnightOf,
} from './local-date';
import { Remembered } from './remembered';

/**
 * Victims' Code time is Europe/London time. The offset from UTC (GMT, or BST in summer) comes
 * from the runtime's time-zone data through `Intl.DateTimeFormat`; nothing here assumes when the
 * clocks change.
 */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  calendar: 'gregory',
  numberingSystem: 'latn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const WALL_CLOCK_FIELDS: ReadonlySet<string> = new Set([
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
] satisfies (keyof WallClock)[]);

function isWallClockField(type: string): type is keyof WallClock {
  return WALL_CLOCK_FIELDS.has(type);
}

function londonWallClockAt(epochMs: number): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of LONDON.formatToParts(epochMs)) {
    if (isWallClockField(part.type)) wall[part.type] = Number(part.value);
  }
  return wall;
}

/** London's offset from UTC at an instant, in milliseconds (0 in GMT, 3,600,000 in BST). */
function londonOffsetAt(epochMs: number): number {
  const wall = londonWallClockAt(epochMs);
  const wallAsUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
  );
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

function epochMsOf(instant: string | Date): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Not a valid instant: Invalid Date');
    return ms;
  }
  return instantMsOf(instant);
}

/**
 * Instants are keyed by instant, so nearly every event brings new ones: kept by the hundred
 * thousand, they grew with every event the worker projected (about 90 bytes each). They are kept
 * for one journey's judging, which reads the same events' instants many times over: 10,000
 * covers a journey of thousands of events, in about a megabyte.
 */
const INSTANTS_KEPT = 10_000;

const instants = new Remembered<string, number>(INSTANTS_KEPT);

/**
 * `readInstant` (the API's own parser), remembered: judging a journey reads the same events'
 * instants many times over, and a rebuild judges thousands of journeys. Throws as it does.
 */
export function instantMsOf(instant: string): number {
  const known = instants.get(instant);
  if (known !== undefined) return known;
  // An instant must say where it is (`Z` or an offset): one without would be read in the
  // server's own time zone, which is how deadlines go quietly wrong. The API's own parser says so.
  return instants.keep(instant, readInstant(instant));
}

/**
 * Deadlines are computed on hot paths and `Intl` is slow (microseconds a call), so what it says
 * is kept. These are keyed by day, so they hold a few hundred entries per year of data; the
 * bound only guards against a pathological caller.
 */
const DAYS_KEPT = 100_000;

/**
 * London's offset throughout one UTC day, when it is the same at both ends of the day; `null`
 * on the two days a year the clocks change. London changes its clocks at most once a day, so an
 * offset that is the same at both ends holds all day.
 */
const offsetThroughUtcDay = new Remembered<DayNumber, number | null>(DAYS_KEPT);

function londonOffsetThroughUtcDay(utcDay: DayNumber): number | null {
  const cached = offsetThroughUtcDay.get(utcDay);
  if (cached !== undefined) return cached;
  const atStart = londonOffsetAt(utcMidnightOf(utcDay));
  const atEnd = londonOffsetAt(utcMidnightOf(utcDay + 1) - 1000);
  return offsetThroughUtcDay.keep(utcDay, atStart === atEnd ? atStart : null);
}

const FIRST_SUPPORTED_DAY = dayNumberOf(`${FIRST_YEAR}-01-01`);
const LAST_SUPPORTED_DAY = dayNumberOf(`${LAST_YEAR}-12-31`);

/** The London day (as a day number) of an instant. */
export function londonDayNumberOf(instant: string | Date): DayNumber {
  const ms = epochMsOf(instant);
  const utcDay = Math.floor(ms / MS_PER_DAY);
  const offset = londonOffsetThroughUtcDay(utcDay) ?? londonOffsetAt(ms);
  const londonDay = Math.floor((ms + offset) / MS_PER_DAY);
  if (londonDay < FIRST_SUPPORTED_DAY || londonDay > LAST_SUPPORTED_DAY) {
    throw new RangeError(
      `Instant outside the supported years ${FIRST_YEAR} to ${LAST_YEAR}: ${String(instant)}`,
    );
  }
  return londonDay;
}

/**
 * The Europe/London calendar date of an instant: `2026-06-04T23:30:00Z` is 00:30 BST on
 * 5 June, so its London date is `2026-06-05`; `2026-03-28T23:30:00Z` is still GMT (the clocks
 * go forward at 01:00 UTC on 29 March), so its London date is `2026-03-28`.
 */
export function londonDateOf(instant: string | Date): LocalDate {
  return localDateOf(londonDayNumberOf(instant));
}

const endOfDay = new Remembered<LocalDate, string>(DAYS_KEPT);

/**
 * The end of a London day, as an ISO instant: the (exclusive) instant of the next London
 * midnight. The end of 1 June 2026 is 00:00 BST on 2 June, `2026-06-01T23:00:00.000Z`; the end of
 * 1 December 2026 is 00:00 GMT on 2 December, `2026-12-02T00:00:00.000Z`. Days on which the
 * clocks change are 23 or 25 hours long; London's clocks change at 01:00 UTC, never at midnight,
 * so every London day has a midnight to end at.
 */
export function endOfLondonDay(date: LocalDate): string {
  const cached = endOfDay.get(date);
  if (cached !== undefined) return cached;
  const nextMidnightAsUtc = utcMidnightOf(dayNumberOf(date) + 1);
  // The offset at the guess may differ from the offset at the answer only if the clocks change
  // in between; a second look settles it.
  let instant = nextMidnightAsUtc - londonOffsetAt(nextMidnightAsUtc);
  instant = nextMidnightAsUtc - londonOffsetAt(instant);
  if (instant + londonOffsetAt(instant) !== nextMidnightAsUtc) {
    throw new RangeError(`No London midnight at the end of ${date}`);
  }
  return endOfDay.keep(date, new Date(instant).toISOString());
}
