import { Inject, Injectable } from '@nestjs/common';
import {
  decide,
  ownKindOf,
  pseudonymousBreachOf,
  reportAreasOf,
  roleOf,
  seesPseudonyms,
  type Action,
  type Caller,
  type PseudonymousBreach,
} from '@vj/access-policy';
import { isPoliceArea } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { AGENCY_KINDS, CALENDAR_DATE_RULE, calendarDateOf } from '@vj/event-schemas';
import { APP_CONFIG, CLOCK } from '@vj/nest-edge';
import { breachesOf, type Breach, type Entitlement } from '@vj/projections';
import type { EntitlementRow } from '@vj/read-models';
import type { AppConfig } from '@vj/runtime';
import { ENTITLEMENT_IDS, londonDateOf, RIGHTS, workingDaysBetween } from '@vj/victims-code';
import { enforce } from '../http/access';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { integerParam } from '../http/query';
import { ReadModelsAsOfNow } from '../journeys/read-models-as-of-now';
import { pccReferenceOf, type PccReport } from './pcc-references';

/** A query parameter refused: 400 naming it and why. */
export const badQuery = (field: string, reason: string) =>
  new ProblemException(problem(400, `query parameter ${field} is not valid`, [{ field, reason }]));

/**
 * What a report covers, as the access policy allows: a role that never reads reports is refused
 * first (403); then each parameter is checked (400) and then allowed or not (403).
 * By default an agency reads what its own kind owes, a PCC team every kind (a caseload must
 * name one), in every area the caller serves.
 */
export function reportScopeOf(
  caller: Caller,
  action: Extract<Action, 'read-caseload' | 'read-breaches'>,
  query: Record<string, unknown>,
): { owedBy: string | undefined; policeAreas: string[] } {
  enforce(decide(caller, action));
  const rawOwedBy = query.owedBy;
  if (
    rawOwedBy !== undefined &&
    (typeof rawOwedBy !== 'string' || !(AGENCY_KINDS as readonly string[]).includes(rawOwedBy))
  ) {
    throw badQuery('owedBy', `must be one of ${AGENCY_KINDS.join(', ')}`);
  }
  const owedBy = rawOwedBy ?? ownKindOf(caller);
  if (action === 'read-caseload' && owedBy === undefined)
    throw badQuery('owedBy', 'is required for a compliance team');
  enforce(decide(caller, action, { report: { owedBy } }));
  const policeArea = query.policeArea;
  if (policeArea !== undefined && (typeof policeArea !== 'string' || !isPoliceArea(policeArea)))
    throw badQuery('policeArea', 'must be a police area id');
  enforce(decide(caller, action, { report: { owedBy, policeArea } }));
  return {
    owedBy,
    policeAreas: policeArea === undefined ? reportAreasOf(caller) : [policeArea],
  };
}

/** `limit` (1 to 500, default 100) and `offset`. */
export function pageOf(query: Record<string, unknown>): { limit: number; offset: number } {
  return {
    limit: integerParam('limit', query.limit, { min: 1, max: 500, fallback: 100 }) as number,
    offset: integerParam('offset', query.offset, {
      min: 0,
      max: 10_000_000,
      fallback: 0,
    }) as number,
  };
}

/** The stored entitlement, with an open breach's lateness counted to today. */
export function entitlementOf(row: EntitlementRow, today: string): Entitlement {
  const e = JSON.parse(row.body) as Entitlement;
  if (e.status === 'breached' && e.deadline)
    e.workingDaysLate = workingDaysBetween(e.deadline.localDate, today);
  return e;
}

function dateOf(field: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (calendarDateOf(raw) === undefined) throw badQuery(field, CALENDAR_DATE_RULE);
  return raw as string;
}

export interface BreachListAnswer<B> {
  policeAreas: string[];
  owedBy: string | null;
  total: number;
  byStatus: Record<string, number>;
  limit: number;
  offset: number;
  breaches: B[];
}

/**
 * The breach list, for `GET /v1/breaches` and the dashboard's drill-down alike: one access
 * decision and one set of parameter checks (policeArea, owedBy, right, ruleId, from, to,
 * enhanced, limit, offset), each refusal a 400 or 403 problem naming the field.
 */
@Injectable()
export class BreachList {
  constructor(
    private readonly reads: ReadModelsAsOfNow,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** As the caller's role sees it: a PCC team each victim under a pseudonymous reference. */
  async asSeenBy(
    caller: Caller,
    query: Record<string, unknown>,
  ): Promise<BreachListAnswer<Breach | PseudonymousBreach>> {
    const answer = await this.read(caller, query);
    return {
      ...answer,
      breaches: answer.breaches.map((breach) => {
        const reference = this.referenceFor(caller, 'breaches', breach);
        return reference ? pseudonymousBreachOf(breach, reference) : breach;
      }),
    };
  }

  /** Always the pseudonymous view, whoever asks: what the web pages show. */
  async pseudonymous(
    caller: Caller,
    query: Record<string, unknown>,
  ): Promise<BreachListAnswer<PseudonymousBreach>> {
    const answer = await this.read(caller, query);
    return {
      ...answer,
      breaches: answer.breaches.map((breach) =>
        pseudonymousBreachOf(
          breach,
          pccReferenceOf(this.config.pseudonymKey, 'breaches', breach.policeArea, breach.victimId),
        ),
      ),
    };
  }

  /** The reference standing for the victim, for a caller who sees pseudonyms; else undefined. */
  referenceFor(
    caller: Caller,
    report: PccReport,
    row: { policeArea: string; victimId: string },
  ): string | undefined {
    return seesPseudonyms(roleOf(caller))
      ? pccReferenceOf(this.config.pseudonymKey, report, row.policeArea, row.victimId)
      : undefined;
  }

  private async read(
    caller: Caller,
    query: Record<string, unknown>,
  ): Promise<BreachListAnswer<Breach>> {
    const { owedBy, policeAreas } = reportScopeOf(caller, 'read-breaches', query);
    const right = integerParam('right', query.right, { min: 1, max: Object.keys(RIGHTS).length });
    const ruleId = query.ruleId;
    if (ruleId !== undefined && (typeof ruleId !== 'string' || !ENTITLEMENT_IDS.has(ruleId))) {
      throw badQuery('ruleId', "must be the id of a Victims' Code rule (see README)");
    }
    const from = dateOf('from', query.from);
    const to = dateOf('to', query.to);
    if (from && to && from > to) throw badQuery('to', 'must not be before from');
    const enhanced = query.enhanced;
    if (enhanced !== undefined && enhanced !== 'true' && enhanced !== 'false')
      throw badQuery('enhanced', 'must be true or false');
    const page = pageOf(query);
    const readModels = await this.reads.current({ policeAreas });
    const today = londonDateOf(this.clock.now());
    const result = await readModels.breaches.breaches({
      policeAreas,
      ...(owedBy ? { owedBy } : {}),
      ...(right !== undefined ? { right } : {}),
      ...(typeof ruleId === 'string' ? { ruleId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(enhanced !== undefined ? { enhanced: enhanced === 'true' } : {}),
      ...page,
    });
    return {
      policeAreas,
      owedBy: owedBy ?? null,
      total: result.total,
      byStatus: result.byStatus,
      ...page,
      breaches: breachesOf(result.breaches.map((row) => entitlementOf(row, today))),
    };
  }
}
