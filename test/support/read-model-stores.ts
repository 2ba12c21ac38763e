import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ReadModels } from '@vj/read-models';
import { POSTGRES_URL } from './server-urls';

/**
 * Both read-model stores a test runs on, by name: SQLite in memory, and PostgreSQL in a schema of
 * its own named from `prefix`, each dropped after the test file's last test.
 */
export function readModelStoresForTests(prefix: string): Record<string, () => Promise<ReadModels>> {
  const schemas: string[] = [];
  afterAll(async () => {
    if (schemas.length === 0) return;
    const pool = new Pool({ connectionString: POSTGRES_URL });
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });
  return {
    SQLite: () => ReadModels.openSqlite(':memory:'),
    PostgreSQL: () => {
      const schema = `${prefix}_${randomUUID().slice(0, 8)}`;
      schemas.push(schema);
      return ReadModels.openPostgres(POSTGRES_URL, schema);
    },
  };
}
