import Holidays from 'date-holidays';
import fc from 'fast-check';
import {
  addWorkingDays,
  bankHolidaysIn,
  calendarDaysBefore,
  endOfLondonDay,
  isWorkingDay,
  londonDateOf,
  subtractWorkingDays,
  workingDaysAfter,
  workingDaysBetween,
} from './index';

const MS_PER_DAY = 86_400_000;
const PROPERTY_RUNS = { numRuns: 200, seed: 20_260_327 };

/** Test-side date helpers, independent of the library's own. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

const londonWallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** '2026-06-02' -> '02/06/2026, 00:00:00', as en-GB formats a London midnight. */
function londonMidnightText(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}, 00:00:00`;
}

describe('England and Wales bank holidays (date-holidays GB/ENG, type public)', () => {
  it.each<[number, string[]]>([
    [
      2025,
      [
        '2025-01-01',
        '2025-04-18',
        '2025-04-21',
        '2025-05-05',
        '2025-05-26',
        '2025-08-25',
        '2025-12-25',
        '2025-12-26',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-26',
        '2027-03-29',
        '2027-05-03',
        '2027-05-31',
        '2027-08-30',
        '2027-12-27',
        '2027-12-28',
      ],
    ],
  ])('are exactly the GOV.UK list for %i', (year, expected) => {
    expect(bankHolidaysIn(year)).toEqual(expected);
  });

  it('includes one-off and moved bank holidays (2022: Platinum Jubilee, State Funeral)', () => {
    expect(bankHolidaysIn(2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
  });

  it('hands out a copy: changing the returned list does not change the calendar', () => {
    bankHolidaysIn(2026).splice(0);
    expect(isWorkingDay('2026-12-28')).toBe(false);
    expect(bankHolidaysIn(2026)).toHaveLength(8);
  });

  it('asks date-holidays at most once per year, however many deadlines are computed', () => {
    const getHolidays = jest.spyOn(Holidays.prototype, 'getHolidays');
    try {
      // 2041 and 2042 are used nowhere else in this file, so nothing is cached for them yet.
      for (let i = 0; i < 500; i += 1) {
        workingDaysAfter(`2041-12-${String(1 + (i % 31)).padStart(2, '0')}T12:00:00Z`, i % 40);
        isWorkingDay(`2042-01-${String(1 + (i % 31)).padStart(2, '0')}`);
      }
      const yearsAsked = getHolidays.mock.calls.map(([year]) => year);
      expect(yearsAsked.filter((year) => year === 2041)).toHaveLength(1);
      expect(yearsAsked.filter((year) => year === 2042)).toHaveLength(1);
    } finally {
      getHolidays.mockRestore();
    }
  });
});

describe('londonDateOf', () => {
  it.each<[string, string]>([
    // 23:30 GMT on Saturday 28 March 2026: the clocks go forward only at 01:00 UTC on the 29th.
    ['2026-03-28T23:30:00Z', '2026-03-28'],
    // 00:59:59 GMT on 29 March 2026, the last second before the clocks go forward.
    ['2026-03-29T00:59:59Z', '2026-03-29'],
    // 23:30 UTC on 29 March 2026 is 00:30 BST on 30 March.
    ['2026-03-29T23:30:00Z', '2026-03-30'],
    // 23:30 UTC on Thursday 4 June 2026 is 00:30 BST on Friday 5 June.
    ['2026-06-04T23:30:00Z', '2026-06-05'],
    // 22:59:59 UTC in BST is still 23:59:59 on the same London day.
    ['2026-06-04T22:59:59Z', '2026-06-04'],
    // 23:30 UTC on 24 October 2026 is 00:30 BST on 25 October (clocks go back at 01:00 UTC).
    ['2026-10-24T23:30:00Z', '2026-10-25'],
    // 23:30 UTC on 25 October 2026 is 23:30 GMT, still 25 October.
    ['2026-10-25T23:30:00Z', '2026-10-25'],
    // In winter London is on UTC.
    ['2026-12-31T23:59:59.999Z', '2026-12-31'],
    // An explicit offset is honoured: 00:30+02:00 is 22:30 UTC the day before, 23:30 BST.
    ['2026-07-02T00:30:00+02:00', '2026-07-01'],
  ])('%s is London date %s', (instant, expected) => {
    expect(londonDateOf(instant)).toBe(expected);
    expect(londonDateOf(new Date(instant))).toBe(expected);
  });

  it.each([
    '2026-03-27T23:30:00', // no offset: would be read in the server's time zone
    '2026-03-27',
    '2026-02-30T10:00:00Z', // Date.parse would roll this over to 2 March
    '2026-03-27T24:00:00Z',
    'yesterday',
    // Read by the API's own parser (event-schemas/src/dates.ts): what it refuses, so does this.
    '2026-W13-5T10:00:00Z',
    '2026-086T10:00:00Z',
    '9999-03-27T10:00:00Z',
    '2026-03-27T10:00:00+0100',
  ])('refuses %j', (instant) => {
    expect(() => londonDateOf(instant)).toThrow(RangeError);
  });

  it('refuses an invalid Date', () => {
    expect(() => londonDateOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('endOfLondonDay', () => {
  it.each<[string, string]>([
    // Saturday 28 March 2026 ends at 00:00 GMT on the 29th (clocks go forward at 01:00 UTC).
    ['2026-03-28', '2026-03-29T00:00:00.000Z'],
    // 29 March 2026 is 23 hours long and ends at 00:00 BST on the 30th = 23:00 UTC.
    ['2026-03-29', '2026-03-29T23:00:00.000Z'],
    // 1 June 2026 ends at 00:00 BST on 2 June.
    ['2026-06-01', '2026-06-01T23:00:00.000Z'],
    // 24 October 2026 ends at 00:00 BST on the 25th.
    ['2026-10-24', '2026-10-24T23:00:00.000Z'],
    // 25 October 2026 is 25 hours long and ends at 00:00 GMT on the 26th.
    ['2026-10-25', '2026-10-26T00:00:00.000Z'],
    // 31 December 2026 ends at 00:00 GMT on 1 January 2027.
    ['2026-12-31', '2027-01-01T00:00:00.000Z'],
    // 2027's clocks go forward on 28 March: the 27th is GMT, the 28th ends in BST.
    ['2027-03-27', '2027-03-28T00:00:00.000Z'],
    ['2027-03-28', '2027-03-28T23:00:00.000Z'],
    // 2025's clocks go back on 26 October.
    ['2025-10-26', '2025-10-27T00:00:00.000Z'],
    // 29 February exists in 2028 and ends at 00:00 GMT on 1 March.
    ['2028-02-29', '2028-03-01T00:00:00.000Z'],
  ])('end of %s is %s', (date, expected) => {
    expect(endOfLondonDay(date)).toBe(expected);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-1-05',
    '26-01-05',
    '2026-01-05T00:00:00Z',
    '',
    '2026-W02-1',
    '2026-005',
    '9999-01-05',
  ])('refuses %j', (date) => {
    expect(() => endOfLondonDay(date)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each<[string, boolean]>([
    ['2026-01-01', false], // New Year's Day, Thursday
    ['2026-01-02', true], // Friday
    ['2026-01-03', false], // Saturday
    ['2026-01-04', false], // Sunday
    ['2026-04-03', false], // Good Friday
    ['2026-04-06', false], // Easter Monday
    ['2026-04-07', true], // Tuesday after Easter
    ['2026-12-26', false], // Boxing Day, a Saturday
    ['2026-12-28', false], // substitute for Boxing Day
    ['2026-12-29', true], // Tuesday
    ['2027-12-27', false], // substitute for Christmas Day (a Saturday)
    ['2028-01-03', false], // substitute for New Year's Day 2028 (a Saturday)
  ])('%s -> %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('workingDaysAfter: hand-worked deadlines', () => {
  it.each<[string, number, string]>([
    // --- 2026 ---
    // Fri 9 Jan 2026 (GMT) +1: Mon 12 Jan.
    ['2026-01-09T10:00:00Z', 1, '2026-01-12'],
    // Fri 9 Jan +2: Mon 12 (1), Tue 13 (2).
    ['2026-01-09T10:00:00Z', 2, '2026-01-13'],
    // Sat 10 Jan +1: Sun is not a working day, Mon 12 (1).
    ['2026-01-10T15:00:00Z', 1, '2026-01-12'],
    // Sun 11 Jan +1: Mon 12 (1).
    ['2026-01-11T15:00:00Z', 1, '2026-01-12'],
    // N = 0 on Wed 14 Jan: the trigger day itself.
    ['2026-01-14T08:00:00Z', 0, '2026-01-14'],
    // N = 0 on Sat 10 Jan: the trigger day itself, though not a working day.
    ['2026-01-10T08:00:00Z', 0, '2026-01-10'],
    // 23:30 UTC Thu 8 Jan is 23:30 GMT, still Thursday: +1 is Fri 9 Jan.
    ['2026-01-08T23:30:00Z', 1, '2026-01-09'],
    // 23:30 UTC Thu 4 Jun is 00:30 BST Fri 5 Jun: +1 is Mon 8 Jun (not Fri 5 Jun).
    ['2026-06-04T23:30:00Z', 1, '2026-06-08'],
    // Same instant, N = 0: the London day, Fri 5 Jun.
    ['2026-06-04T23:30:00Z', 0, '2026-06-05'],
    // 23:30 UTC Fri 27 Mar is 23:30 GMT Friday: +1 is Mon 30 Mar.
    ['2026-03-27T23:30:00Z', 1, '2026-03-30'],
    // 23:30 UTC Sat 28 Mar is still 23:30 GMT Saturday (clocks change 01:00 UTC on the 29th): Mon 30 Mar.
    ['2026-03-28T23:30:00Z', 1, '2026-03-30'],
    // 23:30 UTC Sun 29 Mar is 00:30 BST Mon 30 Mar: +1 is Tue 31 Mar.
    ['2026-03-29T23:30:00Z', 1, '2026-03-31'],
    // Thu 2 Apr +1: Fri 3 Good Friday, Sat, Sun, Mon 6 Easter Monday, Tue 7 Apr (1).
    ['2026-04-02T09:00:00Z', 1, '2026-04-07'],
    // Good Friday 3 Apr +1: Sat, Sun, Mon 6 Easter Monday, Tue 7 Apr (1).
    ['2026-04-03T09:00:00Z', 1, '2026-04-07'],
    // Thu 2 Apr +10: Tue 7 (1) … Fri 10 (4), Mon 13 (5) … Fri 17 (9), Mon 20 Apr (10).
    ['2026-04-02T09:00:00Z', 10, '2026-04-20'],
    // Thu 30 Apr +2: Fri 1 May (1), Mon 4 May bank holiday, Tue 5 May (2).
    ['2026-04-30T12:00:00Z', 2, '2026-05-05'],
    // Fri 22 May +1: Mon 25 May bank holiday, Tue 26 May (1).
    ['2026-05-22T12:00:00Z', 1, '2026-05-26'],
    // Mon 27 Apr +20: 28, 29, 30 Apr, 1 May (4), [4 May], 5–8 May (8), 11–15 (13), 18–22 (18), [25 May], 26 (19), Wed 27 May (20).
    ['2026-04-27T12:00:00Z', 20, '2026-05-27'],
    // Fri 28 Aug +1: Mon 31 Aug bank holiday, Tue 1 Sep (1).
    ['2026-08-28T12:00:00Z', 1, '2026-09-01'],
    // Thu 24 Dec +1: Fri 25 Christmas, Sat 26, Sun 27, Mon 28 substitute Boxing Day, Tue 29 Dec (1).
    ['2026-12-24T12:00:00Z', 1, '2026-12-29'],
    // Thu 24 Dec +5: Tue 29 (1), Wed 30 (2), Thu 31 (3), [Fri 1 Jan 2027], Mon 4 Jan (4), Tue 5 Jan (5).
    ['2026-12-24T12:00:00Z', 5, '2027-01-05'],
    // Thu 31 Dec 2026 +1: Fri 1 Jan 2027 bank holiday, Sat, Sun, Mon 4 Jan (1).
    ['2026-12-31T12:00:00Z', 1, '2027-01-04'],
    // Fri 11 Dec +30: 14–18 (5), 21–24 (9), [25, 28 Dec], 29–31 (12), [1 Jan], 4–8 Jan (17),
    // 11–15 (22), 18–22 (27), Mon 25 (28), Tue 26 (29), Wed 27 Jan 2027 (30).
    ['2026-12-11T12:00:00Z', 30, '2027-01-27'],
    // --- 2025 ---
    // Wed 16 Apr 2025 +2: Thu 17 (1), [Fri 18 Good Friday, Sat, Sun, Mon 21 Easter Monday], Tue 22 (2).
    ['2025-04-16T12:00:00Z', 2, '2025-04-22'],
    // Thu 17 Apr 2025 +1: Fri 18 Good Friday, Sat, Sun, Mon 21 Easter Monday, Tue 22 Apr (1).
    ['2025-04-17T12:00:00Z', 1, '2025-04-22'],
    // Fri 2 May 2025 +1: Mon 5 May bank holiday, Tue 6 May (1).
    ['2025-05-02T12:00:00Z', 1, '2025-05-06'],
    // Fri 23 May 2025 +1: Mon 26 May bank holiday, Tue 27 May (1).
    ['2025-05-23T12:00:00Z', 1, '2025-05-27'],
    // Fri 22 Aug 2025 +1: Mon 25 Aug bank holiday, Tue 26 Aug (1).
    ['2025-08-22T12:00:00Z', 1, '2025-08-26'],
    // Mon 18 Aug 2025 +10: 19–22 (4), [25 Aug], 26–29 (8), Mon 1 Sep (9), Tue 2 Sep (10).
    ['2025-08-18T12:00:00Z', 10, '2025-09-02'],
    // Wed 24 Dec 2025 +1: Thu 25, Fri 26 bank holidays, Sat, Sun, Mon 29 Dec (1).
    ['2025-12-24T12:00:00Z', 1, '2025-12-29'],
    // Wed 24 Dec 2025 +5: Mon 29 (1), Tue 30 (2), Wed 31 (3), [Thu 1 Jan 2026], Fri 2 Jan (4), Mon 5 Jan (5).
    ['2025-12-24T12:00:00Z', 5, '2026-01-05'],
    // --- 2027 ---
    // Thu 25 Mar 2027 +1: Fri 26 Good Friday, Sat, Sun, Mon 29 Easter Monday, Tue 30 Mar (1).
    ['2027-03-25T12:00:00Z', 1, '2027-03-30'],
    // Fri 30 Apr 2027 +1: Mon 3 May bank holiday, Tue 4 May (1).
    ['2027-04-30T12:00:00Z', 1, '2027-05-04'],
    // Fri 28 May 2027 +1: Mon 31 May bank holiday, Tue 1 Jun (1).
    ['2027-05-28T12:00:00Z', 1, '2027-06-01'],
    // Fri 27 Aug 2027 +1: Mon 30 Aug bank holiday, Tue 31 Aug (1).
    ['2027-08-27T12:00:00Z', 1, '2027-08-31'],
    // Fri 20 Aug 2027 +10: 23–27 (5), [30 Aug], 31 Aug (6), 1–3 Sep (9), Mon 6 Sep (10).
    ['2027-08-20T12:00:00Z', 10, '2027-09-06'],
    // Fri 24 Dec 2027 +1: Sat 25, Sun 26, Mon 27 and Tue 28 substitute days, Wed 29 Dec (1).
    ['2027-12-24T12:00:00Z', 1, '2027-12-29'],
    // Fri 24 Dec 2027 +5: 29 (1), 30 (2), 31 (3), [Sat 1, Sun 2, Mon 3 Jan 2028 substitute], Tue 4 (4), Wed 5 Jan (5).
    ['2027-12-24T12:00:00Z', 5, '2028-01-05'],
  ])('%s + %i working days -> end of %s', (trigger, n, expected) => {
    const deadline = workingDaysAfter(trigger, n);
    expect(deadline.localDate).toBe(expected);
    expect(deadline.endsAt).toBe(endOfLondonDay(expected));
    expect(addWorkingDays(londonDateOf(trigger), n)).toBe(expected);
  });

  it.each<[string, number, string, string]>([
    // Fri 27 Mar 2026 (GMT) +1 is Mon 30 Mar, after the clocks go forward: ends 00:00 BST on the 31st.
    ['2026-03-27T23:30:00Z', 1, '2026-03-30', '2026-03-30T23:00:00.000Z'],
    // Thu 26 Mar 2026 +1 is Fri 27 Mar, in GMT: ends 00:00 GMT on the 28th.
    ['2026-03-26T12:00:00Z', 1, '2026-03-27', '2026-03-28T00:00:00.000Z'],
    // Fri 23 Oct 2026 (BST) +1 is Mon 26 Oct, after the clocks go back: ends 00:00 GMT on the 27th.
    ['2026-10-23T12:00:00Z', 1, '2026-10-26', '2026-10-27T00:00:00.000Z'],
    // Sat 24 Oct 2026, N = 0: ends 00:00 BST on the 25th, before the clocks go back.
    ['2026-10-24T12:00:00Z', 0, '2026-10-24', '2026-10-24T23:00:00.000Z'],
    // Sun 25 Oct 2026, N = 0 (a 25-hour day): ends 00:00 GMT on the 26th.
    ['2026-10-25T12:00:00Z', 0, '2026-10-25', '2026-10-26T00:00:00.000Z'],
    // Fri 29 May 2026 +1 is Mon 1 Jun (BST): ends 00:00 BST on 2 Jun.
    ['2026-05-29T12:00:00Z', 1, '2026-06-01', '2026-06-01T23:00:00.000Z'],
  ])('%s + %i working days ends at the end of %s, %s', (trigger, n, localDate, endsAt) => {
    expect(workingDaysAfter(trigger, n)).toEqual({ localDate, endsAt });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p working days', (n) => {
    expect(() => workingDaysAfter('2026-01-09T10:00:00Z', n)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-09', n)).toThrow(RangeError);
  });
});

describe('calendarDaysBefore', () => {
  it.each<[string, number, string, string]>([
    // VPS 28 days before a hearing on Fri 1 May 2026: Fri 3 Apr (Good Friday; calendar days are not adjusted), BST.
    ['2026-05-01', 28, '2026-04-03', '2026-04-03T23:00:00.000Z'],
    // 28 days before Wed 28 Jan 2026: Wed 31 Dec 2025, GMT.
    ['2026-01-28', 28, '2025-12-31', '2026-01-01T00:00:00.000Z'],
    // 28 days before 28 Mar 2026 (not a leap year): 28 Feb.
    ['2026-03-28', 28, '2026-02-28', '2026-03-01T00:00:00.000Z'],
    // 28 days before 28 Mar 2028 (leap year): 29 Feb.
    ['2028-03-28', 28, '2028-02-29', '2028-03-01T00:00:00.000Z'],
    // 1 day before Mon 30 Mar 2026: Sun 29 Mar, the day the clocks go forward (23 hours).
    ['2026-03-30', 1, '2026-03-29', '2026-03-29T23:00:00.000Z'],
    // 28 days before Sun 22 Nov 2026: Sun 25 Oct, the day the clocks go back (25 hours).
    ['2026-11-22', 28, '2026-10-25', '2026-10-26T00:00:00.000Z'],
    // 0 days before: the date itself.
    ['2026-06-01', 0, '2026-06-01', '2026-06-01T23:00:00.000Z'],
  ])('%s minus %i calendar days -> end of %s (%s)', (date, n, localDate, endsAt) => {
    expect(calendarDaysBefore(date, n)).toEqual({ localDate, endsAt });
  });

  it('refuses a negative number of days', () => {
    expect(() => calendarDaysBefore('2026-05-01', -1)).toThrow(RangeError);
  });
});

describe('subtractWorkingDays', () => {
  it.each<[string, number, string]>([
    // Mon 12 Jan 2026 -1: Fri 9 Jan.
    ['2026-01-12', 1, '2026-01-09'],
    // Sat 10 Jan and Sun 11 Jan -1: Fri 9 Jan.
    ['2026-01-10', 1, '2026-01-09'],
    ['2026-01-11', 1, '2026-01-09'],
    // Fri 16 Jan -2 (a reminder two working days before a Friday deadline): Wed 14 Jan.
    ['2026-01-16', 2, '2026-01-14'],
    // 0: the date itself, working day or not.
    ['2026-01-14', 0, '2026-01-14'],
    ['2026-01-10', 0, '2026-01-10'],
    // Tue 7 Apr 2026 -1: Mon 6 Easter Monday, Sun, Sat, Fri 3 Good Friday, Thu 2 Apr (1).
    ['2026-04-07', 1, '2026-04-02'],
    // Tue 26 May 2026 -1: Mon 25 May bank holiday, Fri 22 May (1).
    ['2026-05-26', 1, '2026-05-22'],
    // Tue 29 Dec 2026 -1: Mon 28 substitute, Sun, Sat, Fri 25 Christmas, Thu 24 Dec (1).
    ['2026-12-29', 1, '2026-12-24'],
    // Across the year: Mon 4 Jan 2027 -1: Fri 1 Jan bank holiday, Thu 31 Dec 2026 (1).
    ['2027-01-04', 1, '2026-12-31'],
    // Tue 5 Jan 2027 -5: Mon 4 (1), [1 Jan], Thu 31 (2), Wed 30 (3), Tue 29 (4), [28, 25], Thu 24 Dec (5).
    ['2027-01-05', 5, '2026-12-24'],
    // Wed 29 Dec 2027 -1: Tue 28 and Mon 27 substitute days, Fri 24 Dec (1).
    ['2027-12-29', 1, '2027-12-24'],
  ])('%s - %i working days -> %s', (date, n, expected) => {
    expect(subtractWorkingDays(date, n)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p working days', (n) => {
    expect(() => subtractWorkingDays('2026-01-09', n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each<[string, string, number]>([
    // Thu 2 Apr 2026 to Tue 7 Apr: Good Friday and Easter Monday do not count, Tue 7 does.
    ['2026-04-02', '2026-04-07', 1],
    // Backwards: 0.
    ['2026-04-07', '2026-04-02', 0],
    // Same day: 0.
    ['2026-04-07', '2026-04-07', 0],
    // Fri 9 Jan to Sat 10 Jan 2026: 0.
    ['2026-01-09', '2026-01-10', 0],
    // Sat 10 Jan to Mon 12 Jan: Mon (1).
    ['2026-01-10', '2026-01-12', 1],
    // Thu 24 Dec 2026 to Tue 5 Jan 2027: 29, 30, 31 Dec, 4, 5 Jan.
    ['2026-12-24', '2027-01-05', 5],
    // A whole year: 2026 has 261 weekdays, of which 8 are bank holidays.
    ['2025-12-31', '2026-12-31', 253],
  ])('%s to %s: %i working days', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });
});

describe('properties', () => {
  const FIRST_DAY = Date.UTC(2024, 0, 1) / MS_PER_DAY;
  const LAST_DAY = Date.UTC(2030, 11, 31) / MS_PER_DAY;

  const localDate = fc
    .integer({ min: FIRST_DAY, max: LAST_DAY })
    .map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10));

  // Any instant, plus instants within two hours either side of a UTC midnight (where the
  // London date and the UTC date part company in summer).
  const triggerInstant = fc.oneof(
    fc
      .date({
        min: new Date(FIRST_DAY * MS_PER_DAY),
        max: new Date((LAST_DAY + 1) * MS_PER_DAY - 1),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString()),
    fc
      .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: -7200, max: 7199 }))
      .map(([day, seconds]) => new Date(day * MS_PER_DAY + seconds * 1000).toISOString()),
  );

  const workingDays = fc.integer({ min: 0, max: 60 });
  const someWorkingDays = fc.integer({ min: 1, max: 60 });

  it('a deadline of one or more working days falls on a working day, after the trigger day', () => {
    fc.assert(
      fc.property(triggerInstant, someWorkingDays, (trigger, n) => {
        const deadline = workingDaysAfter(trigger, n);
        expect(isWorkingDay(deadline.localDate)).toBe(true);
        expect(deadline.localDate > londonDateOf(trigger)).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });

  it('adding n then m working days is adding n + m', () => {
    fc.assert(
      fc.property(localDate, workingDays, workingDays, (date, n, m) => {
        expect(addWorkingDays(addWorkingDays(date, n), m)).toBe(addWorkingDays(date, n + m));
      }),
      PROPERTY_RUNS,
    );
  });

  it('subtracting n working days undoes adding them, from a working day', () => {
    fc.assert(
      fc.property(localDate, workingDays, (date, n) => {
        const start = isWorkingDay(date) ? date : addWorkingDays(date, 1);
        expect(subtractWorkingDays(addWorkingDays(start, n), n)).toBe(start);
        expect(addWorkingDays(subtractWorkingDays(start, n), n)).toBe(start);
      }),
      PROPERTY_RUNS,
    );
  });

  it('n working days before a date are n working days away from it', () => {
    fc.assert(
      fc.property(localDate, someWorkingDays, (date, n) => {
        const before = subtractWorkingDays(date, n);
        expect(isWorkingDay(before)).toBe(true);
        expect(workingDaysBetween(before, date)).toBe(isWorkingDay(date) ? n : n - 1);
      }),
      PROPERTY_RUNS,
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) is n, whether or not d is a working day', () => {
    fc.assert(
      fc.property(localDate, workingDays, (date, n) => {
        expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
      }),
      PROPERTY_RUNS,
    );
  });

  it('the deadline moves later as n grows', () => {
    fc.assert(
      fc.property(triggerInstant, workingDays, someWorkingDays, (trigger, n, extra) => {
        const earlier = workingDaysAfter(trigger, n);
        const later = workingDaysAfter(trigger, n + extra);
        expect(earlier.localDate < later.localDate).toBe(true);
        expect(Date.parse(earlier.endsAt)).toBeLessThan(Date.parse(later.endsAt));
      }),
      PROPERTY_RUNS,
    );
  });

  it('endsAt is the London midnight that ends the deadline day', () => {
    fc.assert(
      fc.property(triggerInstant, workingDays, (trigger, n) => {
        const { localDate: date, endsAt } = workingDaysAfter(trigger, n);
        const end = new Date(endsAt);
        expect(end.toISOString()).toBe(endsAt);
        expect(londonWallClock.format(end)).toBe(londonMidnightText(plusDays(date, 1)));
        expect(londonDateOf(new Date(end.getTime() - 1))).toBe(date);
      }),
      PROPERTY_RUNS,
    );
  });

  it('calendarDaysBefore goes back n calendar days and ends at London midnight', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 120 }), (date, n) => {
        const { localDate: before, endsAt } = calendarDaysBefore(date, n);
        expect(before).toBe(plusDays(date, -n));
        expect(londonWallClock.format(new Date(endsAt))).toBe(
          londonMidnightText(plusDays(before, 1)),
        );
      }),
      PROPERTY_RUNS,
    );
  });
});
