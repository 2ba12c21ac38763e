import { CONTACT_METHODS, SUPPORT_SERVICES } from '@vj/event-schemas';
import { dataFieldOf, type Entitlement, type JourneyEvent } from '@vj/projections';
import { londonDateOf, ruleById, type EntitlementRule } from '@vj/victims-code';

/** One choice the officer makes on the form (how the victim was told, which service, yes or no). */
export interface FormChoice {
  field: string;
  legend: string;
  options: readonly { value: string; text: string }[];
  /** The posted value as the event's data holds it. */
  read: (value: string) => unknown;
}

/**
 * How to record one fulfilment type: what the officer chooses, and what the event's data takes
 * from the entitlement (its rule and trigger), so the form asks only what the officer must say.
 */
interface FulfilmentForm {
  choices: readonly FormChoice[];
  dataOf: (rule: EntitlementRule, entitlement: Entitlement, trigger: JourneyEvent) => object;
}

const words = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

const METHOD: FormChoice = {
  field: 'method',
  legend: 'How was the victim told?',
  options: CONTACT_METHODS.map((m) => ({ value: m, text: words(m) })),
  read: (v) => v,
};

const ACCEPTED: FormChoice = {
  field: 'accepted',
  legend: 'Did the victim accept?',
  options: [
    { value: 'yes', text: 'Yes' },
    { value: 'no', text: 'No, they declined' },
  ],
  read: (v) => v === 'yes',
};

const fromTrigger = (field: string) => (trigger: JourneyEvent) => ({
  [field]: dataFieldOf(trigger, field),
});

/** The fulfilment types an officer records on the pages; others are the agencies' systems'. */
export const FULFILMENT_FORMS: Readonly<Record<string, FulfilmentForm>> = {
  'victim-informed': {
    choices: [METHOD],
    dataOf: (rule, entitlement) => ({
      entitlement: rule.id,
      triggerEventId: entitlement.trigger.eventId,
    }),
  },
  'vlo-contact-made': {
    choices: [{ ...METHOD, legend: 'How did you contact the victim?' }],
    dataOf: (_rule, _e, trigger) => fromTrigger('suspectNumber')(trigger),
  },
  'vcs-referral-made': {
    choices: [],
    dataOf: (_rule, _e, trigger) => fromTrigger('suspectNumber')(trigger),
  },
  'referred-to-support': {
    choices: [
      {
        field: 'service',
        legend: 'Which service was the victim referred to?',
        options: SUPPORT_SERVICES.map((s) => ({ value: s, text: words(s) })),
        read: (v) => v,
      },
    ],
    dataOf: () => ({}),
  },
  'review-acknowledged': {
    choices: [],
    dataOf: (_rule, _e, trigger) => fromTrigger('reviewId')(trigger),
  },
  'complaint-answered': {
    choices: [],
    dataOf: (_rule, _e, trigger) => fromTrigger('complaintId')(trigger),
  },
  'vps-submitted': {
    choices: [],
    dataOf: (_rule, _e, trigger) => ({
      ...fromTrigger('suspectNumber')(trigger),
      ...fromTrigger('paroleHearingId')(trigger),
    }),
  },
  'vps-offered': { choices: [ACCEPTED], dataOf: () => ({}) },
  'witness-service-referral-offered': { choices: [ACCEPTED], dataOf: () => ({}) },
};

/** An entitlement still open: due, breached or owed, not yet met. */
export const isOpen = (e: Entitlement): boolean =>
  !e.fulfilment && (e.status === 'pending' || e.status === 'breached' || e.status === 'owed');

/** The rule of an entitlement, and the form that records it, if the pages record it. */
export function formFor(
  entitlement: Entitlement,
): { rule: EntitlementRule; form: FulfilmentForm } | undefined {
  const rule = ruleById(entitlement.edition, entitlement.ruleId);
  const form = rule ? FULFILMENT_FORMS[rule.fulfilledBy.type] : undefined;
  return rule && form ? { rule, form } : undefined;
}

/** What the officer typed, and what is wrong with it (GOV.UK error messages). */
export interface RecordedForm {
  values: Record<string, string>;
  errors: { field: string; text: string }[];
  /** When it happened, once valid. */
  occurredAt?: string;
  data?: Record<string, unknown>;
}

/**
 * Reads the posted form: the date (GOV.UK date input, day/month/year) and time it happened in
 * London, not in the future, and each choice; the instant in UTC when all is well.
 */
export function readRecordForm(
  body: Record<string, unknown>,
  choices: readonly FormChoice[],
  now: Date,
): RecordedForm {
  const text = (name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');
  const values: Record<string, string> = {};
  for (const name of ['day', 'month', 'year', 'time', ...choices.map((c) => c.field)])
    values[name] = text(name);
  const errors: RecordedForm['errors'] = [];
  const { day, month, year, time } = values as Record<'day' | 'month' | 'year' | 'time', string>;
  const missing = [
    ['day', day],
    ['month', month],
    ['year', year],
  ].filter(([, v]) => v === '');
  let date: string | undefined;
  if (missing.length === 3) {
    errors.push({ field: 'day', text: 'Enter the date it happened' });
  } else if (missing.length > 0) {
    errors.push({
      field: missing[0]?.[0] as string,
      text: `The date it happened must include a ${missing.map(([n]) => n).join(' and a ')}`,
    });
  } else if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    errors.push({ field: 'day', text: 'The date it happened must be a real date' });
  } else {
    date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    const parsed = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
      errors.push({ field: 'day', text: 'The date it happened must be a real date' });
      date = undefined;
    }
  }
  const clock = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(time);
  if (time === '') errors.push({ field: 'time', text: 'Enter the time it happened, like 14:30' });
  else if (!clock)
    errors.push({ field: 'time', text: 'Enter the time as hours and minutes, like 14:30' });
  const data: Record<string, unknown> = {};
  for (const choice of choices) {
    const value = values[choice.field] ?? '';
    if (!choice.options.some((o) => o.value === value))
      errors.push({
        field: choice.field,
        text: `Select an answer: ${choice.legend.toLowerCase()}`,
      });
    else data[choice.field] = choice.read(value);
  }
  let occurredAt: string | undefined;
  if (date && clock) {
    occurredAt = londonInstant(date, Number(clock[1]), Number(clock[2]));
    if (occurredAt > now.toISOString()) {
      errors.push({ field: 'day', text: 'The date and time it happened must be in the past' });
      occurredAt = undefined;
    }
  }
  return errors.length > 0 ? { values, errors } : { values, errors, occurredAt, data };
}

/** A London wall-clock time on a date, as a UTC instant (GMT or BST, whichever London was on). */
export function londonInstant(date: string, hour: number, minute: number): string {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // London is UTC or UTC+1: the guess one hour earlier is right when it reads back as this date and time.
  for (const offset of [60, 0]) {
    const instant = new Date(asUtc - offset * 60_000);
    if (londonDateOf(instant) === date && londonClockOf(instant) === hour * 60 + minute)
      return instant.toISOString();
  }
  return new Date(asUtc).toISOString();
}

const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function londonClockOf(instant: Date): number {
  const [h = '0', m = '0'] = LONDON_CLOCK.format(instant).split(':');
  return Number(h) * 60 + Number(m);
}

/** Today's London date and time, to fill the form in with. */
export function londonNow(now: Date): { day: string; month: string; year: string; time: string } {
  const [year = '', month = '', day = ''] = londonDateOf(now).split('-');
  const minutes = londonClockOf(now);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { day: String(Number(day)), month: String(Number(month)), year, time };
}
