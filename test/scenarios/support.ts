/**
 * Helpers for the scenario suite: whole victims' journeys as fixtures, judged at a fixed "now".
 *
 * Every expected deadline in the scenarios is worked by hand from the Victims' Code rules and the
 * England and Wales bank holidays, never copied from the engine's output. The helpers below only
 * shape the engine's answer into rows that are easy to read against those hand workings.
 */
import { validateIncomingEvent, type EventType } from '@vj/event-schemas';
import { VICTIM_STREAM_PREFIX, type JsonObject } from '@vj/event-store';
import {
  entitlementsOf,
  toJourneyEvent,
  vcsRecordsOf,
  type Entitlement,
  type EntitlementStatus,
  type JourneyEvent,
  type VcsRecord,
} from '@vj/projections';
import { JourneyBuilder } from '../../projections/testing/journey-builder';

export { CRIME, VICTIM_ID } from '../../projections/testing/journey-builder';

/** An enhanced-rights assessment with no flag set; `flags({ intimidated: true })` sets some. */
export const NO_FLAGS = {
  vulnerable: false,
  intimidated: false,
  persistentlyTargeted: false,
  mostSeriousCrime: false,
  bereaved: false,
};

export const flags = (set: Partial<typeof NO_FLAGS>) => ({ ...NO_FLAGS, ...set });

type AgencyKind =
  | 'police'
  | 'cps'
  | 'witness-care-unit'
  | 'court'
  | 'probation'
  | 'prison'
  | 'hospital'
  | 'parole-board';

export interface TellOptions {
  /** The agency kind that told the victim (police unless said). */
  by?: AgencyKind;
  /** The crime the telling is about, when the victim is in more than one. */
  crime?: string;
  /** When the agency recorded it, if later than when the victim was told. */
  recordedAt?: string;
  /** How the victim was told: by phone unless said (a written acknowledgement: `email`, `letter`). */
  method?: 'letter' | 'phone' | 'email' | 'in-person' | 'text' | 'video';
  /** The victim asked not to be told. */
  waived?: boolean;
  /** The agency's id of the trigger event answered. */
  triggerEventId?: string;
}

/** The projections' given-events builder, with a few words for scenarios. */
export class Journey extends JourneyBuilder {
  /** An event posted by an agency of the given kind. */
  by(
    agencyKind: AgencyKind,
    type: EventType,
    occurredAt: string,
    data: Record<string, unknown> = {},
    options: { recordedAt?: string; crimeReference?: string; eventId?: string } = {},
  ): this {
    return this.event(type, occurredAt, data, { ...options, agencyKind });
  }

  /** `victim-informed`: the victim was told what an entitlement owes them (or waived it). */
  told(entitlement: string, occurredAt: string, options: TellOptions = {}): this {
    return this.event(
      'victim-informed',
      occurredAt,
      {
        entitlement,
        method: options.method ?? 'phone',
        ...(options.waived !== undefined ? { waived: options.waived } : {}),
        ...(options.triggerEventId !== undefined ? { triggerEventId: options.triggerEventId } : {}),
      },
      {
        agencyKind: options.by ?? 'police',
        ...(options.crime !== undefined ? { crimeReference: options.crime } : {}),
        ...(options.recordedAt !== undefined ? { recordedAt: options.recordedAt } : {}),
      },
    );
  }
}

export const journey = (crimeReference?: string) => new Journey(crimeReference);

/**
 * Checks each fixture event as the ingestion API would have: published schema and version,
 * well-formed data, and posted by an agency kind allowed to post it. A scenario built from events
 * no agency could have sent would prove nothing.
 */
/** An event as a fixture gives it: the journey envelope, any type, version and data, checked below. */
type FixtureEvent = Omit<JourneyEvent, 'type' | 'schemaVersion' | 'data'> & {
  type: string;
  schemaVersion: number;
  data: unknown;
};

export function assertPostable(events: readonly FixtureEvent[]): void {
  const problems: string[] = [];
  for (const e of events) {
    const outcome = validateIncomingEvent(
      {
        eventId: e.agencyEventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        occurredAt: e.occurredAt,
        crimeReference: e.crimeReference,
        data: e.data,
      },
      new Date(e.recordedAt),
    );
    if (!outcome.valid) {
      problems.push(`${e.agencyEventId}: ${JSON.stringify(outcome.errors)}`);
    } else if (!outcome.schema.owners.includes(e.agencyKind as AgencyKind)) {
      problems.push(`${e.agencyEventId}: a ${e.agencyKind} may not post ${e.type}`);
    }
  }
  if (problems.length > 0) throw new Error(`Fixture events not postable:\n${problems.join('\n')}`);
}

