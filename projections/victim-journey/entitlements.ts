import {
  calendarDaysAfter,
  calendarDaysBefore,
  CODE_EDITIONS,
  editionInForceOn,
  londonDateOf,
  TRIGGER_CONDITIONS,
  workingDaysAfter,
  workingDaysBetween,
  type CodeEdition,
  type Deadline,
  type EnhancedReason,
  type EntitlementRule,
  type EventMatch,
  type Exclusion,
  instantMsOf,
  type RightNumber,
} from '@vj/victims-code';
import { byOccurrence, dataFieldOf, inOccurrenceOrder, type JourneyEvent } from '../journey-event';
import { casesOf, enhancedReasonsAt, type CaseFacts } from './cases';

/**
 * Timed entitlements: `pending` until the deadline ends, then `breached` unless met; `met` or
 * `met-late` by the fulfilment's occurredAt. Entitlements with no clock: `owed`, `given`,
 * `declined`. Either: `not-applicable` (a later fact removed it) or `waived` (the victim asked not
 * to be told).
 */
export type EntitlementStatus =
  | 'pending'
  | 'met'
  | 'met-late'
  | 'breached'
  | 'owed'
  | 'given'
  | 'declined'
  | 'not-applicable'
  | 'waived';

export interface EventReference {
  /** The agency's own id for the event. */
  eventId: string;
  type: string;
  agencyId: string;
  occurredAt: string;
  recordedAt: string;
}

export interface Entitlement {
  /** Unique within the victim: the rule and the trigger (and, for recurring updates, which one). */
  id: string;
  victimId: string;
  policeArea: string;
  crimeReference: string;
  ruleId: string;
  right: RightNumber;
  title: string;
  /** The Code edition whose rule produced it, so a report can say why. */
  edition: string;
  owedBy: string;
  trigger: EventReference;
  enhanced: boolean;
  enhancedReasons: EnhancedReason[];
  deadline: Deadline | null;
  status: EntitlementStatus;
  fulfilment: (EventReference & { recordedAfterDeadline: boolean }) | null;
  /** Working days past the deadline: until fulfilment when met late, until now when breached. */
  workingDaysLate: number | null;
  notApplicable: { because: Exclusion; from: string } | null;
}

const ENDS_INVESTIGATION = new Set([
  'suspect-charged',
  'out-of-court-disposal-given',
  'suspect-released-no-further-action',
  'decided-not-to-investigate',
  'decided-not-to-prosecute',
  'cps-decided-not-to-charge',
]);

/** An entitlement before its status is judged. */
interface Opened {
  id: string;
  rule: EntitlementRule;
  edition: CodeEdition;
  trigger: JourneyEvent;
  deadline: Deadline | null;
  reasons: EnhancedReason[];
  fulfilment: JourneyEvent | null;
  /** For recurring updates: an instance superseded or ended before it fell due. */
  endedAt?: string;
}

interface ExclusionPeriod {
  kind: Exclusion;
  /** -Infinity: from the start of the journey. */
  from: number;
  to: number;
  crimeReference?: string;
  /** A data field the trigger must share with the period's event: the offender, the hearing. */
  sameAs?: { field: string; value: unknown };
}

/**
 * Every entitlement of a victim's journey, judged at `now`. Pure: same events and now, same answer.
 * `editions` is another list than the Code's only for the Code-impact forecast (a draft edition).
 */
