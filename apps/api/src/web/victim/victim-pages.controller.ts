import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  accessReasonOf,
  decide,
  officerAgencyKindOf,
  type Action,
  type PersonCaller,
} from '@vj/access-policy';
import type { AgencyDirectory } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { IngestionRefused, isVictimId, JourneyIngestion } from '@vj/ingestion';
import { AGENCY_DIRECTORY, CLOCK, Public } from '@vj/nest-edge';
import {
  journeyViewOf,
  vcsRecordsOf,
  type Entitlement,
  type JourneyEvent,
  type JourneyState,
} from '@vj/projections';
import { RIGHTS, ruleById } from '@vj/victims-code';
import { ReadModelsAsOfNow } from '../../journeys/read-models-as-of-now';
import { PageAudit } from '../page-audit';
import { PageErrorsFilter, PageRefused } from '../page-errors.filter';
import { renderPage } from '../render';
import { SessionCaller, SignedInGuard } from '../session-caller';
import { formFor, isOpen, londonNow, readRecordForm } from './fulfilment-forms';

const EVENT_ID = /^web-[0-9a-f-]{36}$/;
/** How many victims' reasons a session keeps: an administrator states one per victim read. */
const MAX_REASONS = 20;

declare module 'express-session' {
  interface SessionData {
    /** An administrator's stated reason for reading each victim's record (X-Access-Reason's). */
    accessReasons?: Record<string, string>;
  }
}

/**
 * A victim's page: flags, personal details (or that they were erased), what every agency did,
 * each entitlement with its deadline, status, rule and source, and the Victim Contact Scheme for
 * the VLO; forms to record what the officer's agency owes, posted through the ingestion use case.
 * An administrator gives a reason first, as the API's X-Access-Reason.
 */
