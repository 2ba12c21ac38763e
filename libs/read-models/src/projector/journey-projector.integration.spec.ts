import { agencyCaller } from '@vj/access-policy';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyDirectory, type Agency } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import {
  crimeReported,
  journeyEvent,
  type PostedEvent,
} from '../../../../test/support/journey-events';
import { readModelStoresForTests } from '../../../../test/support/read-model-stores';
import { readModelTables } from '../../../../test/support/read-model-tables';
import { JourneyProjector } from './journey-projector';
import { type ReadModels } from '../store/read-model-store';
import { victimRowsOf } from '../journeys/victim-rows';

const agencies = AgencyDirectory.fromConfig(
  JSON.parse(readFileSync(join(__dirname, '../../../../config/agencies.dev.json'), 'utf8')),
);
const agency = (id: string) => agencies.agencies.find((a) => a.id === id) as Agency;
const police = agency('police-west-yorkshire');
const wcu = agency('wcu-west-yorkshire');
const court = agency('court-leeds');

/** Five journeys posted over a month, as agencies would: each post at its own "now". */
function journeys(): { at: string; by: Agency; victim: number; event: PostedEvent }[] {
  const ref = (n: number) => `13/00000${n}/26`;
  const report = (n: number, at: string, data: Record<string, unknown> = {}) => ({
    at,
    by: police,
    victim: n,
    event: crimeReported({ eventId: `cr-${n}`, crimeReference: ref(n), occurredAt: at }, data),
  });
  const e = (
    n: number,
    by: Agency,
    type: string,
    id: string,
    at: string,
    data: Record<string, unknown> = {},
  ) => ({
    at,
    by,
    victim: n,
    event: journeyEvent(type, id, at, data, { crimeReference: ref(n) }),
  });
  return [
    report(1, '2026-03-02T09:00:00Z'),
    report(2, '2026-03-02T11:00:00Z', { offenceCategory: 'domestic-abuse' }),
    report(3, '2026-03-03T10:00:00Z'),
    report(4, '2026-03-03T15:00:00Z'),
    report(5, '2026-03-04T10:00:00Z', { victimDateOfBirth: '2012-01-01' }),
    e(4, police, 'support-referral-declined', 'decl-4', '2026-03-03T15:30:00Z'),
    e(1, police, 'suspect-arrested', 'arr-1', '2026-03-06T16:30:00Z', { suspectNumber: 1 }),
    e(2, police, 'suspect-arrested', 'arr-2', '2026-03-06T18:00:00Z', { suspectNumber: 1 }),
    e(2, police, 'victim-informed', 'told-2', '2026-03-09T10:00:00Z', {
      entitlement: 'arrest-update',
      method: 'phone',
    }),
    e(1, police, 'referred-to-support', 'ref-1', '2026-03-09T10:00:00Z', {
      service: 'victim-support',
    }),
    e(3, police, 'suspect-charged', 'chg-3', '2026-03-10T10:00:00Z', {
      suspectNumber: 1,
      caseUrn: '13WY0000326',
    }),
    e(3, wcu, 'hearing-details-received', 'hd-3', '2026-03-12T14:00:00Z', {
      hearingId: 'H1',
      hearingAt: '2026-04-20T10:00:00Z',
      court: 'Leeds',
    }),
    e(5, police, 'victim-withdrew', 'wd-5', '2026-03-13T10:00:00Z', { scope: 'all-contact' }),
    e(1, police, 'victim-informed', 'told-1', '2026-03-17T10:00:00Z', {
      entitlement: 'arrest-update',
      method: 'letter',
    }),
    e(3, court, 'verdict-given', 'v-3', '2026-03-20T15:00:00Z', {
      suspectNumber: 1,
      verdict: 'guilty',
    }),
    e(3, court, 'sentenced', 's-3', '2026-03-27T12:00:00Z', {
      suspectNumber: 1,
      offenceCategory: 'burglary',
      specifiedOffence: true,
      custodyMonths: 48,
    }),
  ];
}

const stores = readModelStoresForTests('vj_rm');

