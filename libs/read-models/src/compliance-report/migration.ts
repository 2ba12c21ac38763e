import type { Kysely } from 'kysely';

/** The compliance report's tables (migration 003). */
export async function createComplianceReportTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('compliance_counts')
    .addColumn('police_area', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('working_days_late', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    // In the order the report reads and groups: an area's months, then each cut.
    .addPrimaryKeyConstraint('compliance_counts_pk', [
      'police_area',
      'month',
      'dimension',
      'value',
      'outcome',
      'working_days_late',
      'from_date',
    ])
    .execute();
  // The key with the count: the report is answered from this index alone.
  await db.schema
    .createIndex('compliance_counts_report')
    .on('compliance_counts')
    .columns([
      'police_area',
      'month',
      'dimension',
      'value',
      'outcome',
      'working_days_late',
      'from_date',
      'count',
    ])
    .execute();
  await db.schema
    .createTable('compliance_contributions')
    .addColumn('victim_id', 'text', (c) => c.primaryKey())
    .addColumn('contributions', 'text', (c) => c.notNull())
    .execute();
}
