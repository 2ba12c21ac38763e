import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyDirectory, POLICE_AREAS, servesArea } from '@vj/agencies';
import { canPost, validateIncomingEvent } from '@vj/event-schemas';
import { loadAgencyDirectory } from './agency-directory';
import { feedOf, journeysOf, offenceGroupOf, type WorkloadJourney } from './journeys';

const from = new Date('2025-01-01T00:00:00Z');
const to = new Date('2026-01-01T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

const development = JSON.parse(
  readFileSync(join(__dirname, '../../../../config/agencies.dev.json'), 'utf8'),
) as { agencies: { id: string }[] };
const directory = AgencyDirectory.fromConfig(loadAgencyDirectory(development));

const take = (n: number, options = { victims: n, seed: 7, from, to }) => [...journeysOf(options)];
const journeys = take(4000);
const posts = journeys.flatMap((j) => j.posts);
const share = (test: (j: WorkloadJourney) => boolean) =>
  journeys.filter(test).length / journeys.length;
const reaches = (type: string) => (j: WorkloadJourney) => j.posts.some((p) => p.body.type === type);

describe('the workload generator', () => {
  it('gives byte-identical journeys for the same seed and number, and others for another seed', () => {
    const again = JSON.stringify(take(500));
    expect(JSON.stringify(take(500))).toBe(again);
    expect(JSON.stringify(take(500, { victims: 500, seed: 8, from, to }))).not.toBe(again);
  });

  it('posts only events valid against their published schema, as an agency that owns the type and serves the area', () => {
    const invalid = posts.flatMap((post) => {
      const outcome = validateIncomingEvent(post.body, to);
      return outcome.valid ? [] : [{ eventId: post.body.eventId, errors: outcome.errors }];
    });
    expect(invalid).toEqual([]);
    const misposted = journeys.flatMap((j) =>
      j.posts.flatMap(({ agencyId, body }) => {
        const agency = directory.byId(agencyId);
        const fine =
          agency !== undefined &&
          agency.kind !== 'pcc' &&
          agency.kind !== 'operator' &&
          canPost(agency.kind, body.type) &&
          servesArea(agency, j.area);
        return fine ? [] : [`${agencyId} ${body.type} in ${j.area}`];
      }),
    );
    expect(misposted).toEqual([]);
  });

  it('opens each journey with its crime report and keeps its events in time order, inside the window', () => {
    const outOfOrder = journeys.flatMap((journey) => {
      let previous = from.getTime();
      const wrong =
        journey.posts[0]?.body.type === 'crime-reported' ? [] : [`${journey.index} opens`];
      for (const { body } of journey.posts) {
        const at = Date.parse(body.occurredAt);
        if (at < previous || at >= to.getTime()) wrong.push(`${journey.index} ${body.eventId}`);
        previous = at;
      }
      return wrong;
    });
    expect(outOfOrder).toEqual([]);
    const reported = journeys.map((j) => Date.parse(j.posts[0]?.body.occurredAt ?? ''));
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    // Spread over the year, not bunched: each quarter has about a quarter of the reports.
    for (let q = 0; q < 4; q++) {
      const start = from.getTime() + q * 91 * DAY;
      const inQuarter = reported.filter((t) => t >= start && t < start + 91 * DAY).length;
      expect(inQuarter / reported.length).toBeGreaterThan(0.2);
      expect(inQuarter / reported.length).toBeLessThan(0.3);
    }
  });

  it('gives every victim their own crime reference and unique event ids', () => {
    const references = journeys.map((j) => `${j.area} ${j.posts[0]?.body.crimeReference}`);
    expect(new Set(references).size).toBe(journeys.length);
    const ids = posts.map((p) => p.body.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('spreads victims over the 43 areas by the size of the force', () => {
    const byArea = new Map<string, number>();
    for (const j of journeys) byArea.set(j.area, (byArea.get(j.area) ?? 0) + 1);
    expect([...byArea.keys()].sort()).toEqual([...POLICE_AREAS].sort());
    const met = byArea.get('metropolitan') ?? 0;
    expect(met / journeys.length).toBeGreaterThan(0.12);
    expect(met / journeys.length).toBeLessThan(0.22);
    expect(met).toBe(Math.max(...byArea.values()));
    expect(byArea.get('city-of-london') ?? 0).toBeLessThan(met / 50);
  });

  it('ends most journeys at the police stage; some reach charge and sentence; a few custody and the VCS', () => {
    expect(share(reaches('suspect-charged'))).toBeGreaterThan(0.04);
    expect(share(reaches('suspect-charged'))).toBeLessThan(0.11);
    expect(share(reaches('decided-not-to-investigate'))).toBeGreaterThan(0.2);
    expect(share(reaches('suspect-released-no-further-action'))).toBeGreaterThan(0.08);
    expect(share(reaches('sentenced'))).toBeGreaterThan(0.02);
    expect(share(reaches('sentenced'))).toBeLessThan(share(reaches('suspect-charged')));
    expect(share(reaches('vcs-referral-made'))).toBeGreaterThan(0.002);
    expect(share(reaches('vcs-referral-made'))).toBeLessThan(0.03);
    // Serious crime is charged more often than volume crime.
    const charged = (group: string) =>
      journeys.filter((j) => offenceGroupOf(j) === group && reaches('suspect-charged')(j)).length /
      journeys.filter((j) => offenceGroupOf(j) === group).length;
    expect(charged('serious')).toBeGreaterThan(2 * charged('volume'));
  });

  it('takes a few opted-in victims on past custody to parole, release on licence, recall and the sentence end', () => {
    const longer = [...journeysOf({ victims: 20_000, seed: 7, from: new Date('2023-01-01'), to })];
    const count = (type: string) => longer.filter(reaches(type)).length;
    for (const type of [
      'vcs-opted-in',
      'parole-hearing-listed',
      'offender-release-date-set',
      'offender-released-on-licence',
      'offender-recalled',
      'sentence-ended',
    ]) {
      expect({ type, some: count(type) > 0 }).toEqual({ type, some: true });
    }
    expect(count('offender-released-on-licence')).toBeLessThan(count('vcs-opted-in'));
  });

  it('gives a share of victims enhanced rights, for each reason', () => {
    const reports = journeys.map((j) => j.posts[0]?.body);
    const flagged = (flag: string) =>
      reports.filter(
        (b) =>
          b?.type === 'crime-reported' &&
          (b.data.enhancedRights as unknown as Record<string, boolean>)[flag],
      ).length / reports.length;
    for (const flag of [
      'vulnerable',
      'intimidated',
      'persistentlyTargeted',
      'mostSeriousCrime',
      'bereaved',
    ]) {
      expect({ flag, some: flagged(flag) > 0 }).toEqual({ flag, some: true });
    }
    expect(flagged('mostSeriousCrime')).toBeGreaterThan(0.1);
    const children = reports.filter(
      (b) =>
        b?.type === 'crime-reported' &&
        (b.data.victimAgeBand === 'under-18' ||
          (b.data.victimDateOfBirth !== undefined &&
            Date.parse(b.occurredAt) - Date.parse(b.data.victimDateOfBirth) < 18 * 365.25 * DAY)),
    ).length;
    expect(children / reports.length).toBeGreaterThan(0.02);
    expect(children / reports.length).toBeLessThan(0.12);
  });

  it('leaves some duties late and some never done, so there are breaches to find', () => {
    // Right 3: the report acknowledged within 5 working days (1 when enhanced): 7 calendar days covers both.
    const acknowledgement = journeys.map((j) => {
      const reported = Date.parse(j.posts[0]?.body.occurredAt ?? '');
      const ack = j.posts.find(
        (p) =>
          p.body.type === 'victim-informed' && p.body.data.entitlement === 'report-acknowledgement',
      );
      if (!ack) return 'never';
      return Date.parse(ack.body.occurredAt) - reported > 7 * DAY ? 'late' : 'on time';
    });
    const of = (outcome: string) =>
      acknowledgement.filter((a) => a === outcome).length / journeys.length;
    expect(of('on time')).toBeGreaterThan(0.6);
    expect(of('late')).toBeGreaterThan(0.03);
    expect(of('never')).toBeGreaterThan(0.03);
    expect(of('never')).toBeLessThan(0.3);
  });

  it('is lazy: the first journeys of a billion come without making the rest', () => {
    const iterator = journeysOf({ victims: 1_000_000_000, seed: 7, from, to });
    const first = [iterator.next(), iterator.next(), iterator.next()];
    expect(first.map((r) => (r.done ? 'done' : r.value.index))).toEqual([0, 1, 2]);
  });

  it('merges the journeys into one national feed in time order, each journey in its own order', () => {
    const options = { victims: 1500, seed: 7, from, to };
    const feed = [...feedOf(options)];
    const byJourney = take(1500);
    expect(feed).toHaveLength(byJourney.reduce((n, j) => n + j.posts.length, 0));
    const times = feed.map((p) => Date.parse(p.body.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const journey of byJourney) {
      const own = feed
        .filter((p) => p.journey === journey.index)
        .map(({ agencyId, body }) => ({ agencyId, body }));
      expect(own).toEqual(journey.posts);
    }
  });

  it('refuses a number of victims, a seed or a window it cannot use', () => {
    const next = (options: { victims: number; seed: number; from: Date; to: Date }) => () =>
      journeysOf(options).next();
    expect(next({ victims: -1, seed: 1, from, to })).toThrow('victims must be a whole number');
    expect(next({ victims: 1.5, seed: 1, from, to })).toThrow('victims must be a whole number');
    expect(next({ victims: 1, seed: 0.5, from, to })).toThrow('seed must be a whole number');
    expect(next({ victims: 1, seed: 1, from: to, to: from })).toThrow(
      'to must be at least two hours after from',
    );
  });
});

describe('the load agency directory', () => {
  it('holds the development agencies and a police force, CPS, Witness Care Unit, court and probation for every area', () => {
    for (const agency of development.agencies) expect(directory.byId(agency.id)).toBeDefined();
    for (const area of POLICE_AREAS) {
      const serving = directory.agencies.filter((a) => a.areas !== '*' && a.areas.includes(area));
      expect({ area, kinds: [...new Set(serving.map((a) => a.kind))].sort() }).toEqual({
        area,
        kinds: expect.arrayContaining(['court', 'cps', 'police', 'probation', 'witness-care-unit']),
      });
    }
    // Each agency's key is 'dev-' + its id, as in the development directory.
    expect(directory.authenticate('dev-police-kent')?.id).toBe('police-kent');
    expect(directory.authenticate('dev-police-west-yorkshire')?.id).toBe('police-west-yorkshire');
  });
});
