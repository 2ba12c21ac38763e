import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, IsString, Length } from 'class-validator';
import { PersonalData, personalDataFieldsOf } from './decorators';
import { personalFieldsOf } from './personal-data';
import { EVENT_SCHEMAS } from './registry';

/** Validators that make a field a string of some kind. */
const STRING_VALIDATORS = new Set([
  'isString',
  'isLength',
  'matches',
  'isIn',
  'isFreeText',
  'isCalendarDate',
  'isInstant',
]);

/**
 * A string field may stay in the clear only if it cannot carry a description of a person: a
 * closed set of codes, a date the Code's deadlines run on, a value fixed by a pattern, or an id
 * an agency assigns (the Code matches fulfilments to triggers by them).
 */
function clearKindOf(field: string, validators: Set<string>): string | undefined {
  if (validators.has('isIn')) return 'code';
  if (validators.has('isCalendarDate') || validators.has('isInstant')) return 'date';
  if (validators.has('matches')) return 'pattern';
  if (/Id$/.test(field)) return 'id';
  return undefined;
}

interface StringField {
  path: string;
  validators: Set<string>;
  personal: boolean;
}

/** Every string field of a schema class, nested classes (@Type) followed, with its validators. */
function stringFieldsOf(cls: new () => object, prefix = ''): StringField[] {
  const byField = new Map<string, Set<string>>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const set = byField.get(rule.propertyName) ?? new Set<string>();
    set.add(rule.name ?? rule.type);
    byField.set(rule.propertyName, set);
  }
  const personal = personalDataFieldsOf(cls.prototype as object);
  return [...byField].flatMap(([field, validators]) => {
    const path = `${prefix}${field}`;
    const nested = defaultMetadataStorage.findTypeMetadata(cls, field);
    if (nested) return stringFieldsOf(nested.typeFunction() as new () => object, `${path}.`);
    const isString = [...validators].some((v) => STRING_VALIDATORS.has(v));
    return isString ? [{ path, validators, personal: personal.includes(field) }] : [];
  });
}

const ALL_STRING_FIELDS = EVENT_SCHEMAS.flatMap((schema) =>
  stringFieldsOf(schema.data).map((f) => ({
    ...f,
    event: `${schema.type} v${schema.schemaVersion}`,
  })),
);

describe('personal data in the event schemas', () => {
  it.each(ALL_STRING_FIELDS.map((f) => [f.event, f.path, f] as const))(
    '%s %s is marked personal or is a code, date, pattern or id',
    (_event, path, field) => {
      expect(field.personal || clearKindOf(path, field.validators) !== undefined).toBe(true);
    },
  );

  it('marks the date of birth and every free-text field, and nothing else', () => {
    const marked = EVENT_SCHEMAS.flatMap((s) =>
      personalFieldsOf(s.type, s.schemaVersion).map((f) => `${s.type} v${s.schemaVersion} ${f}`),
    );
    expect(marked.sort()).toEqual([
      'crime-reported v1 victimDateOfBirth',
      'decided-not-to-investigate v1 reason',
      'decided-not-to-prosecute v1 reason',
      'hearing-details-received v1 court',
      'hearing-listed v1 court',
    ]);
  });

  it('finds no personal fields in an unknown type or version', () => {
    expect(personalFieldsOf('no-such-event', 1)).toEqual([]);
    expect(personalFieldsOf('crime-reported', 99)).toEqual([]);
  });

  it('would catch a new free-text field left unmarked', () => {
    class WithNotes {
      @IsString()
      @Length(1, 500)
      notes!: string;

      @IsString()
      @Length(1, 500)
      @PersonalData()
      details!: string;
    }
    const unmarked = stringFieldsOf(WithNotes).filter(
      (f) => !f.personal && clearKindOf(f.path, f.validators) === undefined,
    );
    expect(unmarked.map((f) => f.path)).toEqual(['notes']);
  });
});
