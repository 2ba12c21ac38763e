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
import type { EntitlementsTable, ReadModelDatabase } from './schema';

export const JOURNEY_PROJECTION = 'victim-journey';

/** What the journey projection writes for one victim. */
export interface VictimRows {
  state: JourneyState;
  entitlements: Entitlement[];
  nextChangeAt: string | null;
}

/** Judges a victim's journey at `now` into the rows the queries read. Pure. */
export function victimRowsOf(state: JourneyState, now: Date): VictimRows {
  const entitlements = entitlementsOf(state.events, now);
  return { state, entitlements, nextChangeAt: nextChangeOf(entitlements) };
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
  private constructor(readonly db: Kysely<ReadModelDatabase>) {}

  static async openSqlite(filename: string): Promise<ReadModels> {
    const database = new Database(filename);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<ReadModelDatabase>({ dialect: new SqliteDialect({ database }) });
    await migrateToLatest(db as Kysely<unknown>);
    return new ReadModels(db);
  }

  /** PostgreSQL, in `schema` (created if absent): the production read models. */
  static async openPostgres(connectionString: string, schema = 'public'): Promise<ReadModels> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    const pool = new Pool({ connectionString, max: 10, options: `-c search_path=${schema}` });
    const db = new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
    await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`).execute(db);
    await migrateToLatest(db as Kysely<unknown>, schema);
    return new ReadModels(db);
  }

  async checkpoint(projection: string): Promise<bigint | undefined> {
    const row = await this.db
      .selectFrom('checkpoints')
      .select('position')
      .where('projection', '=', projection)
      .executeTakeFirst();
    return row ? BigInt(row.position) : undefined;
  }

  async journeyStates(victimIds: readonly string[]): Promise<Map<string, JourneyState>> {
    if (victimIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('journeys')
      .select(['victim_id', 'state'])
      .where('victim_id', 'in', victimIds)
      .execute();
    return new Map(rows.map((r) => [r.victim_id, JSON.parse(r.state) as JourneyState]));
  }

  async journeyState(victimId: string): Promise<JourneyState | undefined> {
    return (await this.journeyStates([victimId])).get(victimId);
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

  /** Writes victims' rows, and moves the checkpoint when given, in one transaction. */
  async save(
    victims: readonly VictimRows[],
    checkpoint?: { projection: string; position: bigint },
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const v of victims) await writeVictim(trx, v);
      if (checkpoint) {
        await trx
          .insertInto('checkpoints')
          .values({ projection: checkpoint.projection, position: checkpoint.position.toString() })
          .onConflict((oc) =>
            oc.column('projection').doUpdateSet({ position: checkpoint.position.toString() }),
          )
          .execute();
      }
    });
  }

  /** Empties every read model and checkpoint: the start of a rebuild. */
  async clear(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of ['journeys', 'entitlements', 'case_index', 'checkpoints'] as const) {
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
      journeys: await this.db.selectFrom('journeys').selectAll().orderBy('victim_id').execute(),
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

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

export type EntitlementRow = EntitlementsTable;

async function writeVictim(trx: Transaction<ReadModelDatabase>, v: VictimRows): Promise<void> {
  const victimId = v.state.victimId as string;
  const policeArea = v.state.policeArea as string;
  await trx
    .insertInto('journeys')
    .values({
      victim_id: victimId,
      police_area: policeArea,
      state: JSON.stringify(v.state),
      next_change_at: v.nextChangeAt,
    })
    .onConflict((oc) =>
      oc
        .column('victim_id')
        .doUpdateSet({ state: JSON.stringify(v.state), next_change_at: v.nextChangeAt }),
    )
    .execute();
  await trx.deleteFrom('entitlements').where('victim_id', '=', victimId).execute();
  for (const e of v.entitlements) {
    // An open breach's lateness grows with time: stored rows hold only what events fix.
    const fixedLateness = e.status === 'met-late' ? e.workingDaysLate : null;
    await trx
      .insertInto('entitlements')
      .values({
        victim_id: victimId,
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
      })
      .execute();
  }
  await trx.deleteFrom('case_index').where('victim_id', '=', victimId).execute();
  for (const c of casesOf(v.state.events).values()) {
    for (const urn of c.caseUrns) {
      await trx
        .insertInto('case_index')
        .values({
          police_area: policeArea,
          case_urn: urn,
          victim_number: c.victimNumber,
          victim_id: victimId,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}
