import Database from 'better-sqlite3';
import {
  Kysely,
  type Migration,
  PostgresDialect,
  sql,
  SqliteDialect,
  type Transaction,
} from 'kysely';
import { openPostgresPool } from '@vj/postgres-pool';
import type { Pool, QueryConfig } from 'pg';
import type { RecordedEvent } from '@vj/event-store';
import { BreachesQuery } from '../breaches/query';
import { CaseIndexQuery } from '../case-index/query';
import { writeCaseIndex } from '../case-index/writer';
import { CaseloadQuery } from '../caseload/query';
import { ComplianceCountsQuery } from '../compliance-report/query';
import { writeComplianceCounts } from '../compliance-report/writer';
import { type NotifiedEntitlements, OpenDeadlines } from '../journeys/open-deadlines';
import { JourneyQueries } from '../journeys/queries';
import type { VictimRows } from '../journeys/victim-rows';
import { writeJourneys } from '../journeys/writer';
import { type BulkWriter, PostgresBulkWriter, SqliteBulkWriter } from './bulk';
import { migrateToLatest } from './migrations';
import { REBUILD_SUFFIX, REBUILT_TABLES, RebuildTablesPlugin } from './rebuild-tables';
import type { ParkedEventsTable, ReadModelDatabase } from './schema';

export const JOURNEY_PROJECTION = 'victim-journey';

/**
 * Another worker moved the read models first (a checkpoint or a victim's journey): the whole
 * transaction is rolled back and the work is redone from what is now stored.
 */
export class ReadModelConflict extends Error {
  constructor(what: string) {
    super(`read model moved concurrently: ${what}`);
    this.name = 'ReadModelConflict';
  }
}

/**
 * A part of the system that keeps its own tables in the read models' database (deadline
 * scheduling's notification outbox): its migrations run under its own migration table, and it is
 * handed a handle typed with its own tables only.
 */
export interface ReadModelTenant<DB, T> {
  name: string;
  /** Its Kysely migration table (and `<table>_lock`): never the read models' own. */
  migrationTable: string;
  migrations: Record<string, Migration>;
  open(db: Kysely<DB>): T;
}

/** How long one table's reindex may take: hours, for the largest tables of a national service. */
const REINDEX_TIMEOUT_MS = 6 * 60 * 60 * 1000;

/** What the read side sees of the read models: their queries, never the store's other parts. */
export type ReadModelQueries = Pick<
  ReadModels,
  'journeys' | 'caseIndex' | 'caseload' | 'breaches' | 'complianceCounts'
>;

/**
 * The read-model store core, on SQLite or PostgreSQL through Kysely: opening and migrating,
 * transactions (a lost race is a ReadModelConflict), checkpoints, parked events, the rebuild's
 * table switch, probe and close. Each read model lives in its own folder (table, migration part,
 * writer, queries); callers get its queries from here and never see the database handle.
 */
export class ReadModels {
  readonly journeys: JourneyQueries;
  readonly caseIndex: CaseIndexQuery;
  readonly caseload: CaseloadQuery;
  readonly breaches: BreachesQuery;
  readonly complianceCounts: ComplianceCountsQuery;
  /** Deadline scheduling's DueDeadlines adapter reads open deadlines through this. */
  readonly openDeadlines: OpenDeadlines;
  private readonly sqliteBulk: SqliteBulkWriter | undefined;

