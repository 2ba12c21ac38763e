import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetJsonSchema } from '@vj/projections';

/** Where the standardised compliance dataset's JSON Schema is published. */
export const DATASET_SCHEMA_FILE = join(__dirname, '..', 'docs', 'compliance-dataset.schema.json');

/** The schema file's text: generated from the one definition (projections/compliance-report/dataset.ts). */
export const datasetSchemaText = (): string => `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`;

if (require.main === module) {
  writeFileSync(DATASET_SCHEMA_FILE, datasetSchemaText());
  process.stdout.write(`wrote ${DATASET_SCHEMA_FILE}\n`);
}
