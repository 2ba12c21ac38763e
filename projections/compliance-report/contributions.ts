import { readCalendarDate } from '@vj/event-schemas';
import {
  ageBandAtOffence,
  londonDateOf,
  OFFENCE_GROUP_OF,
  workingDaysBetween,
} from '@vj/victims-code';
import type { JourneyEvent } from '../journey-event';
import { casesOf, type CaseFacts } from '../victim-journey/cases';
import type { Entitlement } from '../victim-journey/entitlements';
import type { JourneyState } from '../victim-journey/journey-state';
import type { ReportOutcome } from './report';

/**
 * Every entitlement contributes to the 'all' cut and to one value (or more) of each dimension.
 * Agency, Right and rule are one cut, 'agency-rule' (`<agency kind>/<Right>/<rule id>`): the
 * report sums it into the three, so each entitlement writes three rows fewer per step.
 */
export const CONTRIBUTION_DIMENSIONS = [
  'all',
  'enhanced',
  'enhanced-reason',
  'offence-group',
  'age-band',
  'agency-rule',
] as const;

/** The cut that gives agency, Right and rule (and the dataset's rows): `<agency>/<Right>/<rule>`. */
export const AGENCY_RULE = 'agency-rule';

/** An 'agency-rule' value read back. */
export function agencyRuleOf(value: string): { agency: string; right: string; ruleId: string } {
  const [agency = '', right = '', ruleId = ''] = value.split('/');
  return { agency, right, ruleId };
}

/** Feedback rows: 'feedback-overall', and 'feedback-right-N' for each Right asked about. */
export const FEEDBACK_OVERALL = 'feedback-overall';
export const feedbackRightDimension = (right: number) => `feedback-right-${right}`;

/** What a feedback row counts: one response. */
export const RESPONSE = 'response';
export type ContributionOutcome = ReportOutcome | typeof RESPONSE;

/**
 * One step of the compliance counts: from the London date `from`, `count` more (or fewer)
 * entitlements of this area, deadline month and cut stand at `outcome`. Summing every row with
 * `from <= D` gives the figures as of the end of D, whenever (and however often) it is computed.
 */
export interface Contribution {
  policeArea: string;
  /** YYYY-MM of the deadline's London date (a feedback response: of its own date). */
  month: string;
  dimension: string;
  value: string;
  outcome: ContributionOutcome;
  /** YYYY-MM-DD, London. */
  from: string;
  /** Met late only, and only in the 'all' cut (lateness is reported for the area as a whole). */
  workingDaysLate: number | null;
  count: number;
}

/** The key a contribution is summed under: everything but its count. */
export function contributionKey(c: Omit<Contribution, 'count'>): string {
  return [
    c.policeArea,
    c.month,
    c.dimension,
    c.value,
    c.outcome,
    c.from,
    // 0 where there is none: as the table's key has it.
    c.workingDaysLate ?? 0,
  ].join('|');
}

/**
 * A victim's contributions to the compliance counts: built only from the deadline, fulfilment
 * and not-applicable dates of their entitlements (and the dates of their feedback), never from
 * the judged status or "now", so the same events give the same rows at any time. Entitlements
 * with no clock (owed, given, declined) are not in the report. Pure.
 */
export function contributionsOf(
  state: JourneyState,
  entitlements: readonly Entitlement[],
): Contribution[] {
  return inKeyOrder(summed(state, entitlements)).map(([, c]) => c);
}

/** A contribution as stored for its victim: its key (`contributionKey`) and count. */
export type KeyedContribution = [key: string, count: number];

/**
 * The victim's contributions as the compliance counts store them: `contributionsOf`'s, in the
 * same order, each as its key and count, with the keys built once (the projector's hot path).
 */
export function keyedContributionsOf(
  state: JourneyState,
  entitlements: readonly Entitlement[],
): KeyedContribution[] {
  return inKeyOrder(summed(state, entitlements)).map(([key, c]) => [key, c.count]);
}

