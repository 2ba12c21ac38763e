import { problem } from './problem';
import { ProblemException } from './problem-details.filter';

/** Reads an optional whole-number query parameter, answering 400 naming it when it is not one. */
export function integerParam(
  name: string,
  raw: unknown,
  { min, max, fallback }: { min: number; max: number; fallback?: number },
): number | undefined {
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ProblemException(
      problem(400, `query parameter ${name} is not valid`, [
        { field: name, reason: `must be a whole number from ${min} to ${max}` },
      ]),
    );
  }
  return value;
}

export function requiredString(
  name: string,
  raw: unknown,
  pattern: RegExp,
  reason: string,
): string {
  if (typeof raw !== 'string' || !pattern.test(raw)) {
    throw new ProblemException(
      problem(400, `query parameter ${name} is not valid`, [
        { field: name, reason: raw === undefined ? 'is required' : reason },
      ]),
    );
  }
  return raw;
}
