import type { Kysely } from 'kysely';
import type { CaseIndexDatabase } from './table';

/** Finds a victim by a CPS case URN: the victim lookup by case. */
export class CaseIndexQuery {
  constructor(private readonly db: Kysely<CaseIndexDatabase>) {}

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
}
