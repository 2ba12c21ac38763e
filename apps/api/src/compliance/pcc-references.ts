import { createHmac } from 'node:crypto';

/** The reports a PCC analyst reads, each with its own references. */
export type PccReport = 'breaches' | 'caseload';

/**
 * The pseudonymous reference that stands for a victim in one PCC report: HMAC-SHA-256 under the
 * deployment's PSEUDONYM_KEY over the report, the victim's police area and the victim id,
 * truncated to 128 bits. Stable, so an analyst can count one victim's breaches over months; keyed
 * per report and area, so it joins with no other report, area or deployment; and it cannot be
 * turned back into a victim id without the key.
 */
export function pccReferenceOf(
  key: string,
  report: PccReport,
  policeArea: string,
  victimId: string,
): string {
  const mac = createHmac('sha256', key)
    .update(`${report}\n${policeArea}\n${victimId}`)
    .digest('hex');
  return `pcc-${mac.slice(0, 32)}`;
}
