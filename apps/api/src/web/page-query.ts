/** A page's query parameter that is not one of the values it takes: a 400 page naming it. */
export class BadPageQuery extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
    this.name = 'BadPageQuery';
  }
}

/** One of `values`, or the fallback when absent or empty. */
export function oneOf<T extends string>(
  field: string,
  raw: unknown,
  values: readonly T[],
  fallback: T,
): T {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !(values as readonly string[]).includes(raw))
    throw new BadPageQuery(field, `must be one of ${values.join(', ')}`);
  return raw as T;
}

/** A whole number from min to max, or undefined when absent or empty. */
export function wholeNumber(
  field: string,
  raw: unknown,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new BadPageQuery(field, `must be a whole number from ${min} to ${max}`);
  return value;
}
