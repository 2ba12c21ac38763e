import type { Transaction } from 'kysely';
import { casesOf } from '@vj/projections';
import { chunks } from '../chunks';
import { rewrittenVictimIds } from '../journeys/writer';
import type { VictimRows } from '../journeys/victim-rows';
import type { BulkInsert, BulkWriter } from '../store/bulk';
import type { CaseIndexDatabase } from './table';

/** Writes the case URNs of victims' journeys, replacing those of victims written before. */
export async function writeCaseIndex(
  trx: Transaction<CaseIndexDatabase>,
  bulk: BulkWriter,
  victims: readonly VictimRows[],
): Promise<void> {
  for (const part of chunks(rewrittenVictimIds(victims)))
    await trx.deleteFrom('case_index').where('victim_id', 'in', part).execute();
  const urns = victims.flatMap((v) =>
    [...casesOf(v.state.events).values()].flatMap((c) =>
      c.caseUrns.map((urn) => [
        v.state.policeArea as string,
        urn,
        c.victimNumber,
        v.state.victimId as string,
      ]),
    ),
  );
  await bulk.insert(CASE_INDEX, urns);
}

const CASE_INDEX: BulkInsert = {
  table: 'case_index',
  columns: ['police_area', 'case_urn', 'victim_number', 'victim_id'],
  types: ['text', 'text', 'integer', 'text'],
  onConflict: 'ON CONFLICT DO NOTHING',
};
