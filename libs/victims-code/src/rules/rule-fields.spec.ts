import { buildEventCatalogue, latestVersionOf } from '@vj/event-schemas';
import { CODE_EDITIONS } from './editions';
import type { EntitlementRule } from './entitlement-rule';

// Every field a rule names must exist in the latest schema of the event it reads: a misspelt
// field would otherwise never match, and the entitlement would silently never be met or due.
const catalogue = buildEventCatalogue();

function dataFieldsOf(type: string): string[] {
  const version = latestVersionOf(type);
  const entry = catalogue.events.find((e) => e.type === type && e.schemaVersion === version);
  if (!entry) throw new Error(`no published schema for '${type}'`);
  return Object.keys((entry.data as { properties?: object }).properties ?? {});
}

const rules: [string, EntitlementRule][] = CODE_EDITIONS.flatMap((edition) =>
  edition.rules.map((rule): [string, EntitlementRule] => [`${edition.id} ${rule.id}`, rule]),
);

describe("the fields each Victims' Code rule names exist in the event schemas", () => {
  it.each(rules)('%s', (_, rule) => {
    const fulfilmentFields = dataFieldsOf(rule.fulfilledBy.type);
    // Later events read against the trigger: the fulfilment, what else shows it, the receipts.
    const matches = [
      rule.fulfilledBy,
      ...(rule.fulfilledBy.shownBy ?? []),
      ...(rule.clockFrom ?? []),
    ];
    for (const m of matches) {
      if (m.where) expect(dataFieldsOf(m.type)).toContain(m.where.field);
    }
    for (const trigger of rule.triggers) {
      const triggerFields = dataFieldsOf(trigger.type);
      for (const m of matches) {
        if (!m.matchOn) continue;
        expect(triggerFields).toContain(m.matchOn);
        expect(dataFieldsOf(m.type)).toContain(m.matchOn);
      }
      if (rule.deadline.kind === 'calendar-days-before')
        expect(triggerFields).toContain(rule.deadline.dateField);
      if (rule.deadline.kind === 'calendar-days-interval')
        expect(triggerFields).toContain(rule.deadline.daysField);
      if (typeof rule.owedBy === 'object')
        expect(triggerFields).toContain(rule.owedBy.triggerField);
    }
    if (rule.fulfilledBy.type === 'victim-informed')
      expect(fulfilmentFields).toEqual(expect.arrayContaining(['entitlement', 'triggerEventId']));
    if (rule.fulfilledBy.declinedWhen)
      expect(fulfilmentFields).toContain(rule.fulfilledBy.declinedWhen.field);
  });
});
