import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgencyDirectory } from '@vj/agencies';
import { canPost, validateIncomingEvent } from '@vj/event-schemas';
import {
  ageOn,
  CODE_2020_RULES,
  enhancedReasons,
  type EnhancedRightsAssessment,
} from '@vj/victims-code';
import { type DemoPost, demoJourneys } from './demo-journeys';

const agencies = AgencyDirectory.fromConfig(
  JSON.parse(readFileSync(join(__dirname, '../../../config/agencies.dev.json'), 'utf8')),
);
const now = new Date('2026-03-14T12:00:00Z');
const posts = demoJourneys({ count: 300, seed: 2026, now });

function kindOf(post: DemoPost) {
  const agency = agencies.byId(post.agencyId);
  if (!agency) throw new Error(`no agency ${post.agencyId}`);
  return agency.kind;
}

describe('demoJourneys', () => {
  it('gives the same posts for the same seed, and any time on the same day', () => {
    expect(demoJourneys({ count: 300, seed: 2026, now })).toEqual(posts);
    expect(demoJourneys({ count: 300, seed: 2026, now: new Date('2026-03-14T23:59:00Z') })).toEqual(
      posts,
    );
    expect(demoJourneys({ count: 300, seed: 2027, now })).not.toEqual(posts);
  });

  it('opens the number of journeys asked for, each before any other event of it', () => {
    expect(posts.filter((p) => p.victim === 'new')).toHaveLength(300);
    expect(
      demoJourneys({ count: 30, seed: 1, now }).filter((p) => p.victim === 'new'),
    ).toHaveLength(30);
    expect(demoJourneys({ count: 0, seed: 1, now })).toEqual([]);

    let opened = 0;
    for (const post of posts) {
      if (post.victim === 'new') {
        expect(post.body.type).toBe('crime-reported');
        opened += 1;
      } else {
        expect(post.victim).toBeLessThan(opened);
      }
    }
  });

  it('posts only events valid against their schema, by an agency kind that owns the type', () => {
    const invalid = posts.flatMap((post) => {
      const outcome = validateIncomingEvent(post.body, now);
      return outcome.valid ? [] : [{ body: post.body, errors: outcome.errors }];
    });
    expect(invalid).toEqual([]);
    const notOwned = posts.filter((post) => !canPost(kindOf(post), post.body.type));
    expect(notOwned).toEqual([]);
  });

  it('has every event happen before now, in posting order', () => {
    let previous = -Infinity;
    for (const { body } of posts) {
      const at = Date.parse(body.occurredAt);
      expect(at).toBeLessThan(now.getTime());
      expect(at).toBeGreaterThanOrEqual(previous);
      previous = at;
    }
    const reports = posts.filter((p) => p.body.type === 'crime-reported');
    const first = Date.parse(reports[0]?.body.occurredAt ?? '');
    expect(now.getTime() - first).toBeLessThanOrEqual(121 * 24 * 60 * 60 * 1000);
  });

  it('gives unique event ids and one crime reference per journey', () => {
    const ids = posts.map((p) => `${p.agencyId} ${p.body.eventId}`);
    expect(new Set(ids).size).toBe(ids.length);
    const references = posts.filter((p) => p.victim === 'new').map((p) => p.body.crimeReference);
    expect(new Set(references).size).toBe(300);
    for (const reference of references) expect(reference).toMatch(/^(13|06)\/\d{6}\/\d{2}$/);
  });

  it('tells victims under rules the owing agency kind owns, naming their triggers', () => {
    const rules = new Map(CODE_2020_RULES.map((r) => [r.id, r]));
    const ids = new Set(posts.map((p) => p.body.eventId));
    for (const post of posts) {
      if (post.body.type !== 'victim-informed') continue;
      const rule = rules.get(post.body.data.entitlement);
      expect(rule?.owedBy).toBe(kindOf(post));
      const trigger = post.body.data.triggerEventId;
      if (trigger !== undefined) expect(ids.has(trigger)).toBe(true);
    }
  });

  it('covers the stages of a journey, with about a third of victims given enhanced rights', () => {
    const types = new Set(posts.map((p) => p.body.type));
    for (const type of [
      'referred-to-support',
      'support-referral-declined',
      'decided-not-to-investigate',
      'suspect-arrested',
      'suspect-released-no-further-action',
      'suspect-released-on-bail',
      'suspect-charged',
      'cps-decided-not-to-charge',
      'cps-discontinued',
      'hearing-details-received',
      'result-sent-to-witness-care',
      'court-result-received',
      'witness-requirement-received',
      'plea-entered',
      'verdict-given',
      'sentenced',
      'vcs-referral-made',
      'vlo-contact-made',
      'vcs-opted-in',
      'parole-hearing-listed',
      'complaint-received',
      'review-requested',
      'victim-informed',
      'victim-feedback-given',
    ]) {
      expect(types).toContain(type);
    }
    const informed = posts.filter((p) => p.body.type === 'victim-informed').length;
    expect(informed).toBeGreaterThan(300);

    const enhanced = posts.filter((p) => {
      if (p.body.type !== 'crime-reported') return false;
      const data = p.body.data as {
        offenceCategory: Parameters<typeof enhancedReasons>[0]['offenceCategory'];
        enhancedRights: EnhancedRightsAssessment;
        victimDateOfBirth?: string;
        victimAgeBand?: string;
      };
      return (
        enhancedReasons({
          assessment: data.enhancedRights,
          offenceCategory: data.offenceCategory,
          ...(data.victimDateOfBirth
            ? { ageAtOffence: ageOn(data.victimDateOfBirth, p.body.occurredAt.slice(0, 10)) }
            : { ageBand: data.victimAgeBand }),
        }).length > 0
      );
    }).length;
    expect(enhanced / 300).toBeGreaterThan(0.25);
    expect(enhanced / 300).toBeLessThan(0.45);
  });

  it('refuses a count or seed that is not a whole number', () => {
    expect(() => demoJourneys({ count: -1, seed: 1, now })).toThrow(RangeError);
    expect(() => demoJourneys({ count: 1, seed: 0.5, now })).toThrow(RangeError);
  });
});
