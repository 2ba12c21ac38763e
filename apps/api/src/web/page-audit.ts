import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { roleOf, subjectOf, type Action, type Caller } from '@vj/access-policy';
import { AuditTrail } from '@vj/nest-edge';

/**
 * The pages' entries in the audit trail, as the API's reads make them: who (the person's
 * subject and role), which action, which victim, which page, the reason given. A read that cannot
 * be recorded is not shown.
 */
@Injectable()
export class PageAudit {
  constructor(private readonly trail: AuditTrail) {}

  async record(
    caller: Caller,
    action: Action,
    page: string,
    outcome: { status: number; victimId?: string; reason?: string | null },
  ): Promise<void> {
    await this.trail.append(
      {
        subject: subjectOf(caller),
        role: roleOf(caller),
        action,
        outcome: outcome.status < 400 ? 'allowed' : 'refused',
        status: outcome.status,
        victimId: outcome.victimId ?? null,
        endpoint: page,
        reason: outcome.reason ?? null,
        requestId: randomUUID(),
      },
      'the audit trail could not record this page',
    );
  }
}
