import { ValidateBy, type ValidationOptions } from 'class-validator';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import { CALENDAR_DATE_RULE, calendarDateOf, INSTANT_RULE, instantOf } from './dates';

/**
 * Fields holding a date that cannot be in the future (a date of birth, an offence date).
 * Checked against the clock at validation, since a class-validator constraint cannot see "now".
 */
const notInFutureFields = new WeakMap<object, string[]>();

export function NotInFuture(): PropertyDecorator {
  return (target, property) => {
    const fields = notInFutureFields.get(target) ?? [];
    notInFutureFields.set(target, [...fields, String(property)]);
  };
}

export function notInFutureFieldsOf(prototype: object): string[] {
  const own = notInFutureFields.get(prototype) ?? [];
  const parent = Object.getPrototypeOf(prototype) as object | null;
  return parent ? [...notInFutureFieldsOf(parent), ...own] : own;
}

/**
 * Fields that identify or describe a person (a date of birth, free text): encrypted at rest under
 * the victim's data key and unreadable once the victim's personal data is erased.
 */
const personalDataFields = new WeakMap<object, string[]>();

export function PersonalData(): PropertyDecorator {
  return (target, property) => {
    const fields = personalDataFields.get(target) ?? [];
    personalDataFields.set(target, [...fields, String(property)]);
  };
}

export function personalDataFieldsOf(prototype: object): string[] {
  const own = personalDataFields.get(prototype) ?? [];
  const parent = Object.getPrototypeOf(prototype) as object | null;
  return parent ? [...personalDataFieldsOf(parent), ...own] : own;
}

/** A calendar date exactly `YYYY-MM-DD`, read by the same parser as the projections. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => calendarDateOf(value) !== undefined,
        defaultMessage: () => `$property ${CALENDAR_DATE_RULE}`,
      },
    },
    options,
  );
}

/** An instant exactly RFC 3339 with `Z` or an offset, read by the same parser as the projections. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => instantOf(value) !== undefined,
        defaultMessage: () => `$property ${INSTANT_RULE}`,
      },
    },
    options,
  );
}

/**
 * What free text may not hold: C0 and C1 controls and DEL (a NUL or an escape sequence reaches
 * logs, terminals and CSV exports), bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069: they make a reference read differently from what it is) and lone surrogates
 * (not text at all: they break UTF-8 writers and databases downstream).
 */
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
const UNSAFE_CHARACTER_PATTERN =
  '^[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]*$';

function freeTextProblem(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const length = codePointCount(value, maxLength);
  if (length === 0) return 'must not be empty';
  if (length > maxLength) return `must be at most ${maxLength} characters`;
  if (UNSAFE_CHARACTER.test(value))
    return 'must not contain control characters, bidirectional formatting or lone surrogates';
  return undefined;
}

/**
 * Free text an agency writes (a reason, a court's name, its own ids): bounded, and without
 * characters that hide or change what is shown. Length counts characters (code points), as JSON
 * Schema's maxLength does.
 */
export function IsFreeText(
  { maxLength }: { maxLength: number },
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFreeText',
      constraints: [maxLength],
      validator: {
        validate: (value) => freeTextProblem(value, maxLength) === undefined,
        defaultMessage: (args) => `$property ${freeTextProblem(args?.value, maxLength) ?? ''}`,
      },
    },
    options,
  );
}

/** Counts code points, stopping once past the limit: a huge string costs no more than the limit. */
function codePointCount(value: string, limit: number): number {
  if (value.length <= limit) return [...value].length;
  let n = 0;
  for (const _ of value) if (++n > limit) break;
  return n;
}

/**
 * The JSON Schema of each decorator above, for the published catalogue (class-validator-jsonschema
 * keys converters by constraint name).
 */
export const SCHEMA_OF_DECORATORS: ISchemaConverters = {
  isCalendarDate: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  isInstant: {
    type: 'string',
    format: 'date-time',
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$',
  },
  isFreeText: (meta: { constraints?: unknown[] }) => ({
    type: 'string',
    minLength: 1,
    maxLength: meta.constraints?.[0] as number,
    pattern: UNSAFE_CHARACTER_PATTERN,
  }),
};
