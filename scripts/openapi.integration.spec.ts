import { readFileSync } from 'node:fs';
import { buildOpenApiDocument, OPENAPI_FILE } from './openapi';

describe('the committed OpenAPI document', () => {
  it('is the one the service builds (run npm run openapi:generate after changing the API)', async () => {
    const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as unknown;
    expect(await buildOpenApiDocument()).toEqual(committed);
  }, 30_000);
});
