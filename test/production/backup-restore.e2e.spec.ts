import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, escapeIdentifier } from 'pg';
import { ReadModels } from '@vj/read-models';
import { VICTIM_STREAM_PREFIX } from '@vj/event-store';
import { PostgresEventStore } from '@vj/event-store/postgres';
import { dropSchemas, POSTGRES_URL, productionEnv, runToEnd } from '../support/production';

// Real processes and pg_dump on a shared 2-core machine: generous limits.
jest.setTimeout(240_000);

const run = promisify(execFile);
const PG_DUMP = '/usr/bin/pg_dump';
const PG_RESTORE = '/usr/bin/pg_restore';

/** The database of `POSTGRES_URL` swapped for `database`. */
function urlOf(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Every event's stream, revision, id, type, data and metadata, in global order, as one digest. */
async function eventsDigest(
  url: string,
  schema: string,
): Promise<{ count: number; digest: string }> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<Record<string, unknown>>(
      `SELECT global_position::text, stream_id, stream_revision, event_id, event_type, data, metadata
         FROM ${escapeIdentifier(schema)}.events ORDER BY global_position`,
    );
    return { count: rows.length, digest: sha256(rows) };
  });
}

async function readModelsDigest(url: string, schema: string): Promise<string> {
  const readModels = await ReadModels.openPostgres(url, schema);
  try {
    const dump = await readModels.dump();
    // A digest of empty tables would match anything empty: there must be journeys to compare.
    expect(dump.journeys?.length).toBeGreaterThan(50);
    return sha256(dump);
  } finally {
    await readModels.close();
  }
}

/**
 * The runbook's backup and restore (docs/operations.md, "Backup and restore"), run as written: a
 * seeded PostgreSQL event store and its read models are dumped with pg_dump, restored with
 * pg_restore into a fresh database, and the restore holds the same events and read models; a
 * rebuild from the restored events gives the same read models again.
 */
describe('backing up and restoring the PostgreSQL stores', () => {
  const env = productionEnv('2026-06-01T12:00:00Z', { DEMO_COUNT: '60' });
  // Names with the helper and the pid in them, so that no other run meets them.
  const schema = `vj_ops_${process.pid}_${randomUUID().slice(0, 6)}`;
  env.POSTGRES_SCHEMA = schema;
  const readSchema = `${schema}_read`;
  const restoredDatabase = `vj_ops_restore_${process.pid}_${randomUUID().slice(0, 6)}`;
  const restoredUrl = urlOf(restoredDatabase);
  const backupDir = mkdtempSync(join(tmpdir(), 'vj-ops-backup-'));
  const backupFile = join(backupDir, 'victim-journey.dump');

  beforeAll(async () => {
    for (const tool of [PG_DUMP, PG_RESTORE]) {
      if (!existsSync(tool)) {
        throw new Error(
          `${tool} is missing: install the PostgreSQL client tools (apt-get install postgresql-client) to run the backup-restore test`,
        );
      }
    }
    await runToEnd('scripts/seed.ts', [], env);
    await runToEnd('scripts/rebuild.ts', ['victim-journey'], env);
  });

  afterAll(async () => {
    await dropSchemas(schema);
    await withClient(POSTGRES_URL, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(restoredDatabase)} WITH (FORCE)`),
    );
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('restores into a fresh database the same events and read models, and a rebuild there agrees', async () => {
    const original = await eventsDigest(POSTGRES_URL, schema);
    expect(original.count).toBeGreaterThan(500);
    const originalReadModels = await readModelsDigest(POSTGRES_URL, readSchema);

    // Backup: one consistent snapshot of the event store, read models, audit trail and data keys.
    await run(PG_DUMP, [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--schema=${schema}`,
      `--schema=${schema}_read`,
      `--schema=${schema}_audit`,
      `--schema=${schema}_keys`,
      `--file=${backupFile}`,
      POSTGRES_URL,
    ]);

    // Restore into a database that has never held anything.
    await withClient(POSTGRES_URL, (client) =>
      client.query(`CREATE DATABASE ${escapeIdentifier(restoredDatabase)}`),
    );
    await run(PG_RESTORE, [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${restoredUrl}`,
      backupFile,
    ]);

    expect(await eventsDigest(restoredUrl, schema)).toEqual(original);
    expect(await readModelsDigest(restoredUrl, readSchema)).toBe(originalReadModels);

    // Rebuild in the restored database, from its events alone.
    const output = await runToEnd('scripts/rebuild.ts', ['victim-journey', '--fresh'], {
      ...env,
      POSTGRES_URL: restoredUrl,
    });
    expect(output).toMatch(/rebuilt victim-journey: \d+ events .* switched over/);
    expect(await readModelsDigest(restoredUrl, readSchema)).toBe(originalReadModels);

    // The restored store takes new events after the old ones: its global order goes on.
    const store = await PostgresEventStore.open({ connectionString: restoredUrl, schema });
    try {
      const appended = await store.appendToStream(`${VICTIM_STREAM_PREFIX}${randomUUID()}`, [
        {
          eventId: randomUUID(),
          type: 'backup-restored-probe',
          data: {},
          metadata: { schemaVersion: 1 },
        },
      ]);
      expect(appended.outcome).toBe('appended');
      expect(Number(appended.events[0]?.globalPosition)).toBeGreaterThan(original.count);
    } finally {
      await store.close();
    }
  });
});
