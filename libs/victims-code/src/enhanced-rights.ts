import { readCalendarDate, type EventOf, type OffenceCategory } from '@vj/event-schemas';
import { londonDateOf } from './calendar';
import type { SourceKind } from './rules/entitlement-rule';

/** Why a victim has enhanced rights (shorter deadlines). */
export type EnhancedReason =
  | 'most-serious-crime'
  | 'bereaved'
  | 'persistently-targeted'
  | 'vulnerable'
  | 'intimidated'
  | 'under-18';

const PART_1 =
  'Code of Practice for Victims of Crime in England and Wales (2020), Part 1, enhanced rights';

/** Why an offence category gives enhanced rights, and on what authority. */
export interface EnhancedByOffence {
  reason: EnhancedReason;
  sourceKind: SourceKind;
  source: string;
}

const MOST_SERIOUS: EnhancedByOffence = {
  reason: 'most-serious-crime',
  sourceKind: 'code-2020',
  source: `${PART_1}: victims of the most serious crime`,
};

/**
 * The Code names persistently targeted victims but leaves it to the police to judge who is one;
 * that every stalking or harassment victim is one is this product's inference.
 */
const PERSISTENTLY_TARGETED_INFERRED: EnhancedByOffence = {
  reason: 'persistently-targeted',
  sourceKind: 'product-default',
  source: `The product's inference: stalking and harassment are persistent targeting by their nature (${PART_1}: persistently targeted victims, judged by the police)`,
};

/**
 * Offence categories that make a victim a victim of the most serious crime, bereaved, or
 * persistently targeted, whatever the police assessment says. Data, not code.
 */
export const ENHANCED_OFFENCE_CATEGORIES: Readonly<
  Partial<Record<OffenceCategory, EnhancedByOffence>>
> = {
  homicide: {
    reason: 'bereaved',
    sourceKind: 'code-2020',
    source: `${PART_1}: close relatives bereaved by criminal conduct`,
  },
  'attempted-murder': MOST_SERIOUS,
  'domestic-abuse': MOST_SERIOUS,
  'hate-crime': MOST_SERIOUS,
  terrorism: MOST_SERIOUS,
  'sexual-offence': MOST_SERIOUS,
  'human-trafficking': MOST_SERIOUS,
  kidnap: MOST_SERIOUS,
  'false-imprisonment': MOST_SERIOUS,
  'arson-endangering-life': MOST_SERIOUS,
  'wounding-or-gbh-with-intent': MOST_SERIOUS,
  stalking: PERSISTENTLY_TARGETED_INFERRED,
  harassment: PERSISTENTLY_TARGETED_INFERRED,
};

/** How a reason is judged apart from the offence category, and on what authority. */
export interface EnhancedRightsBasis {
  reason: EnhancedReason;
  judged: string;
  sourceKind: SourceKind;
  source: string;
}

/** The police's assessment and the victim's age: the README's enhanced-rights table. */
export const ENHANCED_RIGHTS_BASES: readonly EnhancedRightsBasis[] = [
  ...(
    [
      ['most-serious-crime', 'mostSeriousCrime', 'victims of the most serious crime'],
      ['bereaved', 'bereaved', 'close relatives bereaved by criminal conduct'],
      ['persistently-targeted', 'persistentlyTargeted', 'persistently targeted victims'],
      ['vulnerable', 'vulnerable', 'vulnerable victims'],
      ['intimidated', 'intimidated', 'intimidated victims'],
    ] as const
  ).map(([reason, flag, group]): EnhancedRightsBasis => ({
    reason,
    judged: `The police's assessment (\`enhancedRights.${flag}\`), at the report or a reassessment`,
    sourceKind: 'code-2020',
    source: `${PART_1}: ${group}`,
  })),
  {
    reason: 'under-18',
    judged:
      'Under 18 on the offence date (`offenceDate`), from the date of birth; or the age band the police recorded, which is the band at the offence. With a date of birth and no offence date, the age on the London date of the report, and the case says so (`ageJudgedOn: report-date`): under 18 then means under 18 at the offence, but 18 or over then may not, so the police should record the offence date',
    sourceKind: 'code-2020',
    source: `${PART_1}: vulnerable victims include every victim under 18 at the time of the offence (the Code's child: a person under 18). The offence date, not the report, because a child victim who reports as an adult keeps the rights the offence gave them`,
  },
];

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
  if (byOffence) reasons.add(byOffence.reason);
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

/**
 * How a victim's age was judged for the under-18 rule: from the date of birth on the offence
 * date, or (no offence date recorded) on the report date; or the age band the police recorded,
 * which is the band at the offence.
 */
export type AgeJudgedOn = 'offence-date' | 'report-date' | 'recorded-band';

/** The date a victim's age is judged on from a date of birth, and which date it is. */
export interface AgeReference {
  date: string;
  judgedOn: Exclude<AgeJudgedOn, 'recorded-band'>;
}

/**
 * The offence date when the police recorded one (the Code's test is the age at the offence);
 * without it, the report's London date, said so rather than silently: an offence is never after
 * its report, so under 18 then is under 18 at the offence, but 18 or over then may not be.
 */
export function ageReferenceFor(offenceDate: string | undefined, reportedAt: string): AgeReference {
  return offenceDate !== undefined
    ? { date: offenceDate, judgedOn: 'offence-date' }
    : { date: londonDateOf(reportedAt), judgedOn: 'report-date' };
}

/** A crime report's victim's age band at the offence (as the rules judge it), from the date of birth. */
export function ageBandAtOffence(
  dateOfBirth: string,
  offenceDate: string | undefined,
  reportedAt: string,
): AgeBand {
  return ageBandOn(dateOfBirth, ageReferenceFor(offenceDate, reportedAt).date);
}
