import type { AuditEntry, AuditQuery, RecordedAuditEntry } from './entry';

/** An entry as both stores keep it: one column a field, snake_case. */
export interface AuditRow {
  sequence: number | string;
  at: string;
  subject: string | null;
  role: string | null;
  action: string;
  outcome: string;
  status: number;
  victim_id: string | null;
  endpoint: string;
  reason: string | null;
  request_id: string;
  prev_hash: string;
  hash: string;
}

/** The columns in insert order, and the row's values in the same order. */
export const AUDIT_COLUMNS = [
  'sequence',
  'at',
  'subject',
  'role',
  'action',
  'outcome',
  'status',
  'victim_id',
  'endpoint',
  'reason',
  'request_id',
  'prev_hash',
  'hash',
] as const;

export function valuesOf(e: RecordedAuditEntry): (string | number | null)[] {
  return [
    e.sequence,
    e.at,
    e.subject,
    e.role,
    e.action,
    e.outcome,
    e.status,
    e.victimId,
    e.endpoint,
    e.reason,
    e.requestId,
    e.prevHash,
    e.hash,
  ];
}

export function entryOf(row: AuditRow): RecordedAuditEntry {
  return {
    sequence: Number(row.sequence),
    at: row.at,
    subject: row.subject,
    role: row.role,
    action: row.action,
    // Read back as stored: an altered outcome is caught by the hash, not hidden by a cast.
    outcome: row.outcome as AuditEntry['outcome'],
    status: Number(row.status),
    victimId: row.victim_id,
    endpoint: row.endpoint,
    reason: row.reason,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The WHERE clause of a query, with `placeholder(i)` for the i-th value (SQLite `?`, PostgreSQL
 * `$i`): the filters given, in sequence order, one more than the page so the caller knows if
 * there is a next.
 */
export function listSql(
  table: string,
  query: AuditQuery,
  placeholder: (i: number) => string,
): { sql: string; values: (string | number)[] } {
  const where: string[] = [];
  const values: (string | number)[] = [];
  const add = (condition: string, value: string | number) => {
    values.push(value);
    where.push(condition.replace('?', placeholder(values.length)));
  };
  if (query.after !== undefined) add('sequence > ?', query.after);
  if (query.from !== undefined) add('at >= ?', query.from);
  if (query.to !== undefined) add('at < ?', query.to);
  if (query.victimId !== undefined) add('victim_id = ?', query.victimId);
  if (query.subject !== undefined) add('subject = ?', query.subject);
  values.push(query.limit + 1);
  return {
    sql: `SELECT * FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY sequence LIMIT ${placeholder(values.length)}`,
    values,
  };
}

/** A page from the rows a `listSql` query answered (one more than asked, when there is more). */
export function pageOf(rows: AuditRow[], limit: number) {
  const entries = rows.slice(0, limit).map(entryOf);
  const last = entries[entries.length - 1];
  return { entries, nextAfter: rows.length > limit && last ? last.sequence : null };
}
