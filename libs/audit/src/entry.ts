/**
 * One line of the audit trail: who did what to which victim's record, through which endpoint,
 * and whether they were let. Nothing personal beyond the victim id: no bodies, no query values.
 */
export interface AuditEntry {
  /** When it happened, ISO 8601 from the Clock. */
  at: string;
  /** The caller: an agency id today, a person's id later; null when no credential was known (401). */
  subject: string | null;
  /** The caller's role in the access policy; null when unauthenticated. */
  role: string | null;
  /** The access-policy action (read-stream, read-journey, export, ...). */
  action: string;
  outcome: 'allowed' | 'refused';
  /** The HTTP status answered. */
  status: number;
  victimId: string | null;
  /** Method and route pattern, never the raw URL: `GET /v1/victims/:victimId/events`. */
  endpoint: string;
  /** The caller's reason (X-Access-Reason), when given. */
  reason: string | null;
  requestId: string;
}

/** An entry as stored: its place in the chain and the hashes that bind it there. */
export interface RecordedAuditEntry extends AuditEntry {
  /** 1, 2, 3, ... with no gaps. */
  sequence: number;
  /** The hash of the entry before (the genesis hash for the first). */
  prevHash: string;
  /** H(prevHash || canonical(entry)). */
  hash: string;
}

/** What an administrator asks of the trail; every filter is optional. */
export interface AuditQuery {
  /** `at` on or after (ISO 8601). */
  from?: string;
  /** `at` before (ISO 8601). */
  to?: string;
  victimId?: string;
  subject?: string;
  /** Entries after this sequence number (the previous page's `nextAfter`). */
  after?: number;
  limit: number;
}

export interface AuditPage {
  entries: RecordedAuditEntry[];
  /** Pass as `after` for the next page; null when this page is the last. */
  nextAfter: number | null;
}

export const MAX_AUDIT_PAGE = 500;
