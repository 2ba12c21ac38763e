import { journeyViewOf } from '@vj/projections';
import {
  CODE_EDITIONS,
  ENHANCED_OFFENCE_CATEGORIES,
  ruleById,
  rulesTableMarkdown,
} from '@vj/victims-code';
import { entitlementsAt, expectEntitlements, journey, noClockOnReport } from './support';

/**
 * Sources. A stalking victim whom the police did not assess as persistently targeted still gets
 * enhanced rights: that stalking is persistent targeting is the product's inference, and the
 * rule table says so. Their complaint is answered on the tenth working day: the 10 working days
 * come from the 2013 Code (the 2020 Code sets no time), and the rule table says that too.
 */
describe('Scenario 32: sources, the stalking inference and the 2013 complaint timescale', () => {
  const NOW = '2027-03-05T12:00:00Z'; // Fri 5 Mar 2027
  const built = journey()
    .reported('2027-02-08T09:00:00Z', { offenceCategory: 'stalking' }) // Mon 8 Feb 2027, GMT
    .told('report-acknowledgement', '2027-02-09T15:00:00Z', { method: 'email' }) // Tue 9 Feb
    .event('referred-to-support', '2027-02-08T11:00:00Z', { service: 'victim-support' })
    .event('complaint-received', '2027-02-15T10:00:00Z', { complaintId: 'C-32', about: 'police' })
    .event('complaint-answered', '2027-03-01T16:00:00Z', { complaintId: 'C-32' }); // Mon 1 Mar

  it('judges the stalking victim as enhanced and the complaint on the 2013 timescale', () => {
    expectEntitlements(entitlementsAt(built.build(), NOW), [
      // Mon 8 Feb (day 0) + 1 wd (enhanced) = Tue 9 Feb. Acknowledged Tue 9 Feb.
      {
        rule: 'report-acknowledgement',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2027-02-09',
      },
      // Mon 8 Feb + 2 wd: Tue 9, Wed 10 = Wed 10 Feb. Referred the same day.
      {
        rule: 'support-referral',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2027-02-10',
      },
      ...noClockOnReport({}, true),
      // Received Mon 15 Feb (day 0) + 10 wd: Tue 16 (1), Wed 17 (2), Thu 18 (3), Fri 19 (4),
      // Mon 22 (5), Tue 23 (6), Wed 24 (7), Thu 25 (8), Fri 26 (9), Mon 1 Mar (10) = Mon 1 Mar.
      // Answered Mon 1 Mar at 16:00 GMT: met, on the last day.
      {
        rule: 'complaint-response',
        status: 'met',
        owedBy: 'police',
        enhanced: true,
        due: '2027-03-01',
      },
    ]);
    expect(journeyViewOf(built.state(), new Date(NOW)).enhancedRights).toEqual({
      enhanced: true,
      reasons: ['persistently-targeted'],
    });
  });

  it('marks the stalking and harassment inference as the product’s, and the complaint time as the 2013 Code’s', () => {
    for (const category of ['stalking', 'harassment'] as const) {
      expect(ENHANCED_OFFENCE_CATEGORIES[category]).toMatchObject({
        reason: 'persistently-targeted',
        sourceKind: 'product-default',
      });
    }
    expect(ruleById('victims-code-2020', 'complaint-response')).toMatchObject({
      sourceKind: 'code-2013',
      source: expect.stringContaining('(2013)') as unknown,
      unsettled: expect.stringContaining('2013 Code') as unknown,
    });
    const table = rulesTableMarkdown(CODE_EDITIONS);
    expect(table).toMatch(/\| `complaint-response` \|.*\| Code 2013 \(earlier edition\) \|/);
    expect(table).toMatch(
      /\| `persistently-targeted` \| The offence category: `stalking`, `harassment` \| product default \|/,
    );
  });

  it('gives every rule a source kind and a source, and says why wherever the Code does not settle it', () => {
    for (const rule of CODE_EDITIONS.flatMap((e) => e.rules)) {
      expect([rule.id, rule.source.length > 0]).toEqual([rule.id, true]);
      if (['product-default', 'code-2013', 'code-2015'].includes(rule.sourceKind))
        expect([rule.id, rule.unsettled?.length ?? 0]).not.toEqual([rule.id, 0]);
    }
    expect(ruleById('victims-code-2020', 'report-acknowledgement')).toMatchObject({
      right: 3,
      sourceKind: 'code-2020',
      source: expect.stringContaining('para 3.6') as unknown,
    });
    expect(ruleById('victims-code-2020', 'parole-vps')?.sourceKind).toBe('guidance');
  });
});
