import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type Transaction } from 'kysely';
import { Pool } from 'pg';
import {
  type Entitlement,
  entitlementsOf,
  type JourneyState,
  nextChangeOf,
  casesOf,
} from '@vj/projections';
import { migrateToLatest } from './migrations';
import { REBUILD_SUFFIX, REBUILT_TABLES, RebuildTablesPlugin } from './rebuild-tables';
import type { RecordedEvent } from '@vj/event-store';
import type { EntitlementsTable, ParkedEventsTable, ReadModelDatabase } from './schema';

export const JOURNEY_PROJECTION = 'victim-journey';

/** A victim's journey state as stored, with the version it was read at (0: not stored yet). */
export interface StoredJourney {
  state: JourneyState;
  version: number;
}

/** What the journey projection writes for one victim, over the version it read. */
export interface VictimRows {
  state: JourneyState;
  /** The version the state was read at: the write happens only if nobody has moved it since. */
  version: number;
  entitlements: Entitlement[];
  nextChangeAt: string | null;
}

/** Judges a victim's journey at `now` into the rows the queries read. Pure. */
export function victimRowsOf({ state, version }: StoredJourney, now: Date): VictimRows {
  const entitlements = entitlementsOf(state.events, now);
  return { state, version, entitlements, nextChangeAt: nextChangeOf(entitlements) };
}

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

export interface CaseloadFilter {
  policeAreas: readonly string[];
  owedBy: string;
  /** Which unmet entitlements: overdue, due today (or before), due by `soon`, or all open. */
  due: 'overdue' | 'today' | 'soon' | 'open';
  now: string;
  today: string;
  soon: string;
  limit: number;
  offset: number;
}

export interface BreachFilter {
  policeAreas: readonly string[];
  owedBy?: string;
  right?: number;
  ruleId?: string;
  /** Deadline dates from and to (inclusive, London dates). */
  from?: string;
  to?: string;
  enhanced?: boolean;
  limit: number;
  offset: number;
}

/**
 * The read models on SQLite through Kysely (the production store, PostgreSQL, shares the queries).
 * Each change and the checkpoint it brings the projection to are written in one transaction.
 */
