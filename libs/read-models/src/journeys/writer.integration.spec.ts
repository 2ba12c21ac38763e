import { journey } from '../../../../projections/testing/journey-builder';
import { readModelStoresForTests } from '../../../../test/support/read-model-stores';
import { type ReadModels } from '../store/read-model-store';
import { victimRowsOf, type VictimRows } from './victim-rows';

const stores = readModelStoresForTests('vj_rm_writer');

describe.each(Object.keys(stores))('a victim written again on %s read models', (kind) => {
  const open = stores[kind] as () => Promise<ReadModels>;
  const NOW = new Date('2026-03-20T12:00:00Z');
  const reported = journey()
    .reported('2026-03-02T09:00:00Z')
    .event('suspect-arrested', '2026-03-06T16:30:00Z', { suspectNumber: 1 });
  const first = victimRowsOf({ state: reported.state(), version: 0 }, NOW);
  // Told of the arrest (a row changes), and charged (rows are added).
  const later = reported
    .informed('arrest-update', '2026-03-09T10:00:00Z')
    .event('suspect-charged', '2026-03-10T10:00:00Z', { suspectNumber: 1 });
  const judged = victimRowsOf({ state: later.state(), version: 1 }, NOW);
  // And one the earlier judgement had is no longer judged: its row must go.
  const dropped = first.entitlements.find((e) => e.ruleId !== 'arrest-update')?.id;
  const second: VictimRows = {
    ...judged,
    entitlements: judged.entitlements.filter((e) => e.id !== dropped),
  };
  const checkpoint = (from: bigint | undefined, to: bigint) => ({ projection: 'test', from, to });

  it('stores exactly what a single write of its last judgement stores', async () => {
    expect(dropped).toBeDefined();
    const rewritten = await open();
    await rewritten.save([first], checkpoint(undefined, 1n));
    await rewritten.save([second], checkpoint(1n, 2n));
    const once = await open();
    await once.save([{ ...second, version: 0 }], checkpoint(undefined, 2n));

    const { entitlements } = await rewritten.dump();
    const ids = (entitlements as { entitlement_id: string }[]).map((e) => e.entitlement_id);
    expect(ids).not.toContain(dropped);
    expect(ids).toEqual(expect.arrayContaining(second.entitlements.map((e) => e.id)));
    const statusOf = (id: string) =>
      (entitlements as { entitlement_id: string; status: string }[]).find(
        (e) => e.entitlement_id === id,
      )?.status;
    expect(statusOf(first.entitlements.find((e) => e.ruleId === 'arrest-update')!.id)).toBe('met');
    expect(await rewritten.dump()).toEqual(await once.dump());
    await rewritten.close();
    await once.close();
  });

  it('leaves the rows as they were when the judgement is the same', async () => {
    const readModels = await open();
    await readModels.save([first], checkpoint(undefined, 1n));
    const before = await readModels.dump();
    await readModels.save([{ ...first, version: 1 }], checkpoint(1n, 2n));
    expect(await readModels.dump()).toEqual(before);
    await readModels.close();
  });
});
