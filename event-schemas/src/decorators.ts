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
