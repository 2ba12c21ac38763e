export { bankHolidaysIn } from './bank-holidays';
export type { LocalDate } from './local-date';
export { endOfLondonDay, instantMsOf, londonDateOf } from './london-time';
export {
  addWorkingDays,
  calendarDaysAfter,
  calendarDaysBefore,
  type Deadline,
  isWorkingDay,
  subtractWorkingDays,
  workingDaysAfter,
  workingDaysBetween,
} from './working-days';
