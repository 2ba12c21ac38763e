import type { AgeJudgedOn, EnhancedReason } from '@vj/victims-code';
import { inOccurrenceOrder } from '../journey-event';
import { casesOf, enhancedReasonsAt } from './cases';
import { entitlementsOf, type Entitlement, type EntitlementStatus } from './entitlements';
import type { JourneyState } from './journey-state';

export interface TimelineEntry {
  occurredAt: string;
  recordedAt: string;
  type: string;
  eventId: string;
  agency: { id: string; kind: string };
  crimeReference: string;
}

/** What a victim liaison officer sees of one victim: flags, cases, what each agency did, what is owed. */
export interface VictimJourneyView {
  victimId: string;
  policeArea: string;
  enhancedRights: { enhanced: boolean; reasons: EnhancedReason[] };
  cases: {
    crimeReference: string;
    caseUrns: string[];
    offenceCategory: string;
    victimNumber: number;
    reportedAt: string;
    /** `report-date` asks the police for the offence date: the age may be judged too late. */
    ageJudgedOn: AgeJudgedOn;
    enhancedReasons: EnhancedReason[];
  }[];
  timeline: TimelineEntry[];
  entitlements: Entitlement[];
  summary: Partial<Record<EntitlementStatus, number>>;
}

export function journeyViewOf(state: JourneyState, now: Date): VictimJourneyView {
  const cases = [...casesOf(state.events).values()];
  const nowIso = now.toISOString();
  const caseViews = cases.map((c) => ({
    crimeReference: c.crimeReference,
    caseUrns: c.caseUrns,
    offenceCategory: c.offenceCategory,
    victimNumber: c.victimNumber,
    reportedAt: c.reportedAt,
    ageJudgedOn: c.ageJudgedOn,
    enhancedReasons: enhancedReasonsAt(c, nowIso),
  }));
  const reasons = [...new Set(caseViews.flatMap((c) => c.enhancedReasons))].sort();
  const entitlements = entitlementsOf(state.events, now);
  const summary: Partial<Record<EntitlementStatus, number>> = {};
  for (const e of entitlements) summary[e.status] = (summary[e.status] ?? 0) + 1;
  return {
    victimId: state.victimId ?? '',
    policeArea: state.policeArea ?? '',
    enhancedRights: { enhanced: reasons.length > 0, reasons },
    cases: caseViews,
    timeline: inOccurrenceOrder(state.events).map((e) => ({
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      type: e.type,
      eventId: e.agencyEventId,
      agency: { id: e.agencyId, kind: e.agencyKind },
      crimeReference: e.crimeReference,
    })),
    entitlements,
    summary,
  };
}
