import { upcast, type PublishedEvent } from '@vj/event-schemas';

/**
 * The national bodies whose part of a journey begins only after sentence: they serve every area,
 * so what limits what they read is whether their part has begun for this victim.
 */
export const NATIONAL_PARTS = ['prison', 'hospital', 'parole-board'] as const;
export type NationalPart = (typeof NATIONAL_PARTS)[number];

export const isNationalPart = (kind: string): kind is NationalPart =>
  (NATIONAL_PARTS as readonly string[]).includes(kind);

/**
 * The national part an event begins, if any. A sentence to immediate custody (any version: the
 * upcaster reads version 1's custody months) or any custody event begins the prison's; a hospital
 * order or a patient's leave or discharge the hospital's; a parole hearing listed or a VPS sent to
 * the Parole Board the Parole Board's; a complaint about a national body that body's. A VCS
 * referral begins none: it names no disposal, and the sentence or order that makes the victim
 * eligible comes before it.
 */
export function nationalPartBegunBy(event: PublishedEvent): NationalPart | undefined {
  const latest = upcast(event);
  switch (latest.type) {
    case 'sentenced':
      return latest.data.disposal === 'immediate-custody' ? 'prison' : undefined;
    case 'offender-moved-to-open-conditions':
    case 'offender-temporarily-released':
    case 'offender-released-on-licence':
    case 'offender-recalled':
    case 'offender-deported':
      return 'prison';
    case 'hospital-order-made':
    case 'patient-leave-granted':
    case 'patient-discharged':
      return 'hospital';
    case 'parole-hearing-listed':
    case 'vps-submitted':
      return 'parole-board';
    case 'complaint-received':
      // A complaint about a national body is owed its answer (Right 12): it must read the journey.
      return isNationalPart(latest.data.about) ? latest.data.about : undefined;
    default:
      return undefined;
  }
}

/** The national parts a journey's events have begun, in NATIONAL_PARTS order. */
export function nationalPartsOf(events: readonly PublishedEvent[]): NationalPart[] {
  const begun = new Set(events.map(nationalPartBegunBy));
  return NATIONAL_PARTS.filter((part) => begun.has(part));
}
