import { agencyCaller } from '@vj/access-policy';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyDirectory, type Agency } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { JourneyIngestion } from '@vj/ingestion';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
import type { ForecastRow } from '@vj/projections';
import { readDraftEdition, type CodeEdition } from '@vj/victims-code';
import {
  crimeReported,
  journeyEvent,
  type PostedEvent,
} from '../../../../test/support/journey-events';
import { countStoredEvents, replayForecast } from './replay-forecast';

const ROOT = join(__dirname, '../../../..');
const agencies = AgencyDirectory.fromConfig(
  JSON.parse(readFileSync(join(ROOT, 'config/agencies.dev.json'), 'utf8')),
);
const agency = (id: string) => agencies.agencies.find((a) => a.id === id) as Agency;
const police = agency('police-west-yorkshire');
const manchester = agency('police-greater-manchester');
const probation = agency('probation-yorkshire');

// The documented example draft: the Right 4 referral within 1 working day (2 in the 2020 Code),
// and a new entitlement, written confirmation of joining the VCS within 5 working days (1 enhanced).
const draft = (() => {
  const read = readDraftEdition(
    JSON.parse(readFileSync(join(ROOT, 'docs/forecast-draft-example.json'), 'utf8')),
  );
  if (!read.edition) throw new Error(JSON.stringify(read.problems));
  return read.edition;
})();

/**
 * A small history, March 2026 (GMT, no bank holidays). Working days counted from the report as day 0.
 * - V1 reported Mon 2 Mar, referred Wed 4 Mar: 2020 due Wed 4 Mar, met; draft due Tue 3 Mar, met late.
 *   Opted in to the VCS Mon 16 Mar: under the draft, confirmation due Mon 23 Mar, never given: breached.
 * - V2 reported Tue 3 Mar 10:00, referred the same day at 15:00: met under both.
 * - V3 reported Wed 4 Mar, never referred: due Fri 6 Mar (2020) or Thu 5 Mar (draft): breached under both.
 * - V4 reported Thu 5 Mar, declined support an hour later: not applicable under both.
 * - V5 in Greater Manchester, reported Mon 2 Mar, referred Wed 4 Mar: as V1, outside west-yorkshire.
 * - V6 reported Wed 25 Feb, referred Fri 27 Feb: before the period, counted in neither.
 */
const history: [Agency, string, PostedEvent][] = [
  [police, 'V6', report(6, '2026-02-25T10:00:00Z')],
  [
    police,
    'V6',
    e(6, 'referred-to-support', 'ref-6', '2026-02-27T10:00:00Z', { service: 'victim-support' }),
  ],
  [police, 'V1', report(1, '2026-03-02T09:00:00Z')],
  [manchester, 'V5', report(5, '2026-03-02T09:30:00Z')],
  [police, 'V2', report(2, '2026-03-03T10:00:00Z')],
  [
    police,
    'V2',
    e(2, 'referred-to-support', 'ref-2', '2026-03-03T15:00:00Z', { service: 'victim-support' }),
  ],
  [
    police,
    'V1',
    e(1, 'referred-to-support', 'ref-1', '2026-03-04T10:00:00Z', { service: 'victim-support' }),
  ],
  [
    manchester,
    'V5',
    e(5, 'referred-to-support', 'ref-5', '2026-03-04T11:00:00Z', { service: 'victim-support' }),
  ],
  [police, 'V3', report(3, '2026-03-04T10:00:00Z')],
  [police, 'V4', report(4, '2026-03-05T10:00:00Z')],
  [police, 'V4', e(4, 'support-referral-declined', 'decl-4', '2026-03-05T11:00:00Z')],
  [probation, 'V1', e(1, 'vcs-opted-in', 'in-1', '2026-03-16T10:00:00Z', { suspectNumber: 1 })],
];
const NOW = new Date('2026-04-30T12:00:00Z');
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

function report(n: number, at: string): PostedEvent {
  return crimeReported({ eventId: `cr-${n}`, crimeReference: `13/00000${n}/26`, occurredAt: at });
}
function e(n: number, type: string, id: string, at: string, data: Record<string, unknown> = {}) {
  return journeyEvent(type, id, at, data, { crimeReference: `13/00000${n}/26` });
}

const none = {
  created: 0,
  met: 0,
  metLate: 0,
  breached: 0,
  pending: 0,
  notApplicable: 0,
  other: 0,
};
const row = (rows: ForecastRow[], ruleId: string) => rows.find((r) => r.ruleId === ruleId);

