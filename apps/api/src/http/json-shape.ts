import type { FieldError } from '@vj/event-schemas';

/** How deep a posted body may nest: an event batch needs five levels; the rest is headroom. */
export const MAX_JSON_DEPTH = 32;
/** Object members and list items in one body: a full batch of 100 events needs about 3,000. */
export const MAX_JSON_FIELDS = 5_000;

/**
 * Names that mean something to JavaScript objects rather than to us: every member of
 * Object.prototype (`__proto__`, `constructor`, `hasOwnProperty`, `__defineGetter__`, ...) and
 * `prototype`. class-transformer skips or trips over them (so validation never sees them) while
 * they would still be stored, and some make it throw. No event field has such a name.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export interface JsonShapeRefusal {
  detail: string;
  errors: FieldError[];
}

/**
 * Checks a parsed body before anything reads it as an event: no reserved name at any depth, no
 * deeper than MAX_JSON_DEPTH, no more than MAX_JSON_FIELDS members in all. JSON.parse makes every
 * name an own property (`__proto__` included), so none is hidden from this walk. It keeps its
 * own stack, so no nesting can overflow the call stack, and it stops at the first limit passed.
 */
export function refusalOfJsonShape(body: unknown): JsonShapeRefusal | undefined {
  const reserved: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 1 },
  ];
  let fields = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      return {
        detail: `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
        errors: [{ field: path || '(body)', reason: `nests deeper than ${MAX_JSON_DEPTH} levels` }],
      };
    }
    const names = Array.isArray(value) ? undefined : Object.keys(value);
    fields += names ? names.length : (value as unknown[]).length;
    if (fields > MAX_JSON_FIELDS) {
      return {
        detail: `the body has more than ${MAX_JSON_FIELDS} fields`,
        errors: [{ field: '(body)', reason: `has more than ${MAX_JSON_FIELDS} fields` }],
      };
    }
    const members: [string, unknown][] = names
      ? names.map((name): [string, unknown] => {
          const at = path ? `${path}.${name}` : name;
          if (RESERVED_NAMES.has(name)) reserved.push({ field: at, reason: 'is a reserved name' });
          return [at, (value as Record<string, unknown>)[name]];
        })
      : (value as unknown[]).map((item, i): [string, unknown] => [`${path}[${i}]`, item]);
    // Reversed so that fields are visited, and reserved names reported, in document order.
    for (let i = members.length - 1; i >= 0; i--) {
      const [at, member] = members[i] as [string, unknown];
      pending.push({ value: member, path: at, depth: depth + 1 });
    }
  }
  if (reserved.length === 0) return undefined;
  return {
    detail: 'the body uses names reserved by JavaScript objects',
    errors: reserved,
  };
}
