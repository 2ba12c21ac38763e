import type { PseudonymousBreach } from '@vj/access-policy';
import type { BreachListAnswer } from '../../compliance/breach-list';
import { londonDateOf } from '@vj/victims-code';
import { hrefOf, type TableCell, type TableView } from './dashboard-view';
import { agencyKindLabelOf, dateNameOf, policeAreaNameOf } from './labels';

/**
 * The dashboard's drill-down: the breaches behind a figure, as `GET /v1/breaches` answers a PCC
 * analyst, each under its pseudonymous reference. Only the pseudonymous view's fields are typed
 * here, so no victim id, crime reference or name can reach the page.
 */
export type BreachesAnswer = BreachListAnswer<PseudonymousBreach>;

/** The filters the list was asked for, kept in the pagination links. */
export interface BreachListFilters {
  policeArea?: string;
  right?: string;
  owedBy?: string;
  ruleId?: string;
  from?: string;
  to?: string;
}

export interface PaginationView {
  previous: { href: string } | null;
  next: { href: string } | null;
  items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[];
}

export interface BreachListView {
  pageTitle: string;
  heading: string;
  /** What the list is filtered by, in words: "Kent", "Right 6", "Police", "deadlines ...". */
  filterSummary: string[];
  /** "Showing 1 to 50 of 120 entitlements". */
  showing: string;
  counts: { breached: string; metLate: string };
  table: TableView;
  pagination: PaginationView | null;
  dashboardHref: string;
}

export interface BreachListOptions {
  filters: BreachListFilters;
  basePath?: string;
}

const TAGS: Record<PseudonymousBreach['status'], string> = {
  breached: '<strong class="govuk-tag govuk-tag--red">Breached</strong>',
  'met-late': '<strong class="govuk-tag govuk-tag--orange">Met late</strong>',
};

const numeric = (text: string): TableCell => ({ text, format: 'numeric' });

function rowOf(breach: PseudonymousBreach): TableCell[] {
  return [
    { text: breach.reference },
    { text: policeAreaNameOf(breach.policeArea) },
    { text: agencyKindLabelOf(breach.owedBy) },
    { text: `Right ${breach.right}` },
    { text: `${breach.ruleId}${breach.enhanced ? ' (enhanced)' : ''}` },
    { text: dateNameOf(breach.deadline) },
    { html: TAGS[breach.status] },
    numeric(String(breach.workingDaysLate)),
    { text: breach.fulfilledAt ? dateNameOf(londonDateOf(breach.fulfilledAt)) : 'Not yet' },
  ];
}

/** Pages 1, the last, and the current one with its neighbours; gaps shown as an ellipsis. */
function paginationOf(
  answer: BreachesAnswer,
  pageHref: (offset: number) => string,
): PaginationView | null {
  const pages = Math.ceil(answer.total / answer.limit);
  if (pages <= 1) return null;
  const current = Math.floor(answer.offset / answer.limit) + 1;
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: PaginationView['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({
      number: String(n),
      href: pageHref((n - 1) * answer.limit),
      current: n === current,
    });
  });
  return {
    previous: current > 1 ? { href: pageHref((current - 2) * answer.limit) } : null,
    next: current < pages ? { href: pageHref(current * answer.limit) } : null,
    items,
  };
}

export function breachListViewOf(
  answer: BreachesAnswer,
  options: BreachListOptions,
): BreachListView {
  const basePath = options.basePath ?? '/dashboard';
  const { filters } = options;
  const pageHref = (offset: number) =>
    hrefOf(`${basePath}/breaches`, {
      ...filters,
      offset: offset > 0 ? String(offset) : undefined,
      limit: String(answer.limit),
    });
  const summary = [
    filters.policeArea ? policeAreaNameOf(filters.policeArea) : undefined,
    filters.right ? `Right ${filters.right}` : undefined,
    filters.owedBy ? agencyKindLabelOf(filters.owedBy) : undefined,
    filters.ruleId ? `rule ${filters.ruleId}` : undefined,
    filters.from && filters.to
      ? `deadlines from ${dateNameOf(filters.from)} to ${dateNameOf(filters.to)}`
      : undefined,
  ].filter((s): s is string => s !== undefined);
  const first = answer.total === 0 ? 0 : answer.offset + 1;
  const last = answer.offset + answer.breaches.length;
  return {
    pageTitle: "Breaches: Victims' Code compliance",
    heading: 'Entitlements breached or met late',
    filterSummary: summary,
    showing:
      answer.total === 0
        ? 'No entitlements were breached or met late.'
        : `Showing ${first} to ${last} of ${answer.total.toLocaleString('en-GB')} entitlements`,
    counts: {
      breached: (answer.byStatus.breached ?? 0).toLocaleString('en-GB'),
      metLate: (answer.byStatus['met-late'] ?? 0).toLocaleString('en-GB'),
    },
    table: {
      caption: 'Entitlements breached or met late, by pseudonymous reference',
      head: [
        { text: 'Reference' },
        { text: 'Police area' },
        { text: 'Owed by' },
        { text: 'Right' },
        { text: 'Rule' },
        { text: 'Deadline' },
        { text: 'Status' },
        numeric('Working days late'),
        { text: 'Met on' },
      ],
      rows: answer.breaches.map(rowOf),
      suppressed: false,
    },
    pagination: paginationOf(answer, pageHref),
    dashboardHref: hrefOf(basePath, {
      policeArea: filters.policeArea,
      from: filters.from?.slice(0, 7),
      to: filters.to?.slice(0, 7),
    }),
  };
}