/**
 * An event as an older sender posted it (an earlier schema version and its data), stored, and
 * read back by the projections, which lift it to the latest version (event-schemas/upcasters.ts).
 */
export function postedAtVersion(
  event: JourneyEvent,
  schemaVersion: number,
  data: Record<string, unknown>,
): JourneyEvent {
  assertPostable([{ ...event, schemaVersion, data }]);
  return toJourneyEvent({
    streamId: `${VICTIM_STREAM_PREFIX}${event.victimId}`,
    eventId: event.eventId,
    type: event.type,
    revision: event.revision,
    globalPosition: BigInt(event.revision),
    data: data as JsonObject,
    metadata: {
      agencyEventId: event.agencyEventId,
      schemaVersion,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      agencyId: event.agencyId,
      agencyKind: event.agencyKind,
      policeArea: event.policeArea,
      crimeReference: event.crimeReference,
      caseUrn: event.caseUrn,
      correlationId: null,
      causationId: null,
      contentHash: `test-${event.eventId}`,
    },
  });
}

/** The events an agency had recorded by an instant: the journey as it was known then. */
export function knownAt(events: readonly JourneyEvent[], instant: string): JourneyEvent[] {
  return events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(instant));
}

/** Every entitlement of the journey judged at `now`, after checking the fixtures are postable. */
export function entitlementsAt(events: readonly JourneyEvent[], now: string): Entitlement[] {
  assertPostable(events);
  return entitlementsOf(events, new Date(now));
}

export function vcsAt(events: readonly JourneyEvent[], now: string): VcsRecord[] {
  assertPostable(events);
  return vcsRecordsOf(events, new Date(now));
}

/** An entitlement as the scenarios state it. */
export interface Row {
  rule: string;
  crime: string;
  status: EntitlementStatus;
  owedBy: string;
  enhanced: boolean;
  /** The deadline's London date (the last day to meet it), null when there is no clock. */
  due: string | null;
  /** The instant the deadline ends (next London midnight, exclusive). */
  endsAt: string | null;
  late: number | null;
  recordedAfterDeadline: boolean | null;
  because: string | null;
}

export function rowOf(e: Entitlement): Row {
  return {
    rule: e.ruleId,
    crime: e.crimeReference,
    status: e.status,
    owedBy: e.owedBy,
    enhanced: e.enhanced,
    due: e.deadline?.localDate ?? null,
    endsAt: e.deadline?.endsAt ?? null,
    late: e.workingDaysLate,
    recordedAfterDeadline: e.fulfilment?.recordedAfterDeadline ?? null,
    because: e.notApplicable?.because ?? null,
  };
}

type Common = Pick<Row, 'rule' | 'owedBy' | 'enhanced' | 'due'> &
  Partial<Pick<Row, 'crime' | 'endsAt' | 'recordedAfterDeadline'>>;

/**
 * An expected entitlement: rule, who owes it, standard or enhanced, deadline and status always;
 * working days late whenever it was met late or breached; why, whenever it is not applicable.
 */
export type Expected = Common &
  (
    | { status: 'met-late' | 'breached'; late: number }
    | { status: 'not-applicable'; because: string }
    | { status: Exclude<EntitlementStatus, 'met-late' | 'breached' | 'not-applicable'> }
  );

/**
 * The journey's entitlements are exactly these, in the engine's order: by trigger (when it
 * happened), then in the order of the Code's rule table.
 */
export function expectEntitlements(actual: readonly Entitlement[], expected: Expected[]): void {
  expect(actual.map(rowOf)).toMatchObject(expected);
}

type NoClockStatus = 'owed' | 'given' | 'declined' | 'waived';

/** The three entitlements with no clock that every crime report opens (Rights 4, 5 and 7). */
export function noClockOnReport(
  statuses: { vpsOffer?: NoClockStatus; compensation?: NoClockStatus; needs?: NoClockStatus } = {},
  enhanced = false,
): Expected[] {
  const row = (rule: string, status: NoClockStatus = 'owed'): Expected => ({
    rule,
    status,
    owedBy: 'police',
    enhanced,
    due: null,
  });
  return [
    row('vps-offer', statuses.vpsOffer),
    row('compensation-information', statuses.compensation),
    row('needs-assessment', statuses.needs),
  ];
}
