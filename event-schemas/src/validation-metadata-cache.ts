import { getMetadataStorage, type MetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Grouped = Record<string, ValidationMetadata[]>;

const REMEMBERING = Symbol.for('victim-journey:class-validator-remembers');

/**
 * Has class-validator's metadata storage remember the rules it finds for a class. Every
 * validation asks it for the class's rules and its ancestors' and groups them by property, and
 * it answers by scanning every decorated class each time (typestack/class-validator#2686): with
 * the event schemas' classes that was a large part of validating a post. The answers depend only
 * on the rules registered, so they are kept until a rule is added (a class loaded later), when
 * all are forgotten. The answers are never changed by class-validator (nor here), so sharing them
 * is safe. Idempotent: the storage is global, and this is installed once on it.
 */
export function rememberValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [REMEMBERING]?: true };
  if (marked[REMEMBERING]) return;
  marked[REMEMBERING] = true;

  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let found = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  const grouped = new WeakMap<ValidationMetadata[], Grouped>();
  const remembered = new WeakSet<ValidationMetadata[]>();

  for (const add of ['addValidationMetadata', 'addConstraintMetadata'] as const) {
    const original = storage[add].bind(storage) as (metadata: unknown) => void;
    (storage as unknown as Record<typeof add, (metadata: unknown) => void>)[add] = (metadata) => {
      original(metadata);
      found = new WeakMap();
    };
  }

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let forTarget = found.get(target);
    if (!forTarget) {
      forTarget = new Map();
      found.set(target, forTarget);
    }
    let metadata = forTarget.get(key);
    if (!metadata) {
      metadata = lookUp(target, schema, always, strictGroups, groups);
      forTarget.set(key, metadata);
      remembered.add(metadata);
    }
    return metadata;
  };

  // Only for the lists answered above: others may be changed by whoever passes them.
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) {
      byProperty = group(metadata);
      if (remembered.has(metadata)) grouped.set(metadata, byProperty);
    }
    return byProperty;
  };
}