/** In key order (each key made once): the same events give the same list, byte for byte. */
function inKeyOrder(sum: Map<string, Contribution>): [string, Contribution][] {
  return [...sum.entries()].filter(([, c]) => c.count !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Every contribution of the victim, by its key (`contributionKey`); some may sum to 0. */
function summed(
  state: JourneyState,
  entitlements: readonly Entitlement[],
): Map<string, Contribution> {
  const cases = casesOf(state.events);
  const sum = new Map<string, Contribution>();
  const add = (row: Contribution) => {
    const key = contributionKey(row);
    const existing = sum.get(key);
    if (existing) existing.count += row.count;
    else sum.set(key, row);
  };
  // The hot loop of a rebuild: each key built once as a string, a row made only for a new key.
  const step = (
    policeArea: string,
    month: string,
    dimension: string,
    value: string,
    outcome: ReportOutcome,
    from: string,
    workingDaysLate: number | null,
    count: number,
  ) => {
    const key = `${policeArea}|${month}|${dimension}|${value}|${outcome}|${from}|${workingDaysLate ?? 0}`;
    const existing = sum.get(key);
    if (existing) existing.count += count;
    else
      sum.set(key, { policeArea, month, dimension, value, outcome, from, workingDaysLate, count });
  };
  for (const e of entitlements) {
    const timeline = timelineOf(e);
    if (!timeline || !e.deadline) continue;
    const month = e.deadline.localDate.slice(0, 7);
    const cuts = cutsOf(e, caseOf(cases, e.crimeReference));
    for (let i = 0; i < timeline.length; i += 1) {
      const { outcome, from, workingDaysLate } = timeline[i] as Step;
      const next = timeline[i + 1];
      for (const [dimension, value] of cuts) {
        const late = dimension === 'all' ? workingDaysLate : null;
        step(e.policeArea, month, dimension, value, outcome, from, late, 1);
        if (next) step(e.policeArea, month, dimension, value, outcome, next.from, late, -1);
      }
    }
  }
  for (const event of state.events) {
    if (event.type !== 'victim-feedback-given') continue;
    for (const row of feedbackRowsOf(event)) add(row);
  }
  return sum;
}

interface Step {
  outcome: ReportOutcome;
  /** The London date from which the entitlement stands at this outcome. */
  from: string;
  workingDaysLate: number | null;
}

/**
 * The outcomes an entitlement with a deadline passes through, each from a London date, in order:
 * pending from the trigger's date; breached from the day after the deadline's date (the deadline
 * ends at midnight after it) unless fulfilled by then; met (on or before the deadline's date) or
 * met late from the fulfilment's date; not applicable from the date the excluding fact began (a
 * waiver: from the date of the waiving event). A step that lasts no day at all is left out.
 */
export function timelineOf(e: Entitlement): Step[] | null {
  if (!e.deadline) return null;
  const due = e.deadline.localDate;
  const dayAfterDue = nextDate(due);
  const steps: Step[] = [
    { outcome: 'pending', from: londonDateOf(e.trigger.occurredAt), workingDaysLate: null },
  ];
  if (e.notApplicable) {
    steps.push({
      outcome: 'not-applicable',
      from: londonDateOf(e.notApplicable.from),
      workingDaysLate: null,
    });
  } else if (e.fulfilment) {
    const fulfilled = londonDateOf(e.fulfilment.occurredAt);
    if (fulfilled <= due) {
      // A waiver (the victim asked not to be told) is not applicable, not met.
      steps.push({
        outcome: e.status === 'waived' ? 'not-applicable' : 'met',
        from: fulfilled,
        workingDaysLate: null,
      });
    } else {
      steps.push({ outcome: 'breached', from: dayAfterDue, workingDaysLate: null });
      steps.push({
        outcome: 'met-late',
        from: fulfilled,
        workingDaysLate: workingDaysBetween(due, fulfilled),
      });
    }
  } else {
    steps.push({ outcome: 'breached', from: dayAfterDue, workingDaysLate: null });
  }
  // Nothing counts before the trigger; a later step that starts the same day replaces the earlier.
  const start = steps[0]?.from ?? due;
  const clamped = steps.map((s) => ({ ...s, from: s.from < start ? start : s.from }));
  return clamped.filter((s, i) => {
    const next = clamped[i + 1];
    return !next || next.from > s.from;
  });
}

function nextDate(date: string): string {
  const { year, month, day } = readCalendarDate(date);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

function caseOf(cases: Map<string, CaseFacts>, crimeReference: string): CaseFacts | undefined {
  return cases.get(crimeReference) ?? cases.values().next().value;
}

/** Each dimension and the value(s) the entitlement has in it. */
function cutsOf(e: Entitlement, c: CaseFacts | undefined): [string, string][] {
  return [
    ['all', 'all'],
    ['enhanced', e.enhanced ? 'enhanced' : 'standard'],
    ...(e.enhancedReasons.length > 0 ? e.enhancedReasons : ['none']).map(
      (reason): [string, string] => ['enhanced-reason', reason],
    ),
    ['offence-group', c ? OFFENCE_GROUP_OF[c.offenceCategory] : 'other'],
    ['age-band', c ? ageBandOfCase(c) : 'unknown'],
    // Agency, Right and rule together: the report's three breakdowns and the dataset's rows.
    [AGENCY_RULE, `${e.owedBy}/${e.right}/${e.ruleId}`],
  ];
}

/**
 * The victim's age band at the offence: the band recorded (or derived at ingestion, so it stays
 * after an erasure), else from a date of birth in the clear; 'unknown' when neither.
 */
function ageBandOfCase(c: CaseFacts): string {
  if (c.victimAgeBand) return c.victimAgeBand;
  if (c.victimDateOfBirth)
    return ageBandAtOffence(c.victimDateOfBirth, c.offenceDate, c.reportedAt);
  return 'unknown';
}

function feedbackRowsOf(
  event: Extract<JourneyEvent, { type: 'victim-feedback-given' }>,
): Contribution[] {
  const from = londonDateOf(event.occurredAt);
  const base = {
    policeArea: event.policeArea,
    month: from.slice(0, 7),
    outcome: RESPONSE,
    from,
    workingDaysLate: null,
    count: 1,
  } as const;
  // One answer per Right: a survey that repeats one counts its first answer.
  const rights = new Map<number, string>();
  for (const r of event.data.rights ?? []) if (!rights.has(r.right)) rights.set(r.right, r.answer);
  return [
    { ...base, dimension: FEEDBACK_OVERALL, value: event.data.overall },
    ...[...rights].map(([right, answer]) => ({
      ...base,
      dimension: feedbackRightDimension(right),
      value: answer,
    })),
  ];
}
