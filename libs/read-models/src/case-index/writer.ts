import type { Transaction } from 'kysely';
import { casesOf } from '@vj/projections';
import { chunks } from '../chunks';
import { rewrittenVictimIds } from '../journeys/writer';
import type { VictimRows } from '../journeys/victim-rows';
import type { CaseIndexDatabase } from './table';

/** Writes the case URNs of victims' journeys, replacing those of victims written before. */
export async function writeCaseIndex(
  trx: Transaction<CaseIndexDatabase>,
  victims: readonly VictimRows[],
): Promise<void> {
  for (const part of chunks(rewrittenVictimIds(victims)))
    await trx.deleteFrom('case_index').where('victim_id', 'in', part).execute();
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
}
