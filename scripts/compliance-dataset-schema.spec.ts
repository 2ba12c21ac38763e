import { readFileSync } from 'node:fs';
import { datasetJsonSchema } from '@vj/projections';
import { DATASET_SCHEMA_FILE } from './compliance-dataset-schema';

describe("the compliance dataset's published JSON Schema", () => {
  it('is generated from the dataset definition (run npm run reports:schema after changing it)', () => {
    expect(JSON.parse(readFileSync(DATASET_SCHEMA_FILE, 'utf8'))).toEqual(datasetJsonSchema());
  });
});