  private constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly dialect: 'sqlite' | 'postgres',
    /** PostgreSQL: the schema the read models and every migration table live in. */
    private readonly schema?: string,
    /** SQLite: the connection itself, whose prepared inserts the writers reuse page after page. */
    sqlite?: Database.Database,
    /** PostgreSQL: the pool itself, for maintenance that outlasts a request's query timeout. */
    private readonly pool?: Pool,
  ) {
    this.sqliteBulk = sqlite ? new SqliteBulkWriter(sqlite) : undefined;
    this.journeys = new JourneyQueries(db);
    this.caseIndex = new CaseIndexQuery(db);
    this.caseload = new CaseloadQuery(db);
    this.breaches = new BreachesQuery(db);
    this.complianceCounts = new ComplianceCountsQuery(db);
    this.openDeadlines = new OpenDeadlines(db.withTables<NotifiedEntitlements>());
  }

  static async openSqlite(filename: string): Promise<ReadModels> {
    const database = new Database(filename);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    // Read models are derived and can be rebuilt from the events; WAL commits stay atomic (a batch
    // and its checkpoint together), only the fsync per commit is left to the checkpointer.
    database.pragma('synchronous = NORMAL');
    const db = new Kysely<ReadModelDatabase>({ dialect: new SqliteDialect({ database }) });
    await migrateToLatest(db as Kysely<unknown>);
    return new ReadModels(db, 'sqlite', undefined, database);
  }

  /** PostgreSQL, in `schema` (created if absent): the production read models. */
  static async openPostgres(connectionString: string, schema = 'public'): Promise<ReadModels> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    const pool = openPostgresPool({ connectionString, max: 10, searchPath: schema });
    const db = new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
    // CREATE SCHEMA IF NOT EXISTS races when an API and a worker start together: serialise it.
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`vj-read-models-schema:${schema}`}))`.execute(
        trx,
      );
      await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`).execute(trx);
    });
    await migrateToLatest(db as Kysely<unknown>, schema);
    return new ReadModels(db, 'postgres', schema, undefined, pool);
  }

  /** Migrates a tenant's own tables in this database and opens it on them. */
  async host<DB, T>(tenant: ReadModelTenant<DB, T>): Promise<T> {
    await migrateToLatest(this.db as Kysely<unknown>, this.schema, {
      name: tenant.name,
      migrations: tenant.migrations,
      table: tenant.migrationTable,
    });
    return tenant.open(this.db as unknown as Kysely<DB>);
  }

  /**
   * The rebuild's read models, beside the live ones (PostgreSQL): the same queries on
   * `journeys_rebuild`, `entitlements_rebuild` and `case_index_rebuild`. Created if absent;
   * `fresh` drops what an earlier, unfinished rebuild left, otherwise it is resumed from its
   * own checkpoint.
   */
  async rebuildTables(projection: string, fresh: boolean): Promise<ReadModels> {
    if (this.dialect !== 'postgres')
      throw new Error('a side-by-side rebuild needs PostgreSQL read models');
    await this.db.transaction().execute(async (trx) => {
      for (const table of REBUILT_TABLES) {
        const rebuild = `${table}${REBUILD_SUFFIX}`;
        if (fresh) await sql.raw(`DROP TABLE IF EXISTS ${rebuild}`).execute(trx);
        await sql
          .raw(`CREATE TABLE IF NOT EXISTS ${rebuild} (LIKE ${table} INCLUDING ALL)`)
          .execute(trx);
      }
      if (fresh) {
        // Its partitions' too (`<projection>.k-of-N`), if it was built in partitions.
        const itsOwn = sql<boolean>`projection = ${projection} OR substr(projection, 1, ${projection.length + 1}) = ${`${projection}.`}`;
        await trx.deleteFrom('checkpoints').where(itsOwn).execute();
        await trx.deleteFrom('parked_events').where(itsOwn).execute();
      }
    });
    return new ReadModels(this.db.withPlugin(new RebuildTablesPlugin()), this.dialect, this.schema);
  }

  /**
   * Rebuilds the indexes of the live read-model tables, or of a rebuild's before it is switched
   * to, compactly (PostgreSQL: `REINDEX TABLE CONCURRENTLY`, so reads and writes go on). Why: the
   * compliance counts are moved by upserts of `count`, a column of the report's covering index,
   * so PostgreSQL cannot update them in place (no HOT update) nor clear the old entries bottom-up:
   * the index grows with every move, not with its rows (after seeding a million victims,
   * 3,742 MB where a fresh build of it takes 378 MB, and the report read ten times the pages). A
   * rebuild does this before it switches over; on live tables, see docs/operations.md. SQLite
   * frees an index entry when it is replaced, so there is nothing to do there.
   */
  async reindex(
    tables: 'live' | 'rebuild',
  ): Promise<{ table: string; bytesBefore: number; bytesAfter: number }[]> {
    const pool = this.pool;
    if (this.dialect !== 'postgres' || !pool) return [];
    const indexBytes = async (table: string) => {
      const { rows } = await pool.query<{ bytes: string }>(
        'SELECT coalesce(sum(pg_relation_size(indexrelid)), 0) AS bytes FROM pg_index WHERE indrelid = $1::regclass',
        [table],
      );
      return Number(rows[0]?.bytes ?? 0);
    };
    const sizes = [];
    for (const table of REBUILT_TABLES) {
      const name = tables === 'rebuild' ? `${table}${REBUILD_SUFFIX}` : table;
      const bytesBefore = await indexBytes(name);
      // Minutes at national scale: past the pool's query timeout, which is for requests (pg reads
      // a query's own `query_timeout` first; its types do not list it).
      const reindex: QueryConfig & { query_timeout: number } = {
        text: `REINDEX TABLE CONCURRENTLY ${name}`,
        query_timeout: REINDEX_TIMEOUT_MS,
      };
      await pool.query(reindex);
      sizes.push({ table: name, bytesBefore, bytesAfter: await indexBytes(name) });
    }
    return sizes;
  }

  /**
   * Switches the live read models to the rebuild's tables in one transaction: queries see the old
   * tables until it commits and the new ones after. Live workers blocked meanwhile find the
   * checkpoint moved, and go on from the rebuild's.
   */
  async switchToRebuild(live: string, rebuild: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql
        .raw(`LOCK TABLE ${REBUILT_TABLES.join(', ')}, checkpoints IN ACCESS EXCLUSIVE MODE`)
        .execute(trx);
      for (const table of REBUILT_TABLES) {
        await sql.raw(`DROP TABLE ${table}`).execute(trx);
        await sql.raw(`ALTER TABLE ${table}${REBUILD_SUFFIX} RENAME TO ${table}`).execute(trx);
      }
      const position = await trx
        .selectFrom('checkpoints')
        .select('position')
        .where('projection', '=', rebuild)
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('checkpoints').where('projection', 'in', [live, rebuild]).execute();
      await trx
        .insertInto('checkpoints')
        .values({ projection: live, position: position.position })
        .execute();
      await trx.deleteFrom('parked_events').where('projection', '=', live).execute();
      await trx
        .updateTable('parked_events')
        .set({ projection: live })
        .where('projection', '=', rebuild)
        .execute();
    });
  }

  /** Every checkpoint whose projection's name starts with `prefix` (a rebuild's partitions'). */
  async checkpointsNamed(prefix: string): Promise<Map<string, bigint>> {
    const rows = await this.db.selectFrom('checkpoints').selectAll().execute();
    return new Map(
      rows
        .filter((r) => r.projection.startsWith(prefix))
        .map((r) => [r.projection, BigInt(r.position)]),
    );
  }

  /**
   * Joins a rebuild's partitions into `into`, in one transaction: `into`'s checkpoint becomes the
   * lowest of theirs (up to there every victim's events are applied; a partition without one has
   * applied none), their parked events become its, and their checkpoints go. Resolves with where
   * each partition had got to.
   */
  async joinCheckpoints(
    parts: readonly string[],
    into: string,
  ): Promise<Map<string, bigint | undefined>> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('checkpoints')
        .selectAll()
        .where('projection', 'in', parts)
        .execute();
      const found = new Map(rows.map((r) => [r.projection, BigInt(r.position)]));
      const ends = new Map(parts.map((p) => [p, found.get(p)]));
      const positions = [...ends.values()];
      const lowest = positions.every((p): p is bigint => p !== undefined)
        ? positions.reduce((low, p) => (p < low ? p : low))
        : undefined;
      await trx
        .deleteFrom('checkpoints')
        .where('projection', 'in', [...parts, into])
        .execute();
      if (lowest !== undefined)
        await trx
          .insertInto('checkpoints')
          .values({ projection: into, position: lowest.toString() })
          .execute();
      await trx
        .updateTable('parked_events')
        .set({ projection: into })
        .where('projection', 'in', parts)
        .execute();
      return ends;
    });
  }

  async checkpoint(projection: string): Promise<bigint | undefined> {
    const row = await this.db
      .selectFrom('checkpoints')
      .select('position')
      .where('projection', '=', projection)
      .executeTakeFirst();
    return row ? BigInt(row.position) : undefined;
  }

  /**
   * Writes victims' rows and moves the checkpoint from `from` to `to`, in one transaction, so a
   * crash at any point neither loses nor repeats an update. Throws ReadModelConflict (nothing
   * written) when another worker moved the checkpoint or one of the victims first.
   */
  async save(
    victims: readonly VictimRows[],
    checkpoint: { projection: string; from: bigint | undefined; to: bigint },
  ): Promise<void> {
    await this.transaction(async (trx) => {
      if (!(await writeVictims(trx, this.bulkWriter(trx), victims)))
        throw new ReadModelConflict('a journey');
      const to = checkpoint.to.toString();
      const moved =
        checkpoint.from === undefined
          ? (
              await trx
                .insertInto('checkpoints')
                .values({ projection: checkpoint.projection, position: to })
                .onConflict((oc) => oc.doNothing())
                .executeTakeFirst()
            ).numInsertedOrUpdatedRows
          : (
              await trx
                .updateTable('checkpoints')
                .set({ position: to })
                .where('projection', '=', checkpoint.projection)
                .where('position', '=', checkpoint.from.toString())
                .executeTakeFirst()
            ).numUpdatedRows;
      if (moved !== 1n) throw new ReadModelConflict(`checkpoint ${checkpoint.projection}`);
    });
  }

  /** The writers' bulk inserts in this transaction. */
  private bulkWriter(trx: Transaction<ReadModelDatabase>): BulkWriter {
    return this.sqliteBulk ?? new PostgresBulkWriter(trx as Transaction<unknown>);
  }

  /**
   * A transaction in which losing a race to another writer (PostgreSQL's deadlock, serialization
   * and unique-violation errors) is a ReadModelConflict, which the projector redoes.
   */
  private async transaction(
    work: (trx: Transaction<ReadModelDatabase>) => Promise<void>,
  ): Promise<void> {
    try {
      await this.db.transaction().execute(work);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === '40P01' || code === '40001' || code === '23505')
        throw new ReadModelConflict(`a concurrent write (${code})`);
      throw error;
    }
  }

  /**
   * Re-judged victims (no new events): each written only if nobody moved it since it was read;
   * one that moved was judged by whoever moved it. Resolves with how many were written.
   */
  async saveRejudged(victims: readonly VictimRows[]): Promise<number> {
    // All in one transaction, as a page of events is; if anyone moved one of them meanwhile, that
    // rolls back and they go one by one, so the others still land.
    if (victims.length > 1) {
      try {
        await this.transaction(async (trx) => {
          if (!(await writeVictims(trx, this.bulkWriter(trx), victims)))
            throw new ReadModelConflict('a journey');
        });
        return victims.length;
      } catch (error) {
        if (!(error instanceof ReadModelConflict)) throw error;
      }
    }
    let written = 0;
    for (const v of victims) {
      try {
        await this.transaction(async (trx) => {
          if (await writeVictims(trx, this.bulkWriter(trx), [v])) written += 1;
        });
      } catch (error) {
        // Someone else wrote this victim meanwhile, and judged it as they did.
        if (!(error instanceof ReadModelConflict)) throw error;
      }
    }
    return written;
  }

  /** Records an event the projection skipped, `at` the projector's clock. */
  async park(projection: string, event: RecordedEvent, error: Error, at: Date): Promise<void> {
    await this.db
      .insertInto('parked_events')
      .values({
        projection,
        global_position: event.globalPosition.toString(),
        stream_id: event.streamId,
        event_id: event.eventId,
        event_type: event.type,
        // The error's name and message (our own code's words), never the event's data.
        error: `${error.name}: ${error.message}`.slice(0, 500),
        parked_at: at.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async parkedEvents(limit = 100): Promise<ParkedEventsTable[]> {
    return this.db
      .selectFrom('parked_events')
      .selectAll()
      .orderBy('parked_at')
      .limit(limit)
      .execute();
  }

  /** Empties every read model and checkpoint: the start of a rebuild. */
  async clear(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of [
        'journeys',
        'entitlements',
        'case_index',
        'compliance_counts',
        'compliance_contributions',
        'checkpoints',
        'parked_events',
      ] as const) {
        await trx.deleteFrom(table).execute();
      }
    });
  }

  /** Every row of every read model, in a stable order: what a rebuild must reproduce. */
  async dump(): Promise<Record<string, unknown[]>> {
    return {
      // The version is write bookkeeping, not content: two equal read models may differ in it.
      journeys: await this.db
        .selectFrom('journeys')
        .select(['victim_id', 'police_area', 'state', 'next_change_at'])
        .orderBy('victim_id')
        .execute(),
      entitlements: await this.db
        .selectFrom('entitlements')
        .selectAll()
        .orderBy('victim_id')
        .orderBy('entitlement_id')
        .execute(),
      case_index: await this.db
        .selectFrom('case_index')
        .selectAll()
        .orderBy('victim_id')
        .orderBy('case_urn')
        .execute(),
      compliance_counts: await this.db
        .selectFrom('compliance_counts')
        .selectAll()
        .orderBy('police_area')
        .orderBy('month')
        .orderBy('dimension')
        .orderBy('value')
        .orderBy('outcome')
        .orderBy('working_days_late')
        .orderBy('from_date')
        .execute(),
      compliance_contributions: await this.db
        .selectFrom('compliance_contributions')
        .selectAll()
        .orderBy('victim_id')
        .execute(),
    };
  }

  /** Answers when the read-model database does: for health checks, which never see the handle. */
  async probe(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Every read model the journey projection writes, for these victims, in one transaction. */
async function writeVictims(
  trx: Transaction<ReadModelDatabase>,
  bulk: BulkWriter,
  victims: readonly VictimRows[],
): Promise<boolean> {
  if (victims.length === 0) return true;
  // In key order: each table's rows go into its primary key's index in order (the cheapest way
  // into a B-tree), and every writer takes its row locks in the same order.
  const ordered = [...victims].sort((a, b) =>
    (a.state.victimId as string) < (b.state.victimId as string) ? -1 : 1,
  );
  if (!(await writeJourneys(trx, bulk, ordered))) return false;
  await writeCaseIndex(trx, bulk, ordered);
  await writeComplianceCounts(trx, bulk, ordered);
  return true;
}
