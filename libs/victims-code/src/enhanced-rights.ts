import { readCalendarDate, type EventOf, type OffenceCategory } from '@vj/event-schemas';

/** Why a victim has enhanced rights (shorter deadlines). */
export type EnhancedReason =
  | 'most-serious-crime'
  | 'bereaved'
  | 'persistently-targeted'
  | 'vulnerable'
  | 'intimidated'
  | 'under-18';

/**
 * Offence categories that make a victim a victim of the most serious crime, or persistently
 * targeted, whatever the police assessment says. Data, not code.
 */
export const ENHANCED_OFFENCE_CATEGORIES: Readonly<
  Partial<Record<OffenceCategory, EnhancedReason>>
> = {
  homicide: 'bereaved',
  'attempted-murder': 'most-serious-crime',
  'domestic-abuse': 'most-serious-crime',
  'hate-crime': 'most-serious-crime',
  terrorism: 'most-serious-crime',
  'sexual-offence': 'most-serious-crime',
  'human-trafficking': 'most-serious-crime',
  kidnap: 'most-serious-crime',
  'false-imprisonment': 'most-serious-crime',
  'arson-endangering-life': 'most-serious-crime',
  'wounding-or-gbh-with-intent': 'most-serious-crime',
  stalking: 'persistently-targeted',
  harassment: 'persistently-targeted',
};

export interface EnhancedRightsAssessment {
  vulnerable: boolean;
  intimidated: boolean;
  persistentlyTargeted: boolean;
  mostSeriousCrime: boolean;
  bereaved: boolean;
}

export interface EnhancedRightsFacts {
  assessment: EnhancedRightsAssessment;
  offenceCategory: OffenceCategory;
  /** The victim's age at the offence, when known from a date of birth. */
  ageAtOffence?: number;
  ageBand?: string;
}

/** The reasons a victim has enhanced rights; none means standard deadlines. */
export function enhancedReasons(facts: EnhancedRightsFacts): EnhancedReason[] {
  const reasons = new Set<EnhancedReason>();
  const { assessment } = facts;
  if (assessment.mostSeriousCrime) reasons.add('most-serious-crime');
  if (assessment.bereaved) reasons.add('bereaved');
  if (assessment.persistentlyTargeted) reasons.add('persistently-targeted');
  if (assessment.vulnerable) reasons.add('vulnerable');
  if (assessment.intimidated) reasons.add('intimidated');
  const byOffence = ENHANCED_OFFENCE_CATEGORIES[facts.offenceCategory];
  if (byOffence) reasons.add(byOffence);
  if (
    (facts.ageAtOffence !== undefined && facts.ageAtOffence < 18) ||
    facts.ageBand === 'under-18'
  ) {
    reasons.add('under-18');
  }
  return [...reasons].sort();
}

/** Whole years between a date of birth and a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, date: string): number {
  const born = readCalendarDate(dateOfBirth);
  const on = readCalendarDate(date);
  const beforeBirthday = on.month < born.month || (on.month === born.month && on.day < born.day);
  return on.year - born.year - (beforeBirthday ? 1 : 0);
}

/** The age bands the police may record instead of a date of birth (crime-reported). */
export type AgeBand = NonNullable<EventOf<'crime-reported'>['data']['victimAgeBand']>;

/** Each band and the age it ends below, youngest first. */
const AGE_BAND_LIMITS: readonly (readonly [number, AgeBand])[] = [
  [18, 'under-18'],
  [25, '18-24'],
  [35, '25-34'],
  [45, '35-44'],
  [55, '45-54'],
  [65, '55-64'],
];

/** The age band of an age in whole years. */
export function ageBandOf(age: number): AgeBand {
  return AGE_BAND_LIMITS.find(([below]) => age < below)?.[1] ?? '65-plus';
}

/**
 * The age band of a victim born on a date, on another date (both YYYY-MM-DD): what the Code's
 * under-18 rule needs, kept in the clear so it reads the same after the date of birth is erased.
 */
export function ageBandOn(dateOfBirth: string, date: string): AgeBand {
  return ageBandOf(ageOn(dateOfBirth, date));
}