export function entitlementsOf(
  events: readonly JourneyEvent[],
  now: Date,
  editions: readonly CodeEdition[] = CODE_EDITIONS,
): Entitlement[] {
  const ordered = inOccurrenceOrder(events);
  const cases = casesOf(ordered);
  const opened: Opened[] = [];
  const used = new Set<string>();
  // Receipts that started a clock, per rule: one receipt answers one trigger.
  const receipts = new Set<string>();

  for (const trigger of ordered) {
    const edition = editionInForceOn(londonDateOf(trigger.occurredAt), editions);
    if (!edition) continue;
    let reasons: EnhancedReason[] | undefined;
    for (const rule of edition.rules) {
      if (!isTriggeredBy(rule, trigger)) continue;
      reasons ??= reasonsFor(cases, trigger);
      if (rule.deadline.kind === 'calendar-days-interval') {
        opened.push(...recurringUpdates(rule, edition, trigger, reasons, ordered, used, now));
        continue;
      }
      const clockStart = clockStartOf(rule, trigger, ordered, receipts);
      opened.push({
        id: `${rule.id}.${trigger.eventId}`,
        rule,
        edition,
        trigger,
        deadline: deadlineOf(rule, { ...trigger, occurredAt: clockStart }, reasons.length > 0),
        reasons,
        fulfilment: null,
      });
    }
  }

  // Each fulfilment answers the earliest open entitlement it can: agencies need not say which.
  const byTrigger = [...opened].sort((a, b) => byOccurrence(a.trigger, b.trigger));
  for (const fulfilment of ordered) {
    if (used.has(fulfilment.eventId)) continue;
    const match = byTrigger.find((o) => o.fulfilment === null && fulfils(o, fulfilment));
    if (match) {
      match.fulfilment = fulfilment;
      used.add(fulfilment.eventId);
    }
  }

  const exclusions = exclusionPeriodsOf(ordered);
  return opened.map((o) => judge(o, exclusions, now));
}

function isTriggeredBy(rule: EntitlementRule, event: JourneyEvent): boolean {
  return rule.triggers.some(
    (t) =>
      t.type === event.type && (!t.when || TRIGGER_CONDITIONS[t.when](event, event.agencyKind)),
  );
}

/** A later event about the same case and the same thing as the trigger (see EventMatch). */
function answers(match: EventMatch, trigger: JourneyEvent, event: JourneyEvent): boolean {
  if (event.type !== match.type || event.crimeReference !== trigger.crimeReference) return false;
  if (match.where && dataFieldOf(event, match.where.field) !== match.where.equals) return false;
  return (
    !match.matchOn || dataFieldOf(event, match.matchOn) === dataFieldOf(trigger, match.matchOn)
  );
}

/**
 * When the rule's clock starts: at the owing agency's receipt, for a rule timed from one
 * (`clockFrom`), the first receipt posted at or after the trigger and not already starting
 * another of its clocks; at the trigger otherwise.
 */
function clockStartOf(
  rule: EntitlementRule,
  trigger: JourneyEvent,
  ordered: readonly JourneyEvent[],
  receipts: Set<string>,
): string {
  const triggeredAt = instantMsOf(trigger.occurredAt);
  for (const match of rule.clockFrom ?? []) {
    const receipt = ordered.find(
      (e) =>
        !receipts.has(`${rule.id}.${e.eventId}`) &&
        instantMsOf(e.occurredAt) >= triggeredAt &&
        answers(match, trigger, e),
    );
    if (receipt) {
      receipts.add(`${rule.id}.${receipt.eventId}`);
      return receipt.occurredAt;
    }
  }
  return trigger.occurredAt;
}

function reasonsFor(cases: Map<string, CaseFacts>, trigger: JourneyEvent): EnhancedReason[] {
  // An event for a crime the police have not (yet) recorded for this victim is judged by their first case.
  const c = cases.get(trigger.crimeReference) ?? cases.values().next().value;
  return c ? enhancedReasonsAt(c, trigger.occurredAt) : [];
}

