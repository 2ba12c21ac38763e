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
