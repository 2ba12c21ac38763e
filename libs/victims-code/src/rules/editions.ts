import { CODE_2020_RULES } from './code-2020';
import type { CodeEdition, EntitlementRule } from './entitlement-rule';

/**
 * Every Code edition the product knows, oldest first. A trigger is judged by the edition in force
 * on its London date: a future Code is a new table here, not new code.
 */
export const CODE_EDITIONS: readonly CodeEdition[] = [
  {
    id: 'victims-code-2020',
    title: 'Code of Practice for Victims of Crime in England and Wales (2020)',
    effectiveFrom: '2021-04-01',
    rules: CODE_2020_RULES,
  },
];

/**
 * The edition in force on a London date, or undefined before the first one modelled. `editions`
 * (oldest first) is another list only for the Code-impact forecast, which judges under a draft.
 */
export function editionInForceOn(
  localDate: string,
  editions: readonly CodeEdition[] = CODE_EDITIONS,
): CodeEdition | undefined {
  let found: CodeEdition | undefined;
  for (const edition of editions) if (edition.effectiveFrom <= localDate) found = edition;
  return found;
}

export function ruleById(editionId: string, ruleId: string): EntitlementRule | undefined {
  return CODE_EDITIONS.find((e) => e.id === editionId)?.rules.find((r) => r.id === ruleId);
}

/** Every rule id any edition defines: what `victim-informed` may name. */
export const ENTITLEMENT_IDS: ReadonlySet<string> = new Set(
  CODE_EDITIONS.flatMap((e) => e.rules.map((r) => r.id)),
);