function deadlineOf(
  rule: EntitlementRule,
  trigger: JourneyEvent,
  enhanced: boolean,
): Deadline | null {
  const d = rule.deadline;
  switch (d.kind) {
    case 'working-days':
      return workingDaysAfter(trigger.occurredAt, enhanced ? d.enhanced : d.standard);
    case 'calendar-days-before': {
      const date = dataFieldOf(trigger, d.dateField);
      if (typeof date !== 'string') return null;
      const due = calendarDaysBefore(date, d.days);
      const listedTooLate = instantMsOf(trigger.occurredAt) >= instantMsOf(due.endsAt);
      return listedTooLate && d.shortNotice !== undefined
        ? calendarDaysBefore(date, d.shortNotice)
        : due;
    }
    case 'calendar-days-interval': {
      const days = dataFieldOf(trigger, d.daysField);
      return typeof days === 'number' ? calendarDaysAfter(trigger.occurredAt, days) : null;
    }
    case 'none':
      return null;
    default: {
      const unknown: never = d;
      throw new Error(`unknown deadline ${JSON.stringify(unknown)}`);
    }
  }
}

function fulfils(o: Opened, event: JourneyEvent): boolean {
  const by = o.rule.fulfilledBy;
  // Recurring updates are matched as their chain is built (recurringUpdates), each by an update
  // after it opened: an update given before the frequency was agreed answers none of them.
  if (o.rule.deadline.kind === 'calendar-days-interval') return false;
  if (!answers(by, o.trigger, event) && !by.shownBy?.some((m) => answers(m, o.trigger, event))) {
    return false;
  }
  if (event.type === 'victim-informed') {
    if (event.data.entitlement !== o.rule.id) return false;
    const named = event.data.triggerEventId;
    if (typeof named === 'string' && named !== o.trigger.agencyEventId) return false;
  }
  return true;
}

/**
 * Updates at an agreed frequency: each update opens the next, due that many calendar days on.
 * A chain ends when the investigation ends, when a new frequency is agreed, or at the first
 * update not yet given.
 */
function recurringUpdates(
  rule: EntitlementRule,
  edition: CodeEdition,
  agreement: JourneyEvent,
  reasons: EnhancedReason[],
  ordered: readonly JourneyEvent[],
  used: Set<string>,
  now: Date,
): Opened[] {
  const after = (e: JourneyEvent, t: string) => instantMsOf(e.occurredAt) > instantMsOf(t);
  const sameCase = (e: JourneyEvent) => e.crimeReference === agreement.crimeReference;
  const ends = ordered.find(
    (e) =>
      sameCase(e) &&
      after(e, agreement.occurredAt) &&
      (ENDS_INVESTIGATION.has(e.type) ||
        (e.type === agreement.type && e.eventId !== agreement.eventId)),
  );
  const updates = ordered.filter(
    (e) => sameCase(e) && e.type === 'victim-informed' && e.data.entitlement === rule.id,
  );
  const instances: Opened[] = [];
  let start = agreement;
  for (let n = 1; n <= 1000 && instantMsOf(start.occurredAt) <= now.getTime(); n++) {
    const deadline = deadlineOf(rule, { ...agreement, occurredAt: start.occurredAt }, false);
    if (!deadline) break;
    if (ends && instantMsOf(ends.occurredAt) < instantMsOf(deadline.endsAt)) {
      // The investigation ended (or a new frequency was agreed) before this update fell due.
      const unanswered = !updates.some(
        (u) => !used.has(u.eventId) && after(u, start.occurredAt) && !after(u, ends.occurredAt),
      );
      if (unanswered) break;
    }
    const update = updates.find((u) => !used.has(u.eventId) && after(u, start.occurredAt));
    instances.push({
      id: `${rule.id}.${agreement.eventId}.${n}`,
      rule,
      edition,
      trigger: start,
      deadline,
      reasons,
      fulfilment: update ?? null,
    });
    if (!update) break;
    used.add(update.eventId);
    start = update;
  }
  return instances;
}

