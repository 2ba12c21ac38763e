import { isPoliceArea } from '@vj/agencies';
import { CALENDAR_DATE_RULE, calendarDateOf } from '@vj/event-schemas';
import { monthsBetween } from '@vj/projections';

/** The longest period a report covers. */
export const MAX_REPORT_MONTHS = 24;

const MONTH = /^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$/;

export interface ReportPeriod {
  /** The areas named, if any: each a police area id, each once. */
  policeAreas?: string[];
  from: string;
  to: string;
  asOf: string;
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * Reads a report's parameters, naming every one that is wrong: `from` and `to` months (YYYY-MM,
 * from <= to, at most 24 months), `asOf` a date not after `today` (London; today when absent),
 * `policeAreas` police area ids if given (a query's `policeArea`, once or repeated).
 */
export function readReportPeriod(
  raw: { policeAreas?: unknown; from?: unknown; to?: unknown; asOf?: unknown },
  today: string,
): { period: ReportPeriod; problems?: undefined } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const month = (field: 'from' | 'to'): string | undefined => {
    const value = raw[field];
    if (typeof value === 'string' && MONTH.test(value)) return value;
    problems.push({
      field,
      reason: value === undefined ? 'is required: a month, YYYY-MM' : 'must be a month, YYYY-MM',
    });
    return undefined;
  };
  const from = month('from');
  const to = month('to');
  if (from && to && from > to) problems.push({ field: 'to', reason: 'must not be before from' });
  else if (from && to && monthsBetween(from, to).length > MAX_REPORT_MONTHS)
    problems.push({
      field: 'to',
      reason: `must be at most ${MAX_REPORT_MONTHS} months after from`,
    });
  let asOf = today;
  if (raw.asOf !== undefined) {
    if (calendarDateOf(raw.asOf) === undefined)
      problems.push({ field: 'asOf', reason: CALENDAR_DATE_RULE });
    else if ((raw.asOf as string) > today)
      problems.push({ field: 'asOf', reason: `must not be in the future (today is ${today})` });
    else asOf = raw.asOf as string;
  }
  const named = raw.policeAreas;
  const areas = typeof named === 'string' ? [named] : named;
  if (
    areas !== undefined &&
    (!Array.isArray(areas) ||
      areas.length === 0 ||
      !areas.every((a) => typeof a === 'string' && isPoliceArea(a)))
  )
    problems.push({ field: 'policeArea', reason: 'must be a police area id' });
  if (problems.length > 0 || !from || !to) return { problems };
  return {
    period: {
      from,
      to,
      asOf,
      ...(areas ? { policeAreas: [...new Set(areas as string[])] } : {}),
    },
  };
}