describe('the Code-impact forecast replays the stored journeys against a hand count', () => {
  let store: SqliteEventStore;

  beforeAll(async () => {
    store = new SqliteEventStore(':memory:');
    const clock = new FixedClock('2026-02-25T10:00:00Z');
    const ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
    const victims = new Map<string, string>();
    for (const [by, victim, event] of history) {
      clock.set(event.occurredAt);
      if (event.type === 'crime-reported')
        victims.set(victim, (await ingestion.registerVictim(agencyCaller(by), event)).victimId);
      else await ingestion.postEvents(agencyCaller(by), victims.get(victim) as string, event);
    }
  });

  afterAll(() => store.close());

  it('counts per agency and rule under the 2020 Code and the draft, in one area', async () => {
    const before = await countStoredEvents(store);
    // Pages of two events: a journey's events spread over several pages are read once, whole.
    const report = await replayForecast(
      store,
      draft,
      { ...MARCH, policeAreas: ['west-yorkshire'] },
      NOW,
      {},
      2,
    );

    expect(report.journeys).toBe(6);
    expect(row(report.rows, 'support-referral')).toEqual({
      owedBy: 'police',
      ruleId: 'support-referral',
      title: 'Referral to victim support services, unless the victim declines',
      // V1 met, V2 met, V3 breached, V4 not applicable: on time 2 of 3, breached 1 of 3.
      inForce: {
        ...none,
        created: 4,
        met: 2,
        breached: 1,
        notApplicable: 1,
        onTimeRate: 0.6667,
        breachRate: 0.3333,
      },
      // V1 late, V2 met, V3 breached, V4 not applicable: on time 1 of 3.
      draft: {
        ...none,
        created: 4,
        met: 1,
        metLate: 1,
        breached: 1,
        notApplicable: 1,
        onTimeRate: 0.3333,
        breachRate: 0.3333,
      },
      difference: { ...none, met: -1, metLate: 1, onTimeRate: -0.3333, breachRate: 0 },
    });
    expect(row(report.rows, 'vcs-opt-in-confirmation')).toEqual({
      owedBy: 'probation',
      ruleId: 'vcs-opt-in-confirmation',
      title: 'Written confirmation of joining the Victim Contact Scheme',
      inForce: { ...none, onTimeRate: null, breachRate: null },
      draft: { ...none, created: 1, breached: 1, onTimeRate: 0, breachRate: 1 },
      difference: { ...none, created: 1, breached: 1, onTimeRate: null, breachRate: null },
    });
    // Right 3, which the draft leaves alone: acknowledged in writing within 5 working days of the
    // report (V1 by Mon 9 Mar, V2 Tue 10, V3 Wed 11, V4 Thu 12), never given: 4 breached, both sides.
    expect(row(report.rows, 'report-acknowledgement')).toMatchObject({
      owedBy: 'police',
      inForce: { ...none, created: 4, breached: 4, onTimeRate: 0, breachRate: 1 },
      draft: { ...none, created: 4, breached: 4, onTimeRate: 0, breachRate: 1 },
      difference: { ...none, onTimeRate: 0, breachRate: 0 },
    });
    // Rules the draft leaves alone count the same: three with no clock on each of V1 to V4's reports.
    for (const ruleId of ['compensation-information', 'needs-assessment', 'vps-offer'])
      expect(row(report.rows, ruleId)).toMatchObject({
        inForce: { created: 4, other: 4 },
        draft: { created: 4, other: 4 },
        difference: { created: 0, other: 0 },
      });
    expect(report.rows.map((r) => r.ruleId).sort()).toEqual([
      'compensation-information',
      'needs-assessment',
      'report-acknowledgement',
      'support-referral',
      'vcs-opt-in-confirmation',
      'vps-offer',
    ]);
    // Nothing written: the store holds what was posted.
    expect(await countStoredEvents(store)).toBe(before);
  });

  it('counts every area when none is named: V5 in Greater Manchester joins V1', async () => {
    const report = await replayForecast(store, draft, MARCH, NOW);
    expect(row(report.rows, 'support-referral')).toMatchObject({
      inForce: { created: 5, met: 3, metLate: 0, breached: 1, notApplicable: 1, onTimeRate: 0.75 },
      draft: { created: 5, met: 1, metLate: 2, breached: 1, notApplicable: 1, onTimeRate: 0.25 },
      difference: { met: -2, metLate: 2, onTimeRate: -0.5 },
    });
  });

  it('counts the period by the London day of the trigger: February alone holds V6', async () => {
    const report = await replayForecast(
      store,
      draft,
      { from: '2026-02-01', to: '2026-02-28' },
      NOW,
    );
    // V6 reported Wed 25 Feb, referred Fri 27 Feb: 2020 due Fri 27 Feb, met; draft due Thu 26 Feb, late.
    expect(row(report.rows, 'support-referral')).toMatchObject({
      inForce: { created: 1, met: 1, metLate: 0 },
      draft: { created: 1, met: 0, metLate: 1 },
    });
  });
});

// A draft equal to the edition in force forecasts no difference at all.
it('forecasts no difference for the 2020 Code under another name', async () => {
  const store = new SqliteEventStore(':memory:');
  const clock = new FixedClock('2026-03-02T09:00:00Z');
  const ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock));
  await ingestion.registerVictim(agencyCaller(police), report(1, '2026-03-02T09:00:00Z'));
  const same = readDraftEdition({
    id: 'same',
    title: 'The 2020 Code again',
    effectiveFrom: '2027-01-01',
    basedOn: 'victims-code-2020',
    rules: [],
  }).edition as CodeEdition;
  const forecast = await replayForecast(store, same, MARCH, NOW);
  expect(forecast.rows.length).toBeGreaterThan(0);
  for (const r of forecast.rows) {
    expect(r.difference).toMatchObject(none);
    expect([0, null]).toContain(r.difference.onTimeRate);
    expect([0, null]).toContain(r.difference.breachRate);
  }
  await store.close();
});
