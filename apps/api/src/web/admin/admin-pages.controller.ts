import {
  Body,
  Controller,
  Get,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { decide, type Action, type PersonCaller } from '@vj/access-policy';
import type { AuditLog } from '@vj/audit';
import { IngestionRefused, isVictimId, JourneyIngestion } from '@vj/ingestion';
import { AUDIT_LOG, Public } from '@vj/nest-edge';
import { ReadModelsAsOfNow } from '../../journeys/read-models-as-of-now';
import { PageAudit } from '../page-audit';
import { PageErrorsFilter, PageRefused } from '../page-errors.filter';
import { renderPage } from '../render';
import { SessionCaller, SignedInGuard } from '../session-caller';

const MAX_REASON = 500;

/** What the erasure form was given, and what is wrong with it. */
function erasureFormOf(body: Record<string, unknown>) {
  const victimId = typeof body.victimId === 'string' ? body.victimId.trim().toLowerCase() : '';
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  const errors: { field: string; text: string }[] = [];
  if (victimId === '') errors.push({ field: 'victimId', text: "Enter the victim's id" });
  else if (!isVictimId(victimId))
    errors.push({
      field: 'victimId',
      text: "The victim's id must be the id the service gave them, like 9d628f1b-307e-5dd5-8185-68840a9b7ec2",
    });
  if (reason === '') errors.push({ field: 'reason', text: 'Enter why the data is erased' });
  else if (reason.length > MAX_REASON)
    errors.push({ field: 'reason', text: `The reason must be ${MAX_REASON} characters or fewer` });
  return { values: { victimId, reason }, errors };
}

/**
 * The administrator's pages: the audit trail's chain verified (what `npm run audit:verify` and
 * GET /v1/audit rest on), and a victim's personal data erased (id and reason, a confirmation, then
 * the API's erasure use case), each decided by the access policy and recorded in the audit trail.
 */
@ApiExcludeController()
@UseGuards(SignedInGuard)
@UseFilters(PageErrorsFilter)
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly ingestion: JourneyIngestion,
    private readonly reads: ReadModelsAsOfNow,
    private readonly audit: PageAudit,
    @Inject(AUDIT_LOG) private readonly auditLog: AuditLog,
  ) {}

  @Get()
  @Public()
  async home(@SessionCaller() caller: PersonCaller, @Res() res: Response): Promise<void> {
    await this.allowed(caller, 'read-audit', 'GET /admin');
    renderPage(res, 'admin/admin.njk', { pageTitle: 'Administration' });
  }

  /** To a victim's page, which asks the administrator's reason first. */
  @Get('victim')
  @Public()
  @ApiQuery({ name: 'victimId', required: false })
  async victim(
    @SessionCaller() caller: PersonCaller,
    @Query('victimId') raw: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.allowed(caller, 'read-audit', 'GET /admin/victim');
    const victimId = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    if (!isVictimId(victimId)) throw new PageRefused(404, 'no victim has this id');
    res.redirect(303, `/victims/${victimId}`);
  }

  @Get('audit')
  @Public()
  async verify(@SessionCaller() caller: PersonCaller, @Res() res: Response): Promise<void> {
    await this.allowed(caller, 'read-audit', 'GET /admin/audit');
    const verification = await this.auditLog.verify();
    await this.audit.record(caller, 'read-audit', 'GET /admin/audit', { status: 200 });
    renderPage(res, 'admin/audit.njk', { pageTitle: 'Audit trail verification', verification });
  }

  @Get('erasure')
  @Public()
  async erasureForm(@SessionCaller() caller: PersonCaller, @Res() res: Response): Promise<void> {
    await this.allowed(caller, 'erase-personal-data', 'GET /admin/erasure');
    renderPage(res, 'admin/erasure.njk', {
      pageTitle: "Erase a victim's personal data",
      values: {},
      fieldErrors: {},
    });
  }

  /** The form checked, then a page asking to confirm: nothing is erased yet. */
  @Post('erasure')
  @Public()
  async checkErasure(
    @SessionCaller() caller: PersonCaller,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    await this.allowed(caller, 'erase-personal-data', 'POST /admin/erasure');
    const form = erasureFormOf(body);
    if (form.errors.length === 0) {
      const { victimId } = form.values;
      const known = await (await this.reads.current({ victimId })).journeys.state(victimId);
      if (!known?.policeArea)
        form.errors.push({ field: 'victimId', text: 'There is no victim with this id' });
    }
    if (form.errors.length > 0) return this.erasureErrors(res, form);
    renderPage(res, 'admin/erasure-confirm.njk', {
      pageTitle: 'Are you sure you want to erase this data?',
      values: form.values,
    });
  }

  @Post('erasure/confirm')
  @Public()
  async erase(
    @SessionCaller() caller: PersonCaller,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.allowed(caller, 'erase-personal-data', 'POST /admin/erasure/confirm');
    const form = erasureFormOf(body);
    if (form.errors.length > 0) return this.erasureErrors(res, form);
    try {
      const erasure = await this.ingestion.erasePersonalData(caller, form.values.victimId, {
        reason: form.values.reason,
      });
      await this.audit.record(caller, 'erase-personal-data', 'POST /admin/erasure/confirm', {
        status: 200,
        victimId: erasure.victimId,
        reason: erasure.reason,
      });
      req.session.flash = {
        heading: "The victim's personal data is erased",
        text: `Erased ${erasure.erasedAt.slice(0, 10)} by ${erasure.erasedBy}: ${erasure.fields.length} personal ${erasure.fields.length === 1 ? 'field' : 'fields'} now read as [erased].`,
      };
      res.redirect(303, '/admin/erasure');
    } catch (error) {
      if (!(error instanceof IngestionRefused) || error.kind !== 'victim-not-found') throw error;
      form.errors.push({ field: 'victimId', text: 'There is no victim with this id' });
      return this.erasureErrors(res, form);
    }
  }

  private erasureErrors(
    res: Response,
    form: { values: Record<string, string>; errors: { field: string; text: string }[] },
  ): void {
    res.status(400);
    renderPage(res, 'admin/erasure.njk', {
      pageTitle: "Erase a victim's personal data",
      values: form.values,
      errors: form.errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
      fieldErrors: Object.fromEntries(form.errors.map((e) => [e.field, e.text])),
    });
  }

  /** Goes on when the policy lets this person do the action; else a recorded 403. */
  private async allowed(caller: PersonCaller, action: Action, page: string): Promise<void> {
    const decision = decide(caller, action);
    if (decision.allowed) return;
    await this.audit.record(caller, action, page, { status: 403 });
    throw new PageRefused(403, decision.reason);
  }
}