function exclusionPeriodsOf(ordered: readonly JourneyEvent[]): ExclusionPeriod[] {
  const periods: ExclusionPeriod[] = [];
  const at = (e: JourneyEvent) => instantMsOf(e.occurredAt);
  const offender = (e: JourneyEvent) => ({
    field: 'suspectNumber',
    value: dataFieldOf(e, 'suspectNumber'),
  });
  for (const e of ordered) {
    if (e.type === 'support-referral-declined') {
      periods.push({
        kind: 'support-declined',
        from: at(e),
        to: Infinity,
        crimeReference: e.crimeReference,
      });
    } else if (e.type === 'victim-withdrew' && e.data.scope === 'all-contact') {
      // The withdrawal names its case: a victim in two crimes may withdraw from one only.
      periods.push({
        kind: 'withdrew',
        from: at(e),
        to: Infinity,
        crimeReference: e.crimeReference,
      });
    } else if (e.type === 'victim-re-engaged') {
      for (const p of periods) {
        if (p.kind === 'withdrew' && p.to === Infinity && p.crimeReference === e.crimeReference)
          p.to = at(e);
      }
    } else if (e.type === 'victim-withdrew' || e.type === 'vcs-opted-out') {
      periods.push({
        kind: 'vcs-opted-out',
        from: at(e),
        to: Infinity,
        crimeReference: e.crimeReference,
        ...(e.type === 'vcs-opted-out' ? { sameAs: offender(e) } : {}),
      });
    } else if (e.type === 'vcs-opted-in') {
      // Opting back in ends the opt-out for this offender from now on.
      for (const p of periods) {
        if (
          p.kind === 'vcs-opted-out' &&
          p.to === Infinity &&
          p.crimeReference === e.crimeReference &&
          (p.sameAs === undefined || p.sameAs.value === e.data.suspectNumber)
        ) {
          p.to = at(e);
        }
      }
    } else if (e.type === 'vps-declined') {
      periods.push({
        kind: 'vps-declined',
        from: at(e),
        to: Infinity,
        crimeReference: e.crimeReference,
        sameAs: { field: 'paroleHearingId', value: e.data.paroleHearingId },
      });
    }
  }
  return [...periods, ...notOptedInPeriodsOf(ordered)];
}

/** Until a victim first opts in to the scheme for an offender, what the scheme owes is not owed. */
function notOptedInPeriodsOf(ordered: readonly JourneyEvent[]): ExclusionPeriod[] {
  const periods = new Map<string, ExclusionPeriod>();
  for (const e of ordered) {
    const suspectNumber = dataFieldOf(e, 'suspectNumber');
    if (typeof suspectNumber !== 'number') continue;
    const key = `${e.crimeReference}#${suspectNumber}`;
    let period = periods.get(key);
    if (!period) {
      period = {
        kind: 'vcs-not-opted-in',
        from: -Infinity,
        to: Infinity,
        crimeReference: e.crimeReference,
        sameAs: { field: 'suspectNumber', value: suspectNumber },
      };
      periods.set(key, period);
    }
    if (e.type === 'vcs-opted-in' && period.to === Infinity) period.to = instantMsOf(e.occurredAt);
  }
  return [...periods.values()];
}

/**
 * A re-engagement before an entitlement's deadline ends makes it owed again, its clock restarted
 * from the re-engagement (day 0): the agency had no one to tell while the victim was withdrawn.
 * Recurring updates are left out: a new agreement starts them again.
 */
function revivedByReEngagement(
  exclusion: ExclusionPeriod,
  rule: EntitlementRule,
  endsAt: number,
): boolean {
  return (
    exclusion.kind === 'withdrew' &&
    exclusion.to < endsAt &&
    rule.deadline.kind !== 'calendar-days-interval'
  );
}