export class ReadModels {
  private constructor(
    readonly db: Kysely<ReadModelDatabase>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  static async openSqlite(filename: string): Promise<ReadModels> {
    const database = new Database(filename);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    // Read models are derived and can be rebuilt from the events; WAL commits stay atomic (a batch
    // and its checkpoint together), only the fsync per commit is left to the checkpointer.
    database.pragma('synchronous = NORMAL');
    const db = new Kysely<ReadModelDatabase>({ dialect: new SqliteDialect({ database }) });
    await migrateToLatest(db as Kysely<unknown>);
    return new ReadModels(db, 'sqlite');
  }

  /** PostgreSQL, in `schema` (created if absent): the production read models. */
  static async openPostgres(connectionString: string, schema = 'public'): Promise<ReadModels> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    const pool = new Pool({ connectionString, max: 10, options: `-c search_path=${schema}` });
    const db = new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
    // CREATE SCHEMA IF NOT EXISTS races when an API and a worker start together: serialise it.
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`vj-read-models-schema:${schema}`}))`.execute(
        trx,
      );
      await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`).execute(trx);
    });
    await migrateToLatest(db as Kysely<unknown>, schema);
    return new ReadModels(db, 'postgres');
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
        await trx.deleteFrom('checkpoints').where('projection', '=', projection).execute();
        await trx.deleteFrom('parked_events').where('projection', '=', projection).execute();
      }
    });
    return new ReadModels(this.db.withPlugin(new RebuildTablesPlugin()), this.dialect);
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

  async checkpoint(projection: string): Promise<bigint | undefined> {
    const row = await this.db
      .selectFrom('checkpoints')
      .select('position')
      .where('projection', '=', projection)
      .executeTakeFirst();
    return row ? BigInt(row.position) : undefined;
  }

  async journeys(victimIds: readonly string[]): Promise<Map<string, StoredJourney>> {
    if (victimIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('journeys')
      .select(['victim_id', 'state', 'version'])
      .where('victim_id', 'in', victimIds)
      .execute();
    return new Map(
      rows.map((r) => [
        r.victim_id,
        { state: JSON.parse(r.state) as JourneyState, version: Number(r.version) },
      ]),
    );
  }

  async journeyState(victimId: string): Promise<JourneyState | undefined> {
    return (await this.journeys([victimId])).get(victimId)?.state;
  }

  /** Victims whose judgement time alone has changed by `now`. */
  async victimsToRecheck(now: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('journeys')
      .select('victim_id')
      .where('next_change_at', '<=', now)
      .orderBy('next_change_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.victim_id);
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
      if (!(await writeVictims(trx, victims))) throw new ReadModelConflict('a journey');
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
    let written = 0;
    for (const v of victims) {
      try {
        await this.transaction(async (trx) => {
          if (await writeVictims(trx, [v])) written += 1;
        });
      } catch (error) {
        // Someone else wrote this victim meanwhile, and judged it as they did.
        if (!(error instanceof ReadModelConflict)) throw error;
      }
    }
    return written;
  }

  async park(
    projection: string,
    event: RecordedEvent,
    error: Error,
    parkedAt: Date,
  ): Promise<void> {
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
        parked_at: parkedAt.toISOString(),
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
        'checkpoints',
        'parked_events',
      ] as const) {
        await trx.deleteFrom(table).execute();
      }
    });
  }

  async victimByCaseUrn(
    policeArea: string,
    caseUrn: string,
    victimNumber: number,
  ): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('case_index')
      .select('victim_id')
      .where('police_area', '=', policeArea)
      .where('case_urn', '=', caseUrn)
      .where('victim_number', '=', victimNumber)
      .executeTakeFirst();
    return row?.victim_id;
  }

  async caseload(
    filter: CaseloadFilter,
  ): Promise<{ total: number; entitlements: EntitlementRow[] }> {
    if (filter.policeAreas.length === 0) return { total: 0, entitlements: [] };
    let query = this.db
      .selectFrom('entitlements')
      .where('police_area', 'in', filter.policeAreas)
      .where('owed_by', '=', filter.owedBy)
      .where('fulfilled_at', 'is', null)
      .where('status', 'in', ['pending', 'breached'])
      .where('deadline_ends_at', 'is not', null);
    // Judged against `now` here, not by the stored status, so a deadline that has just ended shows at once.
    if (filter.due === 'overdue') query = query.where('deadline_ends_at', '<=', filter.now);
    if (filter.due === 'today')
      query = query
        .where('deadline_ends_at', '>', filter.now)
        .where('deadline_date', '<=', filter.today);
    if (filter.due === 'soon')
      query = query
        .where('deadline_ends_at', '>', filter.now)
        .where('deadline_date', '<=', filter.soon);
    const [count, rows] = await Promise.all([
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      query
        .selectAll()
        .orderBy('deadline_ends_at')
        .orderBy('victim_id')
        .orderBy('entitlement_id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    return { total: Number(count.n), entitlements: rows };
  }

  async breaches(
    filter: BreachFilter,
  ): Promise<{ total: number; byStatus: Record<string, number>; breaches: EntitlementRow[] }> {
    if (filter.policeAreas.length === 0) return { total: 0, byStatus: {}, breaches: [] };
    let query = this.db
      .selectFrom('entitlements')
      .where('status', 'in', ['breached', 'met-late'])
      .where('police_area', 'in', filter.policeAreas);
    if (filter.owedBy) query = query.where('owed_by', '=', filter.owedBy);
    if (filter.right !== undefined) query = query.where('right_no', '=', filter.right);
    if (filter.ruleId) query = query.where('rule_id', '=', filter.ruleId);
    if (filter.from) query = query.where('deadline_date', '>=', filter.from);
    if (filter.to) query = query.where('deadline_date', '<=', filter.to);
    if (filter.enhanced !== undefined)
      query = query.where('enhanced', '=', filter.enhanced ? 1 : 0);
    const [counts, rows] = await Promise.all([
      query
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute(),
      query
        .selectAll()
        .orderBy('deadline_date')
        .orderBy('victim_id')
        .orderBy('entitlement_id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
    ]);
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    const total = counts.reduce((sum, c) => sum + Number(c.n), 0);
    return { total, byStatus, breaches: rows };
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

export type EntitlementRow = EntitlementsTable;

/** Rows per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Writes victims' rows in a few statements per table, each journey only if it is still at the
 * version read (a conditional upsert); false when any moved, and the caller rolls back.
 */
async function writeVictims(
  trx: Transaction<ReadModelDatabase>,
  victims: readonly VictimRows[],
): Promise<boolean> {
  if (victims.length === 0) return true;
  // Rows locked in one order by every writer: two workers never wait on each other in a cycle.
  const ordered = [...victims].sort((a, b) =>
    (a.state.victimId as string) < (b.state.victimId as string) ? -1 : 1,
  );
  for (const part of chunks(ordered)) {
    const { numInsertedOrUpdatedRows } = await trx
      .insertInto('journeys')
      .values(
        part.map((v) => ({
          victim_id: v.state.victimId as string,
          police_area: v.state.policeArea as string,
          state: JSON.stringify(v.state),
          next_change_at: v.nextChangeAt,
          version: v.version + 1,
        })),
      )
      .onConflict((oc) =>
        oc
          .column('victim_id')
          .doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            next_change_at: eb.ref('excluded.next_change_at'),
            version: eb.ref('excluded.version'),
          }))
          // Written over only the version this writer read: anyone else's newer write stands.
          .where('journeys.version', '=', (eb) => eb(eb.ref('excluded.version'), '-', 1)),
      )
      .executeTakeFirst();
    if (numInsertedOrUpdatedRows !== BigInt(part.length)) return false;
  }
  // A victim written for the first time (version 0, and the upsert proved nobody else had) has no rows to replace.
  const rewritten = victims.filter((v) => v.version > 0).map((v) => v.state.victimId as string);
  for (const part of chunks(rewritten)) {
    await trx.deleteFrom('entitlements').where('victim_id', 'in', part).execute();
    await trx.deleteFrom('case_index').where('victim_id', 'in', part).execute();
  }
  const entitlements = victims.flatMap((v) =>
    v.entitlements.map((e) => {
      // An open breach's lateness grows with time: stored rows hold only what events fix.
      const fixedLateness = e.status === 'met-late' ? e.workingDaysLate : null;
      return {
        victim_id: v.state.victimId as string,
        entitlement_id: e.id,
        police_area: e.policeArea,
        crime_reference: e.crimeReference,
        rule_id: e.ruleId,
        right_no: e.right,
        edition: e.edition,
        owed_by: e.owedBy,
        enhanced: e.enhanced ? 1 : 0,
        status: e.status,
        triggered_at: e.trigger.occurredAt,
        deadline_date: e.deadline?.localDate ?? null,
        deadline_ends_at: e.deadline?.endsAt ?? null,
        fulfilled_at: e.fulfilment?.occurredAt ?? null,
        working_days_late: fixedLateness,
        body: JSON.stringify({ ...e, workingDaysLate: fixedLateness }),
      };
    }),
  );
  for (const part of chunks(entitlements))
    await trx.insertInto('entitlements').values(part).execute();
  const urns = victims.flatMap((v) =>
    [...casesOf(v.state.events).values()].flatMap((c) =>
      c.caseUrns.map((urn) => ({
        police_area: v.state.policeArea as string,
        case_urn: urn,
        victim_number: c.victimNumber,
        victim_id: v.state.victimId as string,
      })),
    ),
  );
  for (const part of chunks(urns)) {
    await trx
      .insertInto('case_index')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return true;
}
