import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { decide, SUBJECT_PATTERN, type Caller } from '@vj/access-policy';
import { type AuditLog, type AuditPage, MAX_AUDIT_PAGE } from '@vj/audit';
import { calendarDateOf, instantOf, INSTANT_RULE } from '@vj/event-schemas';
import { isVictimId } from '@vj/ingestion';
import { ApiJsonResponse, ApiProblems, AUDIT_LOG, Audited, CurrentCaller } from '@vj/nest-edge';
import { enforce } from '../http/access';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { integerParam } from '../http/query';

const bad = (field: string, reason: string) =>
  new ProblemException(problem(400, `query parameter ${field} is not valid`, [{ field, reason }]));

/** The audit trail, for administrators: who read or was refused what, when, and why. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  @Get()
  @Audited('read-audit')
  @ApiOperation({
    summary: 'The audit trail: every read of a victim record, every report, every refusal',
    description:
      'Entries in the order recorded, oldest first, a page at a time (pass nextAfter as after). Reading the trail is recorded in it too.',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'At or after (YYYY-MM-DD or an RFC 3339 instant)',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'Before (YYYY-MM-DD or an RFC 3339 instant)',
  })
  @ApiQuery({ name: 'victimId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({
    name: 'subject',
    required: false,
    description: "The caller: an agency id or a person's subject",
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_AUDIT_PAGE },
    description: `1 to ${MAX_AUDIT_PAGE}, default 100`,
  })
  @ApiQuery({
    name: 'after',
    required: false,
    schema: { type: 'integer', minimum: 0 },
    description: "The previous page's nextAfter",
  })
  @ApiJsonResponse(200, 'AuditPage', 'A page of the audit trail')
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
  ): Promise<AuditPage> {
    enforce(decide(caller, 'read-audit'));
    const from = instant('from', query.from);
    const to = instant('to', query.to);
    if (from && to && from > to) throw bad('to', 'must not be before from');
    const { victimId, subject } = query;
    if (victimId !== undefined && (typeof victimId !== 'string' || !isVictimId(victimId)))
      throw bad('victimId', 'must be a victim id (a UUID)');
    if (subject !== undefined && (typeof subject !== 'string' || !SUBJECT_PATTERN.test(subject)))
      throw bad('subject', "must be a caller's subject: an agency id or a person's subject");
    const limit = integerParam('limit', query.limit, {
      min: 1,
      max: MAX_AUDIT_PAGE,
      fallback: 100,
    }) as number;
    const after = integerParam('after', query.after, { min: 0, max: Number.MAX_SAFE_INTEGER });
    return this.audit.list({
      limit,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(typeof victimId === 'string' ? { victimId } : {}),
      ...(typeof subject === 'string' ? { subject } : {}),
      ...(after !== undefined ? { after } : {}),
    });
  }
}

/**
 * A calendar date (its midnight UTC) or an RFC 3339 instant, read by the one date parser, as the
 * trail stores instants (UTC, milliseconds), so they compare as text.
 */
function instant(field: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  const ms = calendarDateOf(raw) ? Date.parse(`${raw as string}T00:00:00Z`) : instantOf(raw);
  if (ms === undefined) {
    throw bad(
      field,
      `must be a calendar date YYYY-MM-DD or ${INSTANT_RULE.replace('must be ', '')}`,
    );
  }
  return new Date(ms).toISOString();
}