function judge(o: Opened, exclusions: ExclusionPeriod[], now: Date): Entitlement {
  const { rule, trigger, fulfilment } = o;
  const fulfilledAt = fulfilment ? instantMsOf(fulfilment.occurredAt) : Infinity;
  let deadline = o.deadline;
  let endsAt = deadline ? instantMsOf(deadline.endsAt) : Infinity;
  // When the clock started: the trigger, or the victim's latest re-engagement before the deadline.
  let clockFrom = instantMsOf(trigger.occurredAt);

  let exclusion: ExclusionPeriod | undefined;
  for (;;) {
    const start = clockFrom;
    const end = endsAt;
    exclusion = exclusions.find(
      (p) =>
        rule.notApplicableWhen.includes(p.kind) &&
        (p.crimeReference === undefined || p.crimeReference === trigger.crimeReference) &&
        (p.sameAs === undefined || p.sameAs.value === dataFieldOf(trigger, p.sameAs.field)) &&
        p.from < Math.min(end, fulfilledAt) &&
        p.to > start &&
        fulfilledAt > Math.max(p.from, start),
    );
    if (!exclusion || !revivedByReEngagement(exclusion, rule, endsAt)) break;
    clockFrom = exclusion.to;
    deadline = deadlineOf(
      rule,
      { ...trigger, occurredAt: new Date(clockFrom).toISOString() },
      o.reasons.length > 0,
    );
    endsAt = deadline ? instantMsOf(deadline.endsAt) : Infinity;
  }

  let status: EntitlementStatus;
  let workingDaysLate: number | null = null;
  const lateBy = (until: number) =>
    deadline ? workingDaysBetween(deadline.localDate, londonDateOf(new Date(until))) : null;
  if (exclusion) {
    status = 'not-applicable';
  } else if (!deadline) {
    const declined = rule.fulfilledBy.declinedWhen;
    status = !fulfilment
      ? 'owed'
      : isWaiver(fulfilment)
        ? 'waived'
        : declined && dataFieldOf(fulfilment, declined.field) === declined.equals
          ? 'declined'
          : 'given';
  } else if (fulfilment && fulfilledAt < endsAt) {
    status = isWaiver(fulfilment) ? 'waived' : 'met';
  } else if (fulfilment) {
    status = 'met-late';
    workingDaysLate = lateBy(fulfilledAt);
  } else if (now.getTime() >= endsAt) {
    status = 'breached';
    workingDaysLate = lateBy(now.getTime());
  } else {
    status = 'pending';
  }

  return {
    id: o.id,
    victimId: trigger.victimId,
    policeArea: trigger.policeArea,
    crimeReference: trigger.crimeReference,
    ruleId: rule.id,
    right: rule.right,
    title: rule.title,
    edition: o.edition.id,
    owedBy: owedByOf(rule, trigger),
    trigger: referenceTo(trigger),
    enhanced: o.reasons.length > 0,
    enhancedReasons: o.reasons,
    deadline,
    status,
    fulfilment: fulfilment
      ? {
          ...referenceTo(fulfilment),
          recordedAfterDeadline: instantMsOf(fulfilment.recordedAt) >= endsAt,
        }
      : null,
    workingDaysLate,
    notApplicable: exclusion
      ? {
          because: exclusion.kind,
          from: new Date(
            Number.isFinite(exclusion.from) ? exclusion.from : clockFrom,
          ).toISOString(),
        }
      : null,
  };
}

/** The victim asked not to be told what this entitlement owes them. */
function isWaiver(fulfilment: JourneyEvent): boolean {
  return fulfilment.type === 'victim-informed' && fulfilment.data.waived === true;
}

function owedByOf(rule: EntitlementRule, trigger: JourneyEvent): string {
  const owed = rule.owedBy;
  if (owed === 'trigger-poster') return trigger.agencyKind;
  if (typeof owed === 'object') return String(dataFieldOf(trigger, owed.triggerField));
  return owed;
}

function referenceTo(e: JourneyEvent): EventReference {
  return {
    eventId: e.agencyEventId,
    type: e.type,
    agencyId: e.agencyId,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
  };
}

/** The next instant at which the judgement changes with time alone: a pending deadline ending. */
export function nextChangeOf(entitlements: readonly Entitlement[]): string | null {
  const pending = entitlements
    .filter((e) => e.status === 'pending' && e.deadline)
    .map((e) => e.deadline?.endsAt as string)
    .sort();
  return pending[0] ?? null;
}