@ApiExcludeController()
@UseGuards(SignedInGuard)
@UseFilters(PageErrorsFilter)
@Controller('victims')
export class VictimPagesController {
  constructor(
    private readonly reads: ReadModelsAsOfNow,
    private readonly ingestion: JourneyIngestion,
    private readonly audit: PageAudit,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AGENCY_DIRECTORY) private readonly agencies: AgencyDirectory,
  ) {}

  @Get(':victimId')
  @Public()
  async victim(
    @SessionCaller() person: PersonCaller,
    @Param('victimId') victimId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const caller = this.withReason(person, req, victimId);
    const page = 'GET /victims/:victimId';
    if (this.needsReason(caller)) {
      return renderPage(res, 'victim/reason.njk', {
        pageTitle: 'Why are you reading this record?',
        victimId,
      });
    }
    const state = await this.visibleJourney(caller, 'read-journey', victimId, page);
    const now = this.clock.now();
    const view = journeyViewOf(state, now);
    const seesVcs = decide(caller, 'read-vcs').allowed;
    const personal = await this.ingestion.personalDetailsOf(caller, victimId);
    await this.audit.record(caller, 'read-journey', page, {
      status: 200,
      victimId,
      reason: caller.accessReason ?? null,
    });
    if (seesVcs)
      await this.audit.record(caller, 'read-vcs', page, {
        status: 200,
        victimId,
        reason: caller.accessReason ?? null,
      });
    renderPage(res, 'victim/victim.njk', {
      pageTitle: `Victim in crime ${view.cases[0]?.crimeReference ?? victimId}`,
      view,
      personal,
      timeline: [...view.timeline].reverse(),
      entitlements: view.entitlements.map((e) => this.rowOf(caller, e)),
      vcs: seesVcs ? vcsRecordsOf(state.events, now) : undefined,
      rights: RIGHTS,
    });
  }

  @Post(':victimId/reason')
  @Public()
  reason(
    @Param('victimId') victimId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): void {
    if (!isVictimId(victimId)) throw new PageRefused(404, 'no such victim');
    const stated = accessReasonOf(typeof body.reason === 'string' ? body.reason : undefined);
    const error =
      'invalid' in stated
        ? `The reason ${stated.invalid}`
        : stated.reason === null
          ? 'Enter why you are reading this record'
          : undefined;
    if (error || !('reason' in stated) || stated.reason === null) {
      res.status(400);
      return renderPage(res, 'victim/reason.njk', {
        pageTitle: 'Why are you reading this record?',
        victimId,
        reason: body.reason,
        errors: [{ text: error, href: '#reason' }],
        reasonError: error,
      });
    }
    const reasons = Object.entries(req.session.accessReasons ?? {}).slice(-(MAX_REASONS - 1));
    req.session.accessReasons = { ...Object.fromEntries(reasons), [victimId]: stated.reason };
    res.redirect(303, `/victims/${victimId}`);
  }

  @Get(':victimId/entitlements/:entitlementId/record')
  @Public()
  async recordForm(
    @SessionCaller() caller: PersonCaller,
    @Param('victimId') victimId: string,
    @Param('entitlementId') entitlementId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { entitlement, rule, form } = await this.recordable(caller, victimId, entitlementId);
    renderPage(res, 'victim/record.njk', {
      pageTitle: `Record as done: ${entitlement.title}`,
      victimId,
      entitlement,
      rule,
      choices: form.choices,
      values: londonNow(this.clock.now()),
      eventId: `web-${randomUUID()}`,
    });
  }

  @Post(':victimId/entitlements/:entitlementId/record')
  @Public()
  async record(
    @SessionCaller() caller: PersonCaller,
    @Param('victimId') victimId: string,
    @Param('entitlementId') entitlementId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const eventId =
      typeof body.eventId === 'string' && EVENT_ID.test(body.eventId) ? body.eventId : undefined;
    const recorded = (title: string) => {
      req.session.flash = {
        heading: `Recorded: ${title}`,
        text: 'The entitlement is judged on the date and time you gave.',
      };
      res.redirect(303, `/victims/${victimId}#entitlements`);
    };
    const { entitlement, rule, form, trigger, alreadyBy } = await this.recordable(
      caller,
      victimId,
      entitlementId,
      eventId,
    );
    // The same form sent again (a double click, a refresh): it was recorded the first time.
    if (alreadyBy) return recorded(entitlement.title);
    const read = readRecordForm(body, form.choices, this.clock.now());
    if (!eventId || read.errors.length > 0 || !read.occurredAt) {
      res.status(400);
      return renderPage(res, 'victim/record.njk', {
        pageTitle: `Record as done: ${entitlement.title}`,
        victimId,
        entitlement,
        rule,
        choices: form.choices,
        values: read.values,
        eventId: eventId ?? `web-${randomUUID()}`,
        errors: read.errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
        fieldErrors: Object.fromEntries(read.errors.map((e) => [e.field, e.text])),
      });
    }
    const agency = caller.agencyId ? this.agencies.byId(caller.agencyId) : undefined;
    if (!agency)
      throw new PageRefused(403, 'you are not an officer of an agency this service knows');
    await this.ingestion.recordForOfficer(caller, agency, victimId, {
      eventId,
      type: rule.fulfilledBy.type,
      schemaVersion: 1,
      occurredAt: read.occurredAt,
      crimeReference: entitlement.crimeReference,
      data: { ...form.dataOf(rule, entitlement, trigger as JourneyEvent), ...read.data },
    });
    return recorded(entitlement.title);
  }

  /** The stated reason of this session for this victim, as the caller's X-Access-Reason. */
  private withReason(person: PersonCaller, req: Request, victimId: string): PersonCaller {
    const reason = req.session.accessReasons?.[victimId];
    return reason ? { ...person, accessReason: reason } : person;
  }

  private needsReason(caller: PersonCaller): boolean {
    return caller.role === 'administrator' && !caller.accessReason;
  }

  /**
   * The journey if the policy lets this person read it: 403 for a role that never may, 404 for a
   * victim unknown, outside their areas (alike); each refusal recorded.
   */
  private async visibleJourney(
    caller: PersonCaller,
    action: Action,
    victimId: string,
    page: string,
  ): Promise<JourneyState> {
    const refuse = async (status: 403 | 404, detail: string): Promise<never> => {
      await this.audit.record(caller, action, page, {
        status,
        ...(isVictimId(victimId) ? { victimId } : {}),
        reason: caller.accessReason ?? null,
      });
      throw new PageRefused(status, detail);
    };
    const role = decide(caller, action);
    if (!role.allowed) return refuse(403, role.reason);
    const { state, victim } = await this.reads.journeyFor(caller, victimId);
    const decision = decide(caller, action, { victim });
    if (!decision.allowed)
      return refuse(decision.answer === 'not-found' ? 404 : 403, decision.reason);
    return state as JourneyState;
  }

  /** An entitlement row: its rule's source, and the form to record it when this officer may. */
  private rowOf(caller: PersonCaller, e: Entitlement) {
    const rule = ruleById(e.edition, e.ruleId);
    const recordable = formFor(e);
    const mayRecord =
      isOpen(e) &&
      recordable !== undefined &&
      decide(caller, 'post-event', { eventType: recordable.rule.fulfilledBy.type }).allowed &&
      e.owedBy === officerAgencyKindOf(caller);
    return {
      ...e,
      sourceKind: rule?.sourceKind,
      source: rule?.source,
      recordHref: mayRecord
        ? `/victims/${e.victimId}/entitlements/${encodeURIComponent(e.id)}/record`
        : undefined,
    };
  }

  /** The open entitlement, its rule and form, if this officer may record it (else 403/404). */
  private async recordable(
    caller: PersonCaller,
    victimId: string,
    entitlementId: string,
    /** When posting: the form's event id. */
    posted?: string,
  ) {
    const page = `${posted === undefined ? 'GET' : 'POST'} /victims/:victimId/entitlements/:entitlementId/record`;
    const state = await this.visibleJourney(caller, 'read-journey', victimId, page);
    const view = journeyViewOf(state, this.clock.now());
    const entitlement = view.entitlements.find((e) => e.id === entitlementId);
    if (!entitlement) throw new PageRefused(404, 'no such entitlement');
    const row = this.rowOf(caller, entitlement);
    const recordable = formFor(entitlement);
    if (recordable && posted !== undefined && entitlement.fulfilment?.eventId === posted)
      return { entitlement, trigger: undefined, alreadyBy: posted, ...recordable };
    if (!row.recordHref || !recordable) {
      throw new PageRefused(
        403,
        isOpen(entitlement)
          ? 'your agency does not record this entitlement'
          : 'this entitlement is no longer open',
      );
    }
    const trigger = state.events.find(
      (ev) =>
        ev.agencyEventId === entitlement.trigger.eventId &&
        ev.agencyId === entitlement.trigger.agencyId,
    );
    if (!trigger) throw new IngestionRefused('victim-not-found', 'the trigger is not found');
    return { entitlement, trigger, alreadyBy: undefined, ...recordable };
  }
}
