import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { calendarDateOf, instantOf } from './dates';
import { notInFutureFieldsOf } from './decorators';
import { IncomingEventEnvelope, type PostedEvent } from './envelope';
import { rememberValidationMetadata } from './validation-metadata-cache';
import {
  asPublishedEvent,
  EVENT_TYPES,
  publishedVersionsOf,
  schemaFor,
  type EventSchema,
} from './registry';

export interface FieldError {
  /** Where the problem is, as a path into the posted body: `events[1].data.suspectNumber`. */
  field: string;
  reason: string;
}

export type ValidationOutcome =
  { valid: true; event: PostedEvent; schema: EventSchema } | { valid: false; errors: FieldError[] };

/** How far ahead of our clock an agency's clock may run before occurredAt counts as future. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;

rememberValidationMetadata();

const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/**
 * Validates one posted event against its published schema: envelope, type, version and data.
 * Every problem is reported, each with the field it is in, so the agency can fix all at once.
 */
export function validateIncomingEvent(raw: unknown, now: Date, path = ''): ValidationOutcome {
  const at = (field: string) => (path ? (field ? `${path}.${field}` : path) : field);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      valid: false,
      errors: [{ field: at('') || '(body)', reason: 'must be a JSON object' }],
    };
  }
  const envelope = plainToInstance(IncomingEventEnvelope, raw);
  const errors = flatten(validateSync(envelope, VALIDATOR_OPTIONS), at);

  const body = raw as Record<string, unknown>;
  let schema: EventSchema | undefined;
  if (typeof body.type === 'string' && typeof body.schemaVersion === 'number') {
    schema = schemaFor(body.type, body.schemaVersion);
    if (!schema) {
      const versions = publishedVersionsOf(body.type);
      errors.push(
        versions.length === 0
          ? {
              field: at('type'),
              reason: `unknown event type '${body.type}'; see GET /v1/event-schemas`,
            }
          : {
              field: at('schemaVersion'),
              reason: `version ${body.schemaVersion} of '${body.type}' is not published (published: ${versions.join(', ')})`,
            },
      );
    }
  } else if (typeof body.type === 'string' && !EVENT_TYPES.includes(body.type)) {
    errors.push({
      field: at('type'),
      reason: `unknown event type '${body.type}'; see GET /v1/event-schemas`,
    });
  }

  const occurredAt = instantOf(body.occurredAt);
  if (occurredAt !== undefined && occurredAt > now.getTime() + CLOCK_SKEW_MS) {
    errors.push({ field: at('occurredAt'), reason: 'must not be in the future' });
  }

  const data = body.data;
  if (schema && typeof data === 'object' && data !== null && !Array.isArray(data)) {
    errors.push(
      ...validateData(schema.data, data as Record<string, unknown>, (f) => at(`data.${f}`)),
    );
    for (const field of notInFutureFieldsOf(schema.data.prototype as object)) {
      const date = calendarDateOf((data as Record<string, unknown>)[field]);
      if (date && Date.UTC(date.year, date.month - 1, date.day) > now.getTime()) {
        errors.push({ field: at(`data.${field}`), reason: 'must not be in the future' });
      }
    }
  }

  if (errors.length > 0 || !schema) return { valid: false, errors };
  return { valid: true, event: toPostedEvent(body), schema };
}

/** Called once every check above has passed: the body is the envelope of a published event. */
function toPostedEvent(body: Record<string, unknown>): PostedEvent {
  const event: PostedEvent = {
    eventId: body.eventId as string,
    occurredAt: body.occurredAt as string,
    crimeReference: body.crimeReference as string,
    ...asPublishedEvent(body.type as string, body.schemaVersion as number, body.data as object),
  };
  for (const key of ['caseUrn', 'correlationId', 'causationId'] as const) {
    if (typeof body[key] === 'string') event[key] = body[key];
  }
  return event;
}

/** class-validator refuses a class with no rules at all; such an event simply has no data fields. */
function validateData(
  cls: new () => object,
  data: Record<string, unknown>,
  at: (field: string) => string,
): FieldError[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  if (rules.length === 0) {
    return Object.keys(data).map((key) => ({
      field: at(key),
      reason: `property ${key} should not exist`,
    }));
  }
  return flatten(validateSync(plainToInstance(cls, data), VALIDATOR_OPTIONS), at);
}

const KIND_CONSTRAINTS = new Set([
  'isInt',
  'isString',
  'isBoolean',
  'isIn',
  'isCalendarDate',
  'isInstant',
  'isFreeText',
  'matches',
  'isObject',
  'isArray',
  'whitelistValidation',
  'unknownValue',
]);

function flatten(
  errors: ValidationError[],
  at: (field: string) => string,
  prefix = '',
): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    // When a value is of the wrong kind, say that alone: its range or length says nothing more.
    const kind = constraints.filter(([name]) => KIND_CONSTRAINTS.has(name));
    const own = (kind.length > 0 ? kind : constraints).map(([, reason]) => ({
      field: at(field),
      reason: reason.startsWith(`${error.property} `)
        ? reason.slice(error.property.length + 1)
        : reason,
    }));
    return [...own, ...flatten(error.children ?? [], at, field)];
  });
}
