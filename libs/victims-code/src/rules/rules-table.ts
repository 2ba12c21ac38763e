import type {
  CodeEdition,
  DeadlineRule,
  EntitlementRule,
  EventMatch,
  OwedBy,
} from './entitlement-rule';

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
    r.unsettled ? `*Unsettled:* ${r.unsettled}` : r.source,
  ];
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** The rule table as Markdown, one table per edition: what the README and docs show. */
export function rulesTableMarkdown(editions: readonly CodeEdition[]): string {
  return editions
    .map((e) =>
      [
        `### ${e.title} — \`${e.id}\`, for triggers from ${e.effectiveFrom}`,
        '',
        '| rule | Right | entitlement | owed by | trigger | fulfilled by | deadline | not applicable when | source |',
        '|---|---|---|---|---|---|---|---|---|',
        ...e.rules.map(row),
      ].join('\n'),
    )
    .join('\n\n');
}
