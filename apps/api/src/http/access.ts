import type { Decision } from '@vj/access-policy';
import { problem } from './problem';
import { ProblemException } from './problem-details.filter';

/** Goes on when the access policy allows; otherwise answers with its refusal (403 or 404). */
export function enforce(decision: Decision, notFoundDetail?: string): void {
  if (decision.allowed) return;
  const status = decision.answer === 'not-found' ? 404 : 403;
  throw new ProblemException(
    problem(
      status,
      status === 404 && notFoundDetail ? notFoundDetail : decision.reason,
      decision.field ? [{ field: decision.field.name, reason: decision.field.reason }] : undefined,
    ),
  );
}
