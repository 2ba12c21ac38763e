import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_EDITIONS } from './editions';
import { draftEditionSchema, draftFileOf, readDraftEdition } from './draft-edition';

const ROOT = join(__dirname, '../../../..');
const CODE_2020 = CODE_EDITIONS[0]!;
const referral = draftFileOf(CODE_2020).rules.find((r) => r.id === 'support-referral')!;
const draft = (changes: Record<string, unknown> = {}) => ({
  id: 'draft-2027',
  title: 'A draft',
  effectiveFrom: '2027-04-01',
  basedOn: 'victims-code-2020',
  rules: [],
  ...changes,
});
const withRule = (changes: Record<string, unknown>) =>
  draft({ rules: [{ ...referral, ...changes }] });

describe('a draft Code edition read from a file', () => {
  it('round-trips the 2020 Code: exported to the format, through JSON, and read back the same', () => {
    const file = JSON.parse(JSON.stringify(draftFileOf(CODE_2020))) as unknown;
    expect(readDraftEdition(file)).toEqual({ edition: CODE_2020 });
  });

  it('replaces a rule with the same id, adds a new one, and withdraws one, keeping the order', () => {
    const shorter = { ...referral, deadline: { kind: 'working-days', standard: 1, enhanced: 1 } };
    const added = { ...referral, id: 'new-entitlement', title: 'Something new' };
    const { edition } = readDraftEdition(
      draft({ rules: [added, shorter], withdrawnRules: ['vps-offer'] }),
    );
    const ids = CODE_2020.rules.map((r) => r.id).filter((id) => id !== 'vps-offer');
    expect(edition?.rules.map((r) => r.id)).toEqual([...ids, 'new-entitlement']);
    expect(edition?.rules.find((r) => r.id === 'support-referral')?.deadline).toEqual({
      kind: 'working-days',
      standard: 1,
      enhanced: 1,
    });
    expect(edition).toMatchObject({ id: 'draft-2027', effectiveFrom: '2027-04-01' });
  });

  it('reads the documented example draft', () => {
    const example = JSON.parse(
      readFileSync(join(ROOT, 'docs/forecast-draft-example.json'), 'utf8'),
    ) as unknown;
    expect(readDraftEdition(example).problems).toBeUndefined();
  });

  it.each([
    ['not an object', [], '(the file)', 'must be an object'],
    ['a missing field', { ...draft(), title: undefined }, 'title', 'is required'],
    ['an unknown field', draft({ rule: [] }), 'rule', 'is not a field here'],
    [
      'an impossible date',
      draft({ effectiveFrom: '2027-02-30' }),
      'effectiveFrom',
      'calendar date',
    ],
    ['an unknown base', draft({ basedOn: 'code-1999' }), 'basedOn', 'victims-code-2020'],
    ['an id with spaces', draft({ id: 'my draft' }), 'id', 'lower-case words'],
    ['a rule with no id', withRule({ id: undefined }), 'rules[0].id', 'is required'],
    ['a Right of 13', withRule({ right: 13 }), 'rules[0].right', '1 to 12'],
    [
      'an unknown event',
      withRule({ triggers: [{ type: 'crime-reportd' }] }),
      'rules[0].triggers[0].type',
      'crime-reported',
    ],
    [
      'an unknown condition',
      withRule({ triggers: [{ type: 'sentenced', when: 'long' }] }),
      'rules[0].triggers[0].when',
      'vcs-eligible',
    ],
    ['no triggers', withRule({ triggers: [] }), 'rules[0].triggers', '1 to 20'],
    ['an unknown agency', withRule({ owedBy: 'council' }), 'rules[0].owedBy', 'witness-care-unit'],
    [
      'an owing field the trigger lacks',
      withRule({ owedBy: { triggerField: 'about' } }),
      'rules[0].owedBy.triggerField',
      'crime-reported',
    ],
    [
      'a match field the events lack',
      withRule({ fulfilledBy: { type: 'referred-to-support', matchOn: 'hearingId' } }),
      'rules[0].fulfilledBy.matchOn',
      'is not a data field',
    ],
    [
      'half a day',
      withRule({ deadline: { kind: 'working-days', standard: 1.5, enhanced: 1 } }),
      'rules[0].deadline.standard',
      'whole number',
    ],
    [
      'a longer enhanced deadline',
      withRule({ deadline: { kind: 'working-days', standard: 1, enhanced: 2 } }),
      'rules[0].deadline.enhanced',
      'no more',
    ],
    [
      'an unknown deadline',
      withRule({ deadline: { kind: 'weeks', weeks: 2 } }),
      'rules[0].deadline.kind',
      'working-days',
    ],
    [
      'a deadline with a stray field',
      withRule({ deadline: { kind: 'none', days: 2 } }),
      'rules[0].deadline.days',
      'is not a field here',
    ],
    [
      'a date field the trigger lacks',
      withRule({ deadline: { kind: 'calendar-days-before', days: 28, dateField: 'hearingDate' } }),
      'rules[0].deadline.dateField',
      'crime-reported',
    ],
    [
      'an unknown exclusion',
      withRule({ notApplicableWhen: ['moved-away'] }),
      'rules[0].notApplicableWhen[0]',
      'withdrew',
    ],
    ['an empty source', withRule({ source: ' ' }), 'rules[0].source', 'must be text'],
    ['a repeated rule', draft({ rules: [referral, referral] }), 'rules[1].id', 'repeats'],
    [
      'a rule withdrawn that is not there',
      draft({ withdrawnRules: ['no-such-rule'] }),
      'withdrawnRules[0]',
      'rule id of victims-code-2020',
    ],
    [
      'a withdrawal with no base',
      { ...draft({ withdrawnRules: ['vps-offer'] }), basedOn: undefined },
      'withdrawnRules',
      'only with basedOn',
    ],
    [
      'a receipt with no such field',
      withRule({
        clockFrom: [{ type: 'referred-to-support', where: { field: 'result', equals: 'verdict' } }],
      }),
      'rules[0].clockFrom[0].where.field',
      'is not a data field of referred-to-support',
    ],
    [
      'no event to show it done',
      withRule({ fulfilledBy: { type: 'referred-to-support', shownBy: [] } }),
      'rules[0].fulfilledBy.shownBy',
      '1 to 20 events',
    ],
    [
      'an unknown source kind',
      withRule({ sourceKind: 'rumour' }),
      'rules[0].sourceKind',
      'product-default',
    ],
    [
      'a product default with no reason',
      withRule({ sourceKind: 'product-default' }),
      'rules[0].unsettled',
      'is required when sourceKind is product-default',
    ],
  ])('refuses %s, naming the field', (_, input, field, reason) => {
    const clean = JSON.parse(JSON.stringify(input)) as unknown; // drops the undefined fields
    const { problems, edition } = readDraftEdition(clean);
    expect(edition).toBeUndefined();
    expect(problems).toContainEqual({ field, reason: expect.stringContaining(reason) as string });
  });

  it('publishes its JSON Schema as generated from the code (npm run forecast:schema)', () => {
    const published = JSON.parse(
      readFileSync(join(ROOT, 'docs/forecast-edition.schema.json'), 'utf8'),
    ) as unknown;
    expect(published).toEqual(draftEditionSchema());
  });
});
