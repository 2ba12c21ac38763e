import { DUE_SOON_WORKING_DAYS, type Entitlement } from '@vj/projections';
import type { CaseloadFilter, ReadModelQueries } from '@vj/read-models';
import { addWorkingDays, londonDateOf } from '@vj/victims-code';
import { entitlementOf } from './breach-list';

/**
 * A caseload as it stands at `now`: today and the end of "due soon" in London working days, and
 * each entitlement owed with an open breach's lateness counted to today. The API's caseload and
 * the caseload page both read it here.
 */
export async function caseloadAt(
  readModels: ReadModelQueries,
  now: Date,
  filter: Omit<CaseloadFilter, 'now' | 'today' | 'soon'>,
): Promise<{
  today: string;
  soon: string;
  total: number;
  totalCapped: boolean;
  entitlements: Entitlement[];
}> {
  const today = londonDateOf(now);
  const soon = addWorkingDays(today, DUE_SOON_WORKING_DAYS);
  const result = await readModels.caseload.caseload({
    ...filter,
    now: now.toISOString(),
    today,
    soon,
  });
  return {
    today,
    soon,
    total: result.total,
    totalCapped: result.totalCapped,
    entitlements: result.entitlements.map((row) => entitlementOf(row, today)),
  };
}
