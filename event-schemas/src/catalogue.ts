import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { AGENCY_KINDS } from './agency-kind';
import { SCHEMA_OF_DECORATORS } from './decorators';
import { IncomingEventEnvelope } from './envelope';
import { EVENT_SCHEMAS } from './registry';

export interface CatalogueEntry {
  type: string;
  schemaVersion: number;
  stage: string;
  owners: string[];
  description: string;
  /** JSON Schema of the event's `data`. */
  data: object;
}

export interface EventCatalogue {
  title: string;
  agencyKinds: string[];
  envelope: object;
  events: CatalogueEntry[];
  definitions: Record<string, object>;
}

/** The published catalogue, generated from the class-validator classes (the one source). */
export function buildEventCatalogue(): EventCatalogue {
  const definitions = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/definitions/',
    additionalConverters: SCHEMA_OF_DECORATORS,
  }) as Record<string, object>;
  // A class that only inherits its fields (SuspectArrestedV1) has no entry of its own: use its parent's.
  const definition = (cls: abstract new () => object): object => {
    const found = definitions[cls.name];
    if (found) return { ...found, additionalProperties: false };
    const parent = Object.getPrototypeOf(cls) as (abstract new () => object) | null;
    return parent && parent !== Function.prototype
      ? definition(parent)
      : { type: 'object', properties: {}, additionalProperties: false };
  };
  return {
    title: 'Victim Journey event schemas',
    agencyKinds: [...AGENCY_KINDS],
    envelope: definition(IncomingEventEnvelope),
    events: EVENT_SCHEMAS.map((s) => ({
      type: s.type,
      schemaVersion: s.schemaVersion,
      stage: s.stage,
      owners: [...s.owners],
      description: s.description,
      data: definition(s.data),
    })),
    definitions: Object.fromEntries(
      Object.entries(definitions)
        .filter(([name]) => name !== IncomingEventEnvelope.name)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}
