import type { FieldError } from '@vj/event-schemas';

/** Why a post was refused; the API maps each kind to its HTTP status. Nothing was stored. */
export type RefusalKind =
  | 'invalid' // 400
  | 'forbidden' // 403
  | 'victim-not-found' // 404
  | 'conflict' // 409
  | 'too-large'; // 413

export class IngestionRefused extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'IngestionRefused';
  }
}
