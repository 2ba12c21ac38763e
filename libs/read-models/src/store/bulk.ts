import type { Database, Statement } from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';

/**
 * A multi-row insert of one read-model table, as its writer describes it: the columns, their
 * PostgreSQL types (to read them back from JSON) and what to do on conflict, the target row aliased `t` and the
 * proposed one `excluded` on both databases.
 */
export interface BulkInsert {
  table: string;
  columns: readonly string[];
  types: readonly ('text' | 'integer')[];
  /** `ON CONFLICT ...`, or '' for none. */
  onConflict: string;
}

/**
 * How the writers insert a page's rows (thousands of them) in a transaction, past the query
 * builder: building and compiling a statement of thousands of rows cost more than the database
 * spent on it. Row values are given in the order of `columns`.
 */
export interface BulkWriter {
  /** Inserts the rows; resolves with how many were inserted or updated. */
  insert(spec: BulkInsert, rows: readonly unknown[][]): Promise<number>;
  /**
   * Inserts the rows; resolves with the `returning` columns (in that order) of those inserted or
   * updated rows where `where` holds of the row as written (e.g. `count = 0`).
   */
  insertReturningWhere(
    spec: BulkInsert,
    rows: readonly unknown[][],
    returning: readonly string[],
    where: string,
  ): Promise<unknown[][]>;
}

/**
 * SQLite (better-sqlite3 is synchronous, on the one connection the transaction holds): one
 * prepared statement per shape, kept and run once per row, which is cheaper than any multi-row
 * statement compiled anew.
 */
export class SqliteBulkWriter implements BulkWriter {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly database: Database) {}

  insert(spec: BulkInsert, rows: readonly unknown[][]): Promise<number> {
    const statement = this.prepared(insertSql(spec, ''));
    let changed = 0;
    for (const row of rows) changed += statement.run(row).changes;
    return Promise.resolve(changed);
  }

  insertReturningWhere(
    spec: BulkInsert,
    rows: readonly unknown[][],
    returning: readonly string[],
    where: string,
  ): Promise<unknown[][]> {
    // The row as written, and whether `where` holds of it, in one statement.
    const statement = this.prepared(
      insertSql(spec, ` RETURNING ${quoted(returning)}, (${where}) AS vj_matches`),
    ).raw(true);
    const matched: unknown[][] = [];
    for (const row of rows) {
      const written = statement.get(row) as unknown[] | undefined;
      if (written && written[written.length - 1] === 1) matched.push(written.slice(0, -1));
    }
    return Promise.resolve(matched);
  }

  private prepared(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.database.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}

const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');

function insertSql(spec: BulkInsert, tail: string): string {
  const placeholders = spec.columns.map(() => '?').join(', ');
  return `INSERT INTO ${spec.table} AS t (${quoted(spec.columns)}) VALUES (${placeholders}) ${spec.onConflict}${tail}`;
}

/**
 * PostgreSQL: one statement per table per page, its rows passed as one JSON array of rows and
 * turned back into rows by `jsonb_array_elements`, so a page is a few round trips of one
 * parameter each. The
 * table is named through Kysely, so a rebuild's plugin points it at the rebuild's tables.
 */
export class PostgresBulkWriter implements BulkWriter {
  constructor(private readonly trx: Transaction<unknown>) {}

  async insert(spec: BulkInsert, rows: readonly unknown[][]): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await sql`${this.insertOf(spec, rows)}`.execute(this.trx);
    return Number(result.numAffectedRows ?? 0n);
  }

  async insertReturningWhere(
    spec: BulkInsert,
    rows: readonly unknown[][],
    returning: readonly string[],
    where: string,
  ): Promise<unknown[][]> {
    if (rows.length === 0) return [];
    const columns = sql.raw(quoted(returning));
    const result = await sql<
      Record<string, unknown>
    >`WITH written AS (${this.insertOf(spec, rows)} RETURNING ${columns}, (${sql.raw(where)}) AS vj_matches) SELECT ${columns} FROM written WHERE vj_matches`.execute(
      this.trx,
    );
    return result.rows.map((row) => returning.map((column) => row[column]));
  }

  private insertOf(spec: BulkInsert, rows: readonly unknown[][]) {
    // One JSON text for the page: the driver sends it as is, where arrays of strings it escapes
    // element by element (and the collector then spends more than the escaping).
    const fields = spec.columns.map((_, i) => `(e->>${i})::${spec.types[i] as string}`).join(', ');
    return sql`INSERT INTO ${sql.table(spec.table)} AS t (${sql.raw(quoted(spec.columns))}) SELECT ${sql.raw(fields)} FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS e ${sql.raw(spec.onConflict)}`;
  }
}
