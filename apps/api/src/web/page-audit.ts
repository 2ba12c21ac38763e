import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { roleOf, subjectOf, type Action, type Caller } from '@vj/access-policy';
import type { AuditLog } from '@vj/audit';
import type { Clock } from '@vj/clock';
import { AUDIT_LOG, CLOCK } from '@vj/nest-edge';

/**
 * The pages' entries in the audit trail, as the API's reads make them: who (the person's
 * subject and role), which action, which victim, which page, the reason given. A read that cannot
 * be recorded is not shown.
 */
@Injectable()
export class PageAudit {
  private readonly logger = new Logger('audit');

  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(
    caller: Caller,
    action: Action,
    page: string,
    outcome: { status: number; victimId?: string; reason?: string | null },
  ): Promise<void> {
    try {
      await this.log.append({
        at: this.clock.now().toISOString(),
        subject: subjectOf(caller),
        role: roleOf(caller),
        action,
        outcome: outcome.status < 400 ? 'allowed' : 'refused',
        status: outcome.status,
        victimId: outcome.victimId ?? null,
        endpoint: page,
        reason: outcome.reason ?? null,
        requestId: randomUUID(),
      });
    } catch (error) {
      this.logger.error(
        `the audit trail refused an entry: ${error instanceof Error ? error.name : typeof error}`,
      );
      throw new ServiceUnavailableException('the audit trail could not record this page');
    }
  }
}
