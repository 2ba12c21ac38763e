import { journey } from '../../../../projections/testing/journey-builder';
import { readModelStoresForTests } from '../../../../test/support/read-model-stores';
import { victimRowsOf, type VictimRows } from '../journeys/victim-rows';
import { type ReadModels } from '../store/read-model-store';
import { CASELOAD_COUNT_CAP, type CaseloadFilter } from './query';

const stores = readModelStoresForTests('vj_rm_caseload');

describe.each(Object.keys(stores))('the caseload on %s read models', (kind) => {
  const open = stores[kind] as () => Promise<ReadModels>;
  const NOW = new Date('2026-03-20T12:00:00Z');
  // A reported burglary whose police entitlements are all still owed at NOW.
  const reported = victimRowsOf(
    { state: journey().reported('2026-03-16T09:00:00Z').state(), version: 0 },
    NOW,
  );
  const victim = (n: number): VictimRows => ({
    ...reported,
    state: {
      ...reported.state,
      victimId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    },
  });
  const filter: CaseloadFilter = {
    policeAreas: ['west-yorkshire'],
    owedBy: 'police',
    due: 'open',
    now: NOW.toISOString(),
    today: '2026-03-20',
    soon: '2026-03-27',
    limit: 50,
    offset: 0,
  };
  const checkpoint = { projection: 'test', from: undefined, to: 1n };

  it('counts exactly up to the cap, then stops counting and says so', async () => {
    const one = await open();
    await one.save([victim(0)], checkpoint);
    const single = await one.caseload.caseload(filter);
    await one.close();
    const perVictim = single.total;
    expect(perVictim).toBeGreaterThan(0);
    expect(single.totalCapped).toBe(false);

    // Just enough victims to pass the cap.
    const victims = Math.ceil((CASELOAD_COUNT_CAP + 1) / perVictim);
    const many = await open();
    await many.save(
      Array.from({ length: victims }, (_, i) => victim(i)),
      checkpoint,
    );
    const capped = await many.caseload.caseload(filter);
    expect(victims * perVictim).toBeGreaterThan(CASELOAD_COUNT_CAP);
    expect(capped.total).toBe(CASELOAD_COUNT_CAP);
    expect(capped.totalCapped).toBe(true);
    // The page itself is unaffected: the 50 most urgent, soonest deadline first.
    expect(capped.entitlements).toHaveLength(50);
    const ends = capped.entitlements.map((e) => e.deadline_ends_at as string);
    expect(ends).toEqual([...ends].sort());

    // A narrower filter under the cap is counted exactly: one of a rule per victim.
    const ruleId = single.entitlements[0]!.rule_id;
    const oneRule = await many.caseload.caseload({ ...filter, ruleId });
    const perVictimOfRule = single.entitlements.filter((e) => e.rule_id === ruleId).length;
    expect(oneRule.total).toBe(victims * perVictimOfRule);
    expect(oneRule.totalCapped).toBe(false);
    await many.close();
  });
});
