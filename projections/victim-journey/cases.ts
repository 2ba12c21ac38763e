import type { OffenceCategory } from '@vj/event-schemas';
import {
  ageOn,
  ageReferenceFor,
  enhancedReasons,
  type AgeJudgedOn,
  type EnhancedReason,
  type EnhancedRightsAssessment,
  instantMsOf,
} from '@vj/victims-code';
import { inOccurrenceOrder, type JourneyEvent } from '../journey-event';

/** One crime the victim is in, as the police recorded it and later reassessed it. */
export interface CaseFacts {
  crimeReference: string;
  caseUrns: string[];
  offenceCategory: OffenceCategory;
  reportedAt: string;
  /** As the police recorded it: absent when they did not. */
  offenceDate?: string;
  /** How the victim's age was judged for the under-18 rule. */
  ageJudgedOn: AgeJudgedOn;
  victimNumber: number;
  victimDateOfBirth?: string;
  victimAgeBand?: string;
  /** Every assessment of enhanced rights, in the order they took effect. */
  assessments: { from: string; assessment: EnhancedRightsAssessment }[];
}

export function casesOf(events: readonly JourneyEvent[]): Map<string, CaseFacts> {
  const cases = new Map<string, CaseFacts>();
  // Only reports and reassessments shape a case: those few are put in order, not the whole stream.
  const shaping = events.filter(
    (e) => e.type === 'crime-reported' || e.type === 'enhanced-rights-reassessed',
  );
  for (const event of inOccurrenceOrder(shaping)) {
    const existing = cases.get(event.crimeReference);
    if (event.type === 'crime-reported' && !existing) {
      const d = event.data;
      cases.set(event.crimeReference, {
        crimeReference: event.crimeReference,
        caseUrns: [],
        offenceCategory: d.offenceCategory,
        reportedAt: event.occurredAt,
        ...(d.offenceDate !== undefined ? { offenceDate: d.offenceDate } : {}),
        // A date of birth was given when the field is there at all, even sealed or erased.
        ageJudgedOn:
          d.victimDateOfBirth === undefined
            ? 'recorded-band'
            : ageReferenceFor(d.offenceDate, event.occurredAt).judgedOn,
        victimNumber: d.victimNumber,
        // Only a date in the clear: a sealed or erased one counts through the age band alone.
        ...(isDate(d.victimDateOfBirth) ? { victimDateOfBirth: d.victimDateOfBirth } : {}),
        ...(typeof d.victimAgeBand === 'string' ? { victimAgeBand: d.victimAgeBand } : {}),
        assessments: [{ from: event.occurredAt, assessment: d.enhancedRights }],
      });
    } else if (event.type === 'enhanced-rights-reassessed' && existing) {
      existing.assessments.push({
        from: event.occurredAt,
        assessment: event.data.enhancedRights,
      });
    }
  }
  for (const event of events) {
    const c = cases.get(event.crimeReference);
    const urn = event.caseUrn ?? caseUrnNamedBy(event);
    if (c && urn && !c.caseUrns.includes(urn)) c.caseUrns.push(urn);
  }
  return cases;
}

/** The CPS case URN an event's data names: the charge gives it, a CPS decision may. */
function caseUrnNamedBy(event: JourneyEvent): string | null {
  switch (event.type) {
    case 'suspect-charged':
      return event.data.caseUrn;
    case 'cps-decided-not-to-charge':
    case 'cps-discontinued':
    case 'cps-charge-substantially-altered':
      return event.data.caseUrn ?? null;
    default:
      return null;
  }
}

/**
 * The reasons for enhanced rights in force at an instant: the latest assessment made by then
 * (a reassessment changes deadlines from then on, never before), the offence, the victim's age.
 */
export function enhancedReasonsAt(c: CaseFacts, at: string): EnhancedReason[] {
  const t = instantMsOf(at);
  let assessment = c.assessments[0]?.assessment;
  for (const a of c.assessments) if (instantMsOf(a.from) <= t) assessment = a.assessment;
  if (!assessment) return [];
  return enhancedReasons({
    assessment,
    offenceCategory: c.offenceCategory,
    ...(c.victimDateOfBirth
      ? {
          ageAtOffence: ageOn(
            c.victimDateOfBirth,
            ageReferenceFor(c.offenceDate, c.reportedAt).date,
          ),
        }
      : {}),
    ...(c.victimAgeBand ? { ageBand: c.victimAgeBand } : {}),
  });
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
