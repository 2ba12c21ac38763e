/**
 * Writes the API's OpenAPI document to `docs/openapi.json` without listening on a port:
 * `npm run openapi:generate`. The app is built in process on the embedded store in a temporary
 * data directory, and the document is the one `/docs/openapi.json` serves.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../apps/api/src/app';
import { loadConfig } from '@vj/runtime';

export const OPENAPI_FILE = join(__dirname, '..', 'docs', 'openapi.json');

/** The document the service serves at /docs/openapi.json, built in process. */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-openapi-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, DEADLINE_CHECK_INTERVAL_MS: '0' }), {
    logger: false,
  });
  try {
    const server = app.getHttpServer() as Parameters<typeof request>[0];
    const res = await request(server).get('/docs/openapi.json');
    return res.body as Record<string, unknown>;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void buildOpenApiDocument().then((doc) => {
    writeFileSync(OPENAPI_FILE, `${JSON.stringify(doc, null, 2)}\n`);
    process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
  });
}
