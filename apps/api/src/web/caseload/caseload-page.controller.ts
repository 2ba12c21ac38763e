import { Controller, Get, Inject, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { decide, ownKindOf, reportAreasOf, type PersonCaller } from '@vj/access-policy';
import type { Clock } from '@vj/clock';
import { AGENCY_KINDS } from '@vj/event-schemas';
import { CODE_EDITIONS, RIGHTS } from '@vj/victims-code';
import { CLOCK, Public } from '@vj/nest-edge';
import { caseloadCountView } from './caseload-count';
import { caseloadAt } from '../../compliance/caseload-at';
import { ReadModelsAsOfNow } from '../../journeys/read-models-as-of-now';
import { PageAudit } from '../page-audit';
import { PageErrorsFilter, PageRefused } from '../page-errors.filter';
import { oneOf, wholeNumber } from '../page-query';
import { words } from '../nunjucks-setup';
import { renderPage } from '../render';
import { SessionCaller, SignedInGuard } from '../session-caller';

const PAGE_SIZE = 20;
const TABS = [
  { due: 'overdue', label: 'Overdue' },
  { due: 'today', label: 'Due today' },
  { due: 'soon', label: 'Due this week' },
] as const;
type Due = (typeof TABS)[number]['due'];
const SORTS = ['deadline', 'deadline-desc', 'status'] as const;

/** The rules a kind of agency owes, for the rule filter: every edition's, each id once. */
function rulesOwedBy(kind: string | undefined) {
  const seen = new Map<string, { id: string; title: string; right: number }>();
  for (const edition of CODE_EDITIONS)
    for (const rule of edition.rules)
      if (kind === undefined || rule.owedBy === kind || typeof rule.owedBy !== 'string')
        seen.set(rule.id, { id: rule.id, title: rule.title, right: rule.right });
  return [...seen.values()].sort((a, b) => a.right - b.right || a.title.localeCompare(b.title));
}

/**
 * What the officer's agency owes in their areas: overdue, due today, due this week (the API's
 * caseload, `due=soon`), filtered by Right and rule, sorted, a page at a time; each row links to
 * the victim. A PCC analyst chooses the agency kind (they read every kind).
 */
@ApiExcludeController()
@UseGuards(SignedInGuard)
@UseFilters(PageErrorsFilter)
@Controller('caseload')
export class CaseloadPageController {
  constructor(
    private readonly reads: ReadModelsAsOfNow,
    private readonly audit: PageAudit,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  @ApiQuery({ name: 'due', required: false })
  @ApiQuery({ name: 'owedBy', required: false })
  @ApiQuery({ name: 'right', required: false })
  @ApiQuery({ name: 'rule', required: false })
  @ApiQuery({ name: 'sort', required: false })
  @ApiQuery({ name: 'page', required: false })
  async caseload(
    @SessionCaller() caller: PersonCaller,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const allowed = decide(caller, 'read-caseload');
    if (!allowed.allowed) {
      await this.audit.record(caller, 'read-caseload', 'GET /caseload', { status: 403 });
      throw new PageRefused(403, allowed.reason);
    }
    const ownKind = ownKindOf(caller);
    const due = oneOf<Due>(
      'due',
      query.due,
      TABS.map((t) => t.due),
      'overdue',
    );
    const owedBy = ownKind ?? oneOf('owedBy', query.owedBy, AGENCY_KINDS, 'police');
    const rules = rulesOwedBy(owedBy);
    const rights = [...new Set(rules.map((r) => r.right))].sort((a, b) => a - b);
    const right = wholeNumber('right', query.right, 1, Object.keys(RIGHTS).length);
    const rule = oneOf('rule', query.rule, ['', ...rules.map((r) => r.id)], '');
    const sort = oneOf('sort', query.sort, SORTS, 'deadline');
    const page = wholeNumber('page', query.page, 1, 100_000) ?? 1;
    const policeAreas = reportAreasOf(caller);

    const {
      total,
      totalCapped,
      entitlements: rows,
    } = await caseloadAt(await this.reads.current({ policeAreas }), this.clock.now(), {
      policeAreas,
      owedBy,
      due,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      ...(right !== undefined ? { right } : {}),
      ...(rule ? { ruleId: rule } : {}),
      sort,
    });
    await this.audit.record(caller, 'read-caseload', 'GET /caseload', { status: 200 });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const filters = { owedBy: ownKind ? undefined : owedBy, right, rule: rule || undefined, sort };
    const hrefOf = (changes: Record<string, string | number | undefined>) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ due, ...filters, page: undefined, ...changes }))
        if (v !== undefined && v !== '' && !(k === 'sort' && v === 'deadline'))
          params.set(k, String(v));
      const text = params.toString();
      return `/caseload${text ? `?${text}` : ''}`;
    };
    renderPage(res, 'caseload/caseload.njk', {
      pageTitle: 'Caseload',
      tabs: TABS.map((t) => ({ ...t, href: hrefOf({ due: t.due }), current: t.due === due })),
      due,
      dueLabel: TABS.find((t) => t.due === due)?.label,
      owedBy,
      chooseAgency: ownKind === undefined,
      agencyItems: AGENCY_KINDS.map((kind) => ({
        value: kind,
        text: kind.replace(/-/g, ' '),
        selected: kind === owedBy,
      })),
      rightItems: [
        { value: '', text: 'Every Right' },
        ...rights.map((n) => ({ value: String(n), text: `Right ${n}`, selected: n === right })),
      ],
      ruleItems: [
        { value: '', text: 'Every rule' },
        ...rules.map((r) => ({ value: r.id, text: r.title, selected: r.id === rule })),
      ],
      sortItems: [
        { value: 'deadline', text: 'Deadline, soonest first' },
        { value: 'deadline-desc', text: 'Deadline, latest first' },
        { value: 'status', text: 'Status, breached first' },
      ].map((item) => ({ ...item, selected: item.value === sort })),
      right,
      rule,
      ...caseloadCountView(total, totalCapped),
      rows,
      areaNames: policeAreas.map(words).join(', '),
      from: total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
      to: Math.min(page * PAGE_SIZE, total),
      pagination:
        pages > 1
          ? {
              ...(page > 1 ? { previous: { href: hrefOf({ page: page - 1 }) } } : {}),
              ...(page < pages ? { next: { href: hrefOf({ page: page + 1 }) } } : {}),
              items: pageNumbers(page, pages).map((n) =>
                n === null
                  ? { ellipsis: true }
                  : { number: n, href: hrefOf({ page: n }), current: n === page },
              ),
            }
          : undefined,
    });
  }
}

/** The page numbers a GOV.UK pagination shows: first, last, around the current; null for a gap. */
function pageNumbers(current: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const [i, n] of shown.entries()) {
    if (i > 0 && n - (shown[i - 1] as number) > 1) out.push(null);
    out.push(n);
  }
  return out;
}
