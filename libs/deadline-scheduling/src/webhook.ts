import { createHmac } from 'node:crypto';
import { type Agency, type AgencyWebhook, servesArea } from '@vj/agencies';

export const TIMESTAMP_HEADER = 'X-Victim-Journey-Timestamp';
export const SIGNATURE_HEADER = 'X-Victim-Journey-Signature';

/**
 * The signature of a webhook body: `sha256=` and the hex HMAC-SHA256, keyed with the agency's
 * secret, of `<timestamp>.<body>`. Signing the timestamp with the body lets the receiver refuse a
 * replayed request (an old timestamp) as well as a forged or altered one. The body carries the
 * notification's `id`, which the receiver uses to drop a repeat: delivery is at least once (a
 * worker that dies after posting and before recording it posts again).
 */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * The agency to notify about an entitlement: one of the owing kind serving the police area that
 * has a webhook. Several may (a regional CPS and a national one, say): the one whose home area it
 * is comes first, then one that lists the area over one serving every area, then by id, so the
 * choice is stable.
 */
export function webhookAgencyFor(
  agencies: readonly Agency[],
  owedBy: string,
  policeArea: string,
): (Agency & { webhook: AgencyWebhook }) | undefined {
  const rank = (a: Agency) => (a.homeArea === policeArea ? 0 : a.areas === '*' ? 2 : 1);
  return agencies
    .filter(
      (a): a is Agency & { webhook: AgencyWebhook } =>
        a.kind === owedBy && a.webhook !== undefined && servesArea(a, policeArea),
    )
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))[0];
}

export class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookError';
  }
}

/**
 * Posts a signed notification. Resolves on a 2xx; throws a WebhookError naming the status or the
 * network failure (never the response body, which could hold anything) otherwise. Redirects are
 * not followed: a webhook is configured where it is meant to be.
 */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  timestamp: string,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signatureOf(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `timed out after ${timeoutMs} ms`
        : error instanceof Error
          ? `${error.message}${causeCodeOf(error)}`
          : 'network error';
    throw new WebhookError(`webhook request failed: ${reason}`);
  }
  // The body is not read, only released, so the connection can be reused.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new WebhookError(`webhook answered HTTP ${response.status}`);
  }
}

/** Node's fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND...). */
function causeCodeOf(error: Error): string {
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? ` (${cause.code})` : '';
}
