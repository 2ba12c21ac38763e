/**
 * Writes the published catalogue, event-schemas/catalogue.json, from the class-validator classes.
 * A test fails when the committed file and the classes disagree: run `npm run schemas:generate`.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEventCatalogue } from '../src';

export const CATALOGUE_FILE = join(__dirname, '..', 'catalogue.json');

export function catalogueText(): string {
  return `${JSON.stringify(buildEventCatalogue(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(CATALOGUE_FILE, catalogueText());
  console.warn(`wrote ${CATALOGUE_FILE}`);
}