describe.each(Object.keys(stores))('the journey projector on %s read models', (kind) => {
  const open = stores[kind] as () => Promise<ReadModels>;
  let store: SqliteEventStore;
  let live: ReadModels;
  let clock: FixedClock;
  let projector: JourneyProjector;
  const END = '2026-04-08T12:00:00Z';

  beforeAll(async () => {
    store = new SqliteEventStore(':memory:');
    live = await open();
    clock = new FixedClock('2026-03-02T09:00:00Z');
    const ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
    // Small batches, so that catching up takes several pages and checkpoints.
    projector = new JourneyProjector(store, live, clock, 3);
    const victims = new Map<number, string>();
    for (const [i, post] of journeys().entries()) {
      clock.set(post.at);
      if (post.event.type === 'crime-reported') {
        victims.set(
          post.victim,
          (await ingestion.registerVictim(agencyCaller(post.by), post.event)).victimId,
        );
      } else {
        await ingestion.postEvents(
          agencyCaller(post.by),
          victims.get(post.victim) as string,
          post.event,
        );
      }
      // The live runtime projects and checks deadlines now and then, not after every post.
      if (i % 4 === 3) {
        await projector.catchUp();
        await projector.recheckDue();
      }
    }
    clock.set(END);
    await projector.catchUp();
    await projector.recheckDue();
  });

  afterAll(async () => {
    await live.close();
    await store.close();
  });

  it('judges the journeys: breaches found by the deadline check, met and met late', async () => {
    const { entitlements } = await live.dump();
    const statuses = (entitlements as { rule_id: string; status: string }[]).map(
      (e) => `${e.rule_id}:${e.status}`,
    );
    expect(statuses).toEqual(
      expect.arrayContaining([
        'arrest-update:met', // victim 2, enhanced: arrested Fri 6 Mar, told Mon 9 Mar (due Mon 9 Mar)
        'arrest-update:met-late', // victim 1: arrested Fri 6 Mar, due Fri 13 Mar, told Tue 17 Mar
        'support-referral:not-applicable', // victim 4 declined
        'hearing-details:breached', // victim 3: received Thu 12 Mar, due Fri 13 Mar, never told
        // victim 3: sentenced Fri 27 Mar, 48 months: + 10 wd, skipping Good Friday 3 Apr and
        // Easter Monday 6 Apr = Tue 14 Apr; on 8 Apr still pending.
        'vcs-referral:pending',
      ]),
    );
  });

  it('gives the same read models when rebuilt from the events with the same clock', async () => {
    const rebuilt = await open();
    const fresh = new JourneyProjector(store, rebuilt, new FixedClock(END));
    expect(await fresh.rebuild()).toBe(16);
    expect(await rebuilt.dump()).toEqual(await live.dump());
    await rebuilt.close();
  });

  it('stores the same rows when events are applied one at a time as all at once', async () => {
    const oneByOne = await open();
    expect(await new JourneyProjector(store, oneByOne, new FixedClock(END), 1).catchUp()).toBe(16);
    const atOnce = await open();
    expect(await new JourneyProjector(store, atOnce, new FixedClock(END)).catchUp()).toBe(16);
    const digest = async (readModels: ReadModels) =>
      createHash('sha256')
        .update(JSON.stringify(await readModels.dump()))
        .digest('hex');
    expect(await digest(oneByOne)).toBe(await digest(atOnce));
    expect(await oneByOne.dump()).toEqual(await live.dump());
    await oneByOne.close();
    await atOnce.close();
  });

  it('counts compliance as of a date the same when rebuilt years later', async () => {
    const arrests = async (readModels: ReadModels, asOf: string) =>
      (
        await readModels.complianceCounts.counts({
          policeAreas: ['west-yorkshire'],
          from: '2026-03',
          to: '2026-04',
          asOf,
        })
      )
        .filter((r) => r.dimension === 'agency-rule' && r.value === 'police/6/arrest-update')
        .map((r) => [r.outcome, r.count])
        .sort();
    // Victim 2 told Mon 9 Mar (met); victim 1 due Fri 13 Mar, told Tue 17 Mar (met late).
    expect(await arrests(live, '2026-03-13')).toEqual([
      ['met', 1],
      ['pending', 1],
    ]);
    expect(await arrests(live, '2026-03-16')).toEqual([
      ['breached', 1],
      ['met', 1],
    ]);
    expect(await arrests(live, '2026-03-17')).toEqual([
      ['met', 1],
      ['met-late', 1],
    ]);
    const rebuilt = await open();
    await new JourneyProjector(store, rebuilt, new FixedClock('2029-01-01T00:00:00Z')).rebuild();
    const { compliance_counts: counts, compliance_contributions: contributions } =
      await rebuilt.dump();
    expect(counts?.length).toBeGreaterThan(0);
    expect({ counts, contributions }).toEqual({
      counts: (await live.dump()).compliance_counts,
      contributions: (await live.dump()).compliance_contributions,
    });
    await rebuilt.close();
  });

  it('changes nothing when events are applied a second time', async () => {
    const before = await live.dump();
    await (await readModelTables(live)).deleteFrom('checkpoints').execute();
    expect(await projector.catchUp()).toBe(16);
    expect(await live.dump()).toEqual(before);
    expect(await projector.catchUp()).toBe(0);
  });

  it('gives the same read models when two workers catch up at once', async () => {
    const shared = await open();
    const one = new JourneyProjector(store, shared, new FixedClock(END), 2);
    const two = new JourneyProjector(store, shared, new FixedClock(END), 3);
    await Promise.all([one.catchUp(), two.catchUp(), one.catchUp()]);
    await one.recheckDue();
    expect(await shared.dump()).toEqual(await live.dump());
    await shared.close();
  });

  it('re-judges breach checks that fire together as one batch, as the deadline check would', async () => {
    const checks = await open();
    // Caught up a month early: every deadline since then is still pending in these read models.
    const projector = new JourneyProjector(store, checks, clock, 500);
    clock.set('2026-03-05T12:00:00Z');
    await projector.catchUp();
    clock.set(END);
    const victimIds = (
      await (await readModelTables(checks)).selectFrom('journeys').select('victim_id').execute()
    ).map((r) => r.victim_id);
    expect(victimIds).toHaveLength(5);
    const saved = jest.spyOn(checks, 'saveRejudged');
    // A midnight's breach checks, one per victim, at once.
    const written = await Promise.all(victimIds.map((id) => projector.recheckVictims([id])));
    expect(written).toEqual([5, 5, 5, 5, 5]);
    expect(saved).toHaveBeenCalledTimes(1);
    expect(await checks.dump()).toEqual(await live.dump());
    await checks.close();
  });

  it('writes re-judged victims together, leaving one that moved meanwhile to whoever moved it', async () => {
    const rejudged = await open();
    const early = new JourneyProjector(
      store,
      rejudged,
      new FixedClock('2026-03-05T12:00:00Z'),
      500,
    );
    await early.catchUp();
    const stored = await rejudged.journeys.stored(
      (
        await (await readModelTables(rejudged)).selectFrom('journeys').select('victim_id').execute()
      ).map((r) => r.victim_id),
    );
    const judged = [...stored.values()].map((j) => victimRowsOf(j, new Date(END)));
    // Another worker re-judges the first victim first.
    expect(await rejudged.saveRejudged([judged[0]!])).toBe(1);
    // Its judgement of that victim is now stale: the other four land, that one is left alone.
    expect(await rejudged.saveRejudged(judged)).toBe(4);
    expect(await rejudged.dump()).toEqual(await live.dump());
    await rejudged.close();
  });

  it('parks an event it cannot apply, with its error, and goes on with the others', async () => {
    const poisoned = await open();
    const projector = new JourneyProjector(store, poisoned, new FixedClock(END));
    const [first] = await store.readAll({ maxCount: 1 });
    // A stored event of a version no reader knows: it cannot be lifted to the latest schema.
    await store.appendToStream(first?.streamId as string, [
      {
        eventId: randomUUID(),
        type: 'sentenced',
        data: {},
        metadata: { ...first?.metadata, schemaVersion: 0 },
      },
    ]);
    expect(await projector.catchUp()).toBe(17);
    const parked = await poisoned.parkedEvents();
    expect(parked).toEqual([
      expect.objectContaining({
        projection: 'victim-journey',
        event_type: 'sentenced',
        error: 'Error: no upcaster for sentenced version 0',
      }),
    ]);
    const { journeys: rows } = await poisoned.dump();
    expect(rows).toHaveLength(5);
    await poisoned.close();
  });

  it("stamps a parked event with the projector's clock, not the system's", async () => {
    const readModels = await open();
    const pinned = new FixedClock('2031-05-06T07:08:09Z');
    const [first] = await store.readAll({ maxCount: 1 });
    await store.appendToStream(first?.streamId as string, [
      {
        eventId: randomUUID(),
        type: 'sentenced',
        data: {},
        metadata: { ...first?.metadata, schemaVersion: 0 },
      },
    ]);
    await new JourneyProjector(store, readModels, pinned).catchUp();
    const parked = await readModels.parkedEvents();
    expect(parked.length).toBeGreaterThan(0);
    for (const row of parked) expect(row.parked_at).toBe('2031-05-06T07:08:09.000Z');
    await readModels.close();
  });
});
