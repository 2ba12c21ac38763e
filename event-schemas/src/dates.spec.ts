import { calendarDateOf, instantOf, readCalendarDate, readInstant } from './dates';

describe('calendar dates: exactly YYYY-MM-DD, a real day, years 1900 to 2100', () => {
  it.each([
    ['2026-03-02', { year: 2026, month: 3, day: 2 }],
    ['2028-02-29', { year: 2028, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['1900-01-01', { year: 1900, month: 1, day: 1 }],
    ['2100-12-31', { year: 2100, month: 12, day: 31 }],
  ])('reads %s', (text, date) => {
    expect(calendarDateOf(text)).toEqual(date);
    expect(readCalendarDate(text)).toEqual(date);
  });

  it.each([
    ['a week date', '2026-W10-1'],
    ['an ordinal date', '2026-061'],
    ['the basic form', '20260302'],
    ['an expanded year', '+002026-03-02'],
    ['a year after 2100', '9999-03-02'],
    ['a year before 1900', '1899-12-31'],
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2026-02-29'],
    ['29 February 1900 (not a leap year)', '1900-02-29'],
    ['month 13', '2026-13-01'],
    ['day 0', '2026-03-00'],
    ['a date with a time', '2026-03-02T00:00:00Z'],
    ['a month alone', '2026-03'],
    ['a single-digit month', '2026-3-02'],
    ['Arabic-Indic digits', '٢٠٢٦-٠٣-٠٢'],
    ['a trailing newline', '2026-03-02\n'],
    ['an empty string', ''],
    ['a number', 20260302],
  ])('refuses %s (%j)', (_, text) => {
    expect(calendarDateOf(text)).toBeUndefined();
    if (typeof text === 'string') expect(() => readCalendarDate(text)).toThrow(RangeError);
  });
});

describe('instants: exactly RFC 3339 with Z or an offset, years 1900 to 2100', () => {
  it.each([
    ['2026-03-02T10:15:00Z', Date.UTC(2026, 2, 2, 10, 15)],
    ['2026-03-02T10:15:00.123Z', Date.UTC(2026, 2, 2, 10, 15, 0, 123)],
    ['2026-03-02T10:15:00.123456789Z', Date.UTC(2026, 2, 2, 10, 15, 0, 123)],
    ['2026-07-02T00:30:00+02:00', Date.UTC(2026, 6, 1, 22, 30)],
    ['2026-03-02T10:15:00-00:00', Date.UTC(2026, 2, 2, 10, 15)],
  ])('reads %s', (text, ms) => {
    expect(instantOf(text)).toBe(ms);
    expect(readInstant(text)).toBe(ms);
  });

  it.each([
    ['no zone', '2026-03-02T10:15:00'],
    ['no seconds', '2026-03-02T10:15Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['hour 24', '2026-03-02T24:00:00Z'],
    ['an offset without a colon', '2026-03-02T10:15:00+0100'],
    ['an hours-only offset', '2026-03-02T10:15:00+01'],
    ['a lower-case t and z', '2026-03-02t10:15:00z'],
    ['a space for T', '2026-03-02 10:15:00Z'],
    ['the basic form', '20260302T101500Z'],
    ['a week date', '2026-W10-1T10:15:00Z'],
    ['an ordinal date', '2026-061T10:15:00Z'],
    ['an expanded year', '+002026-03-02T10:15:00Z'],
    ['a year after 2100', '9999-03-02T10:15:00Z'],
    ['30 February', '2026-02-30T10:15:00Z'],
    ['a date alone', '2026-03-02'],
    ['ten fraction digits', '2026-03-02T10:15:00.1234567890Z'],
    ['a comma fraction', '2026-03-02T10:15:00,5Z'],
    ['a NUL after', '2026-03-02T10:15:00Z\u0000'],
  ])('refuses %s (%j)', (_, text) => {
    expect(instantOf(text)).toBeUndefined();
    expect(() => readInstant(text)).toThrow(RangeError);
  });
});
