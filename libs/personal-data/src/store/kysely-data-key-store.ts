import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import { openPostgresPool } from '@vj/postgres-pool';
import type { ErasureRequest, VictimDataKey, VictimDataKeyStore } from '../data-key-store';
import type { WrappedDataKey } from '../key-service';

interface DataKeysDatabase {
  victim_data_keys: {
    victim_id: string;
    data_key_id: string;
    master_key_id: string | null;
    wrapped_key: string | null;
    created_at: string;
    erased_at: string | null;
    erased_by: string | null;
    erasure_reason: string | null;
  };
}

type Row = DataKeysDatabase['victim_data_keys'];

function toKey(row: Row): VictimDataKey {
  return {
    victimId: row.victim_id,
    dataKeyId: row.data_key_id,
    wrapped:
      row.wrapped_key !== null && row.master_key_id !== null
        ? { masterKeyId: row.master_key_id, wrapped: row.wrapped_key }
        : null,
    createdAt: row.created_at,
    erasedAt: row.erased_at,
    erasedBy: row.erased_by,
    erasureReason: row.erasure_reason,
  };
}

/**
 * Victims' wrapped data keys in their own database: a SQLite file beside the events (embedded),
 * or their own PostgreSQL schema (production). Never in the read models' database, which is
 * derived and may be dropped and rebuilt: losing this table would erase every victim.
 */
export class KyselyVictimDataKeyStore implements VictimDataKeyStore {
  private constructor(private readonly db: Kysely<DataKeysDatabase>) {}

  static async openSqlite(filename: string): Promise<KyselyVictimDataKeyStore> {
    const database = new Database(filename);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<DataKeysDatabase>({ dialect: new SqliteDialect({ database }) });
    await createTable(db);
    return new KyselyVictimDataKeyStore(db);
  }

  /** PostgreSQL, in `schema` (created if absent). */
  static async openPostgres(
    connectionString: string,
    schema: string,
  ): Promise<KyselyVictimDataKeyStore> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    const pool = openPostgresPool({ connectionString, max: 4, searchPath: schema });
    const db = new Kysely<DataKeysDatabase>({ dialect: new PostgresDialect({ pool }) });
    // An API and a worker starting together would race to create the schema: serialise it.
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`vj-data-keys:${schema}`}))`.execute(trx);
      await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`).execute(trx);
      await createTable(trx);
    });
    return new KyselyVictimDataKeyStore(db);
  }

  async find(victimId: string): Promise<VictimDataKey | undefined> {
    const row = await this.db
      .selectFrom('victim_data_keys')
      .selectAll()
      .where('victim_id', '=', victimId)
      .executeTakeFirst();
    return row && toKey(row);
  }

  async create(key: VictimDataKey): Promise<VictimDataKey> {
    const created = await this.db
      .insertInto('victim_data_keys')
      .values({
        victim_id: key.victimId,
        data_key_id: key.dataKeyId,
        master_key_id: key.wrapped?.masterKeyId ?? null,
        wrapped_key: key.wrapped?.wrapped ?? null,
        created_at: key.createdAt,
        erased_at: key.erasedAt,
        erased_by: key.erasedBy,
        erasure_reason: key.erasureReason,
      })
      .onConflict((oc) => oc.column('victim_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    // No row back: another post stored the victim's key first, and theirs stands.
    return created ? toKey(created) : ((await this.find(key.victimId)) as VictimDataKey);
  }

  async erase(
    victimId: string,
    { at, by, reason }: ErasureRequest,
  ): Promise<VictimDataKey | undefined> {
    await this.db
      .updateTable('victim_data_keys')
      .set({
        wrapped_key: null,
        master_key_id: null,
        erased_at: at,
        erased_by: by,
        erasure_reason: reason,
      })
      .where('victim_id', '=', victimId)
      .where('erased_at', 'is', null)
      .execute();
    return this.find(victimId);
  }

  async wrappedByOtherThan(masterKeyId: string, limit: number): Promise<VictimDataKey[]> {
    const rows = await this.db
      .selectFrom('victim_data_keys')
      .selectAll()
      .where('wrapped_key', 'is not', null)
      .where('master_key_id', '!=', masterKeyId)
      .orderBy('victim_id')
      .limit(limit)
      .execute();
    return rows.map(toKey);
  }

  async rewrap(victimId: string, from: WrappedDataKey, to: WrappedDataKey): Promise<boolean> {
    const result = await this.db
      .updateTable('victim_data_keys')
      .set({ master_key_id: to.masterKeyId, wrapped_key: to.wrapped })
      .where('victim_id', '=', victimId)
      .where('wrapped_key', '=', from.wrapped)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

async function createTable(db: Kysely<DataKeysDatabase>): Promise<void> {
  await db.schema
    .createTable('victim_data_keys')
    .ifNotExists()
    .addColumn('victim_id', 'text', (c) => c.primaryKey())
    .addColumn('data_key_id', 'text', (c) => c.notNull())
    .addColumn('master_key_id', 'text')
    .addColumn('wrapped_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .addColumn('erased_by', 'text')
    .addColumn('erasure_reason', 'text')
    .execute();
}
