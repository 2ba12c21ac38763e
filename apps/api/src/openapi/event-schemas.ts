import type { CatalogueEntry, EventCatalogue } from '@vj/event-schemas';
import { MAX_EVENTS_PER_POST } from '@vj/ingestion';
import { ref } from './response-schemas';

type Schema = Record<string, unknown>;

const pascal = (type: string) =>
  type.replace(/(^|-)([a-z0-9])/g, (_: string, __: string, c: string) => c.toUpperCase());

/** One component per type: `SuspectArrestedEvent`, whatever versions it has. */
export const eventTypeSchemaName = (type: string) => `${pascal(type)}Event`;

/** A type with several published versions also has one component per version: `SentencedV2Event`. */
export const eventVersionSchemaName = (type: string, schemaVersion: number) =>
  `${pascal(type)}V${schemaVersion}Event`;

/** The `data` of each type and version, shared by posted and stored events: `SentencedV2Data`. */
export const eventDataSchemaName = (type: string, schemaVersion: number) =>
  `${pascal(type)}V${schemaVersion}Data`;

/** A catalogue schema as an OpenAPI component: `#/definitions/X` refers to component X. */
function asComponent(schema: unknown, referenced: Set<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => asComponent(s, referenced));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema as Schema).map(([key, value]) => {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
        const name = value.slice('#/definitions/'.length);
        referenced.add(name);
        return [key, `#/components/schemas/${name}`];
      }
      return [key, asComponent(value, referenced)];
    }),
  );
}

/**
 * The request bodies, generated from the published catalogue so a new event type or version
 * needs no edit here: each type as a complete posted event (the envelope with its `type` and
 * `schemaVersion` fixed) or, with several versions, a oneOf over one such component per version;
 * `PostedEvent` as a oneOf over the types with a discriminator on `type`; the batch
 * `{ events: [...] }`. (OpenAPI's discriminator takes one string property, so versions are told
 * apart by the `schemaVersion` const inside a type's oneOf.) `PublishedEvent` is the same choice
 * of type, version and data without the envelope: what a stored event carries besides its record.
 */
export function eventSchemaComponents(catalogue: EventCatalogue): Record<string, Schema> {
  const referenced = new Set<string>();
  const envelope = asComponent(catalogue.envelope, referenced) as {
    properties: Record<string, Schema>;
    required: string[];
  };
  const eventOf = (entry: CatalogueEntry): Schema => ({
    type: 'object',
    description: `${entry.description} Posted by: ${entry.owners.join(', ')}.`,
    required: envelope.required,
    properties: {
      ...envelope.properties,
      type: { type: 'string', const: entry.type },
      schemaVersion: { type: 'integer', const: entry.schemaVersion },
      data: ref(eventDataSchemaName(entry.type, entry.schemaVersion)),
    },
    additionalProperties: false,
  });
  const byType = new Map<string, CatalogueEntry[]>();
  for (const entry of catalogue.events) {
    byType.set(entry.type, [...(byType.get(entry.type) ?? []), entry]);
  }
  const components: Record<string, Schema> = {};
  for (const entry of catalogue.events) {
    components[eventDataSchemaName(entry.type, entry.schemaVersion)] = asComponent(
      entry.data,
      referenced,
    ) as Schema;
  }
  for (const [type, versions] of byType) {
    if (versions.length === 1) {
      components[eventTypeSchemaName(type)] = eventOf(versions[0] as CatalogueEntry);
      continue;
    }
    for (const entry of versions) {
      components[eventVersionSchemaName(type, entry.schemaVersion)] = eventOf(entry);
    }
    // An object naming its `type`, so it can be the discriminator's target for that type.
    components[eventTypeSchemaName(type)] = {
      type: 'object',
      description: `A ${type} event, at any published version`,
      required: ['type'],
      properties: { type: { type: 'string', const: type } },
      oneOf: versions.map((v) => ref(eventVersionSchemaName(type, v.schemaVersion))),
    };
  }
  const types = [...byType.keys()];
  components.PostedEvent = {
    description: 'One event, of any published type and version (GET /v1/event-schemas)',
    oneOf: types.map((type) => ref(eventTypeSchemaName(type))),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(
        types.map((type) => [type, `#/components/schemas/${eventTypeSchemaName(type)}`]),
      ),
    },
  };
  components.PublishedEvent = {
    description: "An event's type, version and data (GET /v1/event-schemas)",
    oneOf: catalogue.events.map((entry) => ({
      type: 'object',
      required: ['type', 'schemaVersion', 'data'],
      properties: {
        type: { type: 'string', const: entry.type },
        schemaVersion: { type: 'integer', const: entry.schemaVersion },
        data: ref(eventDataSchemaName(entry.type, entry.schemaVersion)),
      },
    })),
  };
  components.EventBatch = {
    type: 'object',
    description: 'Several events, stored atomically: all or none',
    required: ['events'],
    properties: {
      events: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_EVENTS_PER_POST,
        items: ref('PostedEvent'),
      },
    },
    additionalProperties: false,
  };
  components.EventPost = {
    description: 'One event, or an atomic batch { events: [...] }',
    oneOf: [ref('PostedEvent'), ref('EventBatch')],
  };
  // Only the shared definitions some event's data refers to (the rest are each event's own data).
  for (const name of referenced) {
    // A Set iterates what is added while iterating: definitions that refer to others.
    components[name] = asComponent(catalogue.definitions[name], referenced) as Schema;
  }
  return components;
}
