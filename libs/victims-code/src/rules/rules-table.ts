import {
  ENHANCED_OFFENCE_CATEGORIES,
  ENHANCED_RIGHTS_BASES,
  type EnhancedByOffence,
} from '../enhanced-rights';
import type {
  CodeEdition,
  DeadlineRule,
  EntitlementRule,
  EventMatch,
  OwedBy,
  SourceKind,
} from './entitlement-rule';

/** How the table names each kind of source. */
const SOURCE_KIND_TEXT: Record<SourceKind, string> = {
  'code-2020': 'Code 2020',
  'code-2015': 'Code 2015 (earlier edition)',
  'code-2013': 'Code 2013 (earlier edition)',
  statute: 'statute',
  guidance: 'guidance',
  'product-default': 'product default',
};

function deadlineText(d: DeadlineRule): string {
  switch (d.kind) {
    case 'working-days':
      return d.standard === d.enhanced
        ? `${d.standard} wd`
        : `${d.standard} wd (enhanced: ${d.enhanced} wd)`;
    case 'calendar-days-before':
      return d.shortNotice === undefined
        ? `${d.days} calendar days before \`${d.dateField}\``
        : `${d.days} calendar days before \`${d.dateField}\` (listed later: ${d.shortNotice} calendar day(s) before)`;
    case 'calendar-days-interval':
      return `every \`${d.daysField}\` calendar days`;
    case 'none':
      return 'no clock';
    default: {
      const unknown: never = d;
      return String(unknown);
    }
  }
}

function owedByText(o: OwedBy): string {
  if (o === 'trigger-poster') return 'the agency that received the request';
  if (typeof o === 'object') return `the agency named in \`${o.triggerField}\``;
  return o;
}

function matchText(m: EventMatch): string {
  const what = [
    m.where ? `\`${m.where.field}\` ${m.where.equals}` : '',
    m.matchOn ? `same \`${m.matchOn}\`` : '',
  ].filter(Boolean);
  return `\`${m.type}\`${what.length > 0 ? ` (${what.join(', ')})` : ''}`;
}

function row(r: EntitlementRule): string {
  const triggers = r.triggers.map((t) => `\`${t.type}\`${t.when ? ` (${t.when})` : ''}`).join(', ');
  const fulfilled =
    r.fulfilledBy.type === 'victim-informed'
      ? `\`victim-informed\` naming \`${r.id}\``
      : [r.fulfilledBy, ...(r.fulfilledBy.shownBy ?? [])].map(matchText).join(' or ');
  const clockFrom = r.clockFrom
    ? ` from ${[...r.clockFrom.map(matchText), 'the trigger'].join(', else ')}`
    : '';
  const notApplicable = r.notApplicableWhen.length > 0 ? r.notApplicableWhen.join(', ') : '—';
  const cells = [
    `\`${r.id}\``,
    String(r.right),
    r.title,
    owedByText(r.owedBy),
    triggers,
    fulfilled,
    deadlineText(r.deadline) + clockFrom,
    notApplicable,
    SOURCE_KIND_TEXT[r.sourceKind],
    r.unsettled ? `${r.source}. *Unsettled:* ${r.unsettled}` : r.source,
  ];
  return tableRow(cells);
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** Who has enhanced rights and how each reason is judged: the police, the offence, the age. */
function enhancedRightsTableMarkdown(): string {
  const byOffence = new Map<EnhancedByOffence, string[]>();
  for (const [category, basis] of Object.entries(ENHANCED_OFFENCE_CATEGORIES)) {
    byOffence.set(basis, [...(byOffence.get(basis) ?? []), `\`${category}\``]);
  }
  return [
    '### Enhanced rights: who has them and how it is judged',
    '',
    '| reason | how it is judged | source kind | source |',
    '|---|---|---|---|',
    ...ENHANCED_RIGHTS_BASES.map((b) =>
      tableRow([`\`${b.reason}\``, b.judged, SOURCE_KIND_TEXT[b.sourceKind], b.source]),
    ),
    ...[...byOffence].map(([b, categories]) =>
      tableRow([
        `\`${b.reason}\``,
        `The offence category: ${categories.join(', ')}`,
        SOURCE_KIND_TEXT[b.sourceKind],
        b.source,
      ]),
    ),
  ].join('\n');
}

/**
 * The rule table as Markdown, one table per edition, then who has enhanced rights: what the
 * README and docs show.
 */
export function rulesTableMarkdown(editions: readonly CodeEdition[]): string {
  return editions
    .map((e) =>
      [
        `### ${e.title} — \`${e.id}\`, for triggers from ${e.effectiveFrom}`,
        '',
        '| rule | Right | entitlement | owed by | trigger | fulfilled by | deadline | not applicable when | source kind | source |',
        '|---|---|---|---|---|---|---|---|---|---|',
        ...e.rules.map(row),
      ].join('\n'),
    )
    .concat(enhancedRightsTableMarkdown())
    .join('\n\n');
}
