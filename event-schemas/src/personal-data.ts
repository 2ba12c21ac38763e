import { personalDataFieldsOf } from './decorators';
import { schemaFor } from './registry';

/**
 * What a personal field reads as once the victim's personal data is erased: still a string, so
 * readers typed on the schema (and the generated client) keep working.
 */
export const ERASED = '[erased]';

/** The `data` fields of an event type's version that identify or describe a person (marked @PersonalData). */
export function personalFieldsOf(type: string, schemaVersion: number): string[] {
  const schema = schemaFor(type, schemaVersion);
  return schema ? personalDataFieldsOf(schema.data.prototype as object) : [];
}
