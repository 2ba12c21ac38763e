import {
  agencyCaller,
  decide,
  needsNationalParts,
  officerAgencyKindOf,
  subjectOf,
  viewOf,
  type Action,
  type Caller,
  type Decision,
  type PersonCaller,
  type VictimScope,
} from '@vj/access-policy';
import type { Agency } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import {
  ERASED,
  EVENT_TYPES,
  personalFieldsOf,
  validateIncomingEvent,
  type FieldError,
  type StoredEventMetadata,
  type PostedEvent,
} from '@vj/event-schemas';
import {
  EventIdConflictError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '@vj/event-store';
import { isFieldEnvelope, type Erasure, type PersonalDataVault } from '@vj/personal-data';
import { LRUCache } from 'lru-cache';
import { nationalPartsOf } from '@vj/projections';
import { ageBandAtOffence, ENTITLEMENT_IDS } from '@vj/victims-code';
import { contentHashOf } from './content-hash';
import { IngestionRefused } from './errors';
import { WORKERS_FOLLOW_THE_STORE, type ProjectionTrigger } from './projection-trigger';
import {
  metadataOf,
  publishedEventOf,
  toStoredEventView,
  type StoredEventView,
} from './stored-event-view';
import { isVictimId, storedEventIdFor, victimIdFor, victimStreamId } from './victim-identity';

export const MAX_EVENTS_PER_POST = 100;
/**
 * How many victims' opening crime reports a process keeps at hand: about 1.2 KB each on the heap
 * (the benchmark's crime reports), so some 23 MB once this many victims have been posted to.
 */
const OPENINGS_CACHED = 20_000;
export const MAX_EVENTS_PER_PAGE = 500;

export interface PostResult {
  victimId: string;
  /** True when every event had been stored by an earlier post: nothing new was stored. */
  replayed: boolean;
  /** The stream's last revision after the post: pass it as `expectedRevision` next time. */
  streamRevision: number;
  events: StoredEventView[];
}

export interface EventPage {
  victimId: string;
  events: StoredEventView[];
  /** Where the next page starts, or null at the end of the stream. */
  nextFromRevision: number | null;
}

/** An erasure, and every field it made unreadable. */
export interface ErasureResult extends Erasure {
  fields: { eventId: string; type: string; field: string }[];
}

export interface VictimReference {
  policeArea: string;
  crimeReference: string;
  victimNumber: number;
}

interface RawPost {
  path: string;
  raw: unknown;
}

interface PathedEvent {
  /** Where the event is in the posted body: '' for a single event, `events[i]` in a batch. */
  path: string;
  event: PostedEvent;
}

/**
 * The agency ingestion use cases: open a victim's journey, post events to it, read it back.
 * Framework-free; who may do what is the access policy's, and the HTTP edge maps
 * `IngestionRefused` to status codes.
 */
export class JourneyIngestion {
  /**
   * The crime report that opened each recently seen victim's stream. Revision 0 of a stream never
   * changes and a stream is never removed, so a cached opening is never stale, in any process:
   * a post from the police or the CPS then reads nothing before its append.
   */
  private readonly openings = new LRUCache<string, RecordedEvent>({ max: OPENINGS_CACHED });

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly personalData: PersonalDataVault,
    private readonly projections: ProjectionTrigger = WORKERS_FOLLOW_THE_STORE,
  ) {}

  /** The police record a crime: the victim's stream is opened with the crime report. */
  async registerVictim(caller: Caller, body: unknown): Promise<PostResult> {
    const agency = postingAgency(caller, 'open-journey');
    const [posted] = this.validate(caller, agency, [{ path: '', raw: body }]);
    const event = posted?.event;
    if (!posted || !event || event.type !== 'crime-reported') {
      throw new IngestionRefused('invalid', 'the body must be a crime-reported event', [
        { field: 'type', reason: "must be 'crime-reported'" },
      ]);
    }
    const victimId = victimIdFor(agency.homeArea, event.crimeReference, event.data.victimNumber);
    try {
      return await this.append(agency, victimId, agency.homeArea, [posted], 'no-stream');
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        throw new IngestionRefused(
          'conflict',
          'a victim with this crime reference and victim number is already registered',
          [],
          { victimId },
        );
      }
      throw error;
    }
  }

  async postEvents(
    caller: Caller,
    victimId: string,
    body: unknown,
    expectedRevision?: number,
  ): Promise<PostResult> {
    const agency = postingAgency(caller, 'post-event');
    return this.post(caller, agency, victimId, body, expectedRevision ?? 'any');
  }

  /**
   * An officer records what they did for a victim (the web pages' forms), as their agency: the
   * policy lets them post only the fulfilments their agency's kind owns, for victims of their
   * areas; the stored event names the agency and, as `recordedBy`, the officer.
   */
  async recordForOfficer(
    officer: PersonCaller,
    agency: Agency,
    victimId: string,
    body: unknown,
  ): Promise<PostResult> {
    permitted(decide(officer, 'post-event'));
    if (officer.agencyId !== agency.id || officerAgencyKindOf(officer) !== agency.kind) {
      throw new IngestionRefused('forbidden', 'an officer records events only as their own agency');
    }
    return this.post(officer, agency, victimId, body, 'any');
  }

  private async post(
    caller: Caller,
    agency: Agency,
    victimId: string,
    body: unknown,
    expectedRevision: ExpectedRevision,
  ): Promise<PostResult> {
    const events = this.validate(caller, agency, postedEvents(body));
    const { victim, opening } = await this.victimScopeOf(
      caller,
      'post-event',
      victimId,
      events.map(({ event }) => event),
    );
    // Only a crime report is compared with the opening one, so only then is its date of birth opened.
    const reporting = events.some(({ event }) => event.type === 'crime-reported');
    const [opened] = reporting ? await this.revealed(victimId, [opening]) : [opening];
    const differences = events.flatMap((e) => identityDifferences(agency, opened!, e));
    if (differences.length > 0) {
      throw new IngestionRefused(
        'conflict',
        'a crime-reported event must be about the victim whose journey it is posted to: the crime report that opened it names another crime, victim or area',
        differences,
      );
    }
    const { policeArea } = victim;
    const recordedBy = caller.kind === 'person' ? caller.subject : undefined;
    return this.append(agency, victimId, policeArea, events, expectedRevision, recordedBy);
  }

  async readEvents(
    caller: Caller,
    victimId: string,
    fromRevision: number,
    limit: number,
  ): Promise<EventPage> {
    await this.victimScopeOf(caller, 'read-stream', victimId);
    const events = await this.store.readStream(victimStreamId(victimId), {
      fromRevision,
      maxCount: limit + 1,
    });
    const page = events.slice(0, limit);
    return {
      victimId,
      events: await this.viewsOf(caller, victimId, page),
      nextFromRevision: events.length > limit ? fromRevision + limit : null,
    };
  }

  /**
   * Erases the victim's personal data (an administrator's decision, with its reason): the data
   * key is destroyed, so every personal field of every event reads as erased from now on. The
   * events stay, and with them every entitlement and count. Asking again changes nothing.
   */
  async erasePersonalData(caller: Caller, victimId: string, body: unknown): Promise<ErasureResult> {
    permitted(decide(caller, 'erase-personal-data'));
    const reason = erasureReasonOf(body);
    await this.victimScopeOf(caller, 'erase-personal-data', victimId);
    const erasure = await this.personalData.erase(victimId, subjectOf(caller), reason);
    const events = await this.store.readStream(victimStreamId(victimId));
    const fields = events.flatMap((e) => {
      const m = metadataOf(e);
      return personalFieldsOf(e.type, m.schemaVersion)
        .filter((field) => e.data[field] !== undefined)
        .map((field) => ({ eventId: m.agencyEventId, type: e.type, field }));
    });
    return { ...erasure, fields };
  }

  /**
   * The personal fields of the victim's crime reports (the date of birth), opened for a caller
   * who may read the journey, or the erased marker once the victim's data was erased.
   */
  async personalDetailsOf(
    caller: Caller,
    victimId: string,
  ): Promise<{
    erased: boolean;
    crimeReports: { crimeReference: string; dateOfBirth: string | null }[];
  }> {
    await this.victimScopeOf(caller, 'read-journey', victimId);
    const events = await this.store.readStream(victimStreamId(victimId));
    const reports = await this.viewsOf(
      caller,
      victimId,
      events.filter((e) => e.type === 'crime-reported'),
    );
    const crimeReports = reports.map((r) => {
      const data = r.data as { victimDateOfBirth?: unknown };
      return {
        crimeReference: r.crimeReference,
        dateOfBirth: typeof data.victimDateOfBirth === 'string' ? data.victimDateOfBirth : null,
      };
    });
    return { erased: crimeReports.some((r) => r.dateOfBirth === ERASED), crimeReports };
  }

  /** The events as this caller sees them: personal fields opened (or erased), then its view. */
  private async viewsOf(
    caller: Caller,
    victimId: string,
    events: RecordedEvent[],
  ): Promise<StoredEventView[]> {
    const opened = await this.revealed(victimId, events);
    return opened.map((e) => viewOf(caller, toStoredEventView(e, e.data)));
  }

  /** Stored events with their personal fields opened, or reading as erased. */
  private async revealed(victimId: string, events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const data = await this.personalData.reveal(
      victimId,
      events.map((e) => ({
        eventId: e.eventId,
        type: e.type,
        schemaVersion: metadataOf(e).schemaVersion,
        data: e.data,
      })),
    );
    // Opened values are the JSON they were sealed from.
    return events.map((e, i) => ({ ...e, data: (data[i] ?? e.data) as JsonObject }));
  }

  /** Finds a victim by the crime that opened their journey; undefined when none is visible. */
  async findVictim(caller: Caller, reference: VictimReference): Promise<string | undefined> {
    permitted(decide(caller, 'find-victim'));
    const victimId = victimIdFor(
      reference.policeArea,
      reference.crimeReference,
      reference.victimNumber,
    );
    return (await this.isVisible(caller, victimId)) ? victimId : undefined;
  }

  /** Whether the victim exists and the caller may find them (403 if it may find no victim). */
  async isVisible(caller: Caller, victimId: string): Promise<boolean> {
    try {
      await this.victimScopeOf(caller, 'find-victim', victimId);
      return true;
    } catch (error) {
      if (error instanceof IngestionRefused && error.kind === 'victim-not-found') return false;
      throw error;
    }
  }

  /**
   * The victim as the policy sees them, if it lets the agency do the action to this victim: 403 for
   * a role that may never do it, 404 for an unknown victim, one outside its areas, or one whose
   * journey has not reached a national body's part. The police area was set when the police opened
   * the stream; the national parts are read from the whole stream (short: tens of events), so a
   * body's own events count as soon as they are stored. A post counts the events it posts.
   */
  private async victimScopeOf(
    caller: Caller,
    action: Action,
    victimId: string,
    posting: readonly PostedEvent[] = [],
  ): Promise<{ victim: VictimScope; opening: RecordedEvent }> {
    permitted(decide(caller, action));
    const wholeJourney = needsNationalParts(caller);
    // A malformed id is an unknown victim: no store read for it. Only a national body needs more
    // than the crime report that opened the stream.
    const stream = isVictimId(victimId) ? await this.streamFor(victimId, wholeJourney) : [];
    const [first] = stream;
    const victim: VictimScope | undefined = first
      ? {
          policeArea: metadataOf(first).policeArea,
          nationalParts: wholeJourney
            ? nationalPartsOf([...stream.map(publishedEventOf), ...posting])
            : [],
        }
      : undefined;
    permitted(decide(caller, action, { victim }), victimId);
    // Allowed only for a victim that exists, so both are there.
    return { victim: victim!, opening: first! };
  }

  /** The victim's whole stream, or only its opening crime report (from the cache when seen). */
  private async streamFor(victimId: string, wholeJourney: boolean): Promise<RecordedEvent[]> {
    const cached = wholeJourney ? undefined : this.openings.get(victimId);
    if (cached) return [cached];
    const stream = await this.store.readStream(
      victimStreamId(victimId),
      wholeJourney ? {} : { maxCount: 1 },
    );
    if (stream[0]) this.openings.set(victimId, stream[0]);
    return stream;
  }

  /** The posted events checked: each type the poster may post (the policy), then its schema. */
  private validate(poster: Caller, agency: Agency, posted: RawPost[]): PathedEvent[] {
    const now = this.clock.now();
    const forbidden: FieldError[] = [];
    const invalid: FieldError[] = [];
    const valid: PathedEvent[] = [];
    const firstPathOfId = new Map<string, string>();
    for (const { path, raw } of posted) {
      const type = (raw as { type?: unknown } | null)?.type;
      const owned =
        typeof type === 'string' && EVENT_TYPES.includes(type)
          ? decide(poster, 'post-event', { eventType: type })
          : undefined;
      if (owned && !owned.allowed) {
        forbidden.push({
          field: join(path, owned.field?.name ?? 'type'),
          reason: owned.field?.reason ?? owned.reason,
        });
        continue;
      }
      const outcome = validateIncomingEvent(raw, now, path);
      if (!outcome.valid) {
        invalid.push(...outcome.errors);
        continue;
      }
      const posted = outcome.event;
      if (posted.type === 'victim-informed' && !ENTITLEMENT_IDS.has(posted.data.entitlement)) {
        invalid.push({
          field: join(path, 'data.entitlement'),
          reason: `'${posted.data.entitlement}' is not an entitlement of the Victims' Code (see README)`,
        });
        continue;
      }
      const earlier = firstPathOfId.get(outcome.event.eventId);
      if (earlier !== undefined) {
        invalid.push({
          field: join(path, 'eventId'),
          reason: `repeats the eventId of ${join(earlier, 'eventId')}`,
        });
        continue;
      }
      firstPathOfId.set(outcome.event.eventId, path);
      valid.push({ path, event: outcome.event });
    }
    if (forbidden.length > 0) {
      throw new IngestionRefused(
        'forbidden',
        'your agency does not own these event types',
        forbidden,
      );
    }
    if (invalid.length > 0)
      throw new IngestionRefused('invalid', 'the events are not valid', invalid);
    return valid;
  }

  private async append(
    agency: Agency,
    victimId: string,
    policeArea: string,
    events: PathedEvent[],
    expectedRevision: ExpectedRevision,
    recordedBy?: string,
  ): Promise<PostResult> {
    const recordedAt = this.clock.now().toISOString();
    const storedIds = events.map(({ event }) => storedEventIdFor(agency.id, event.eventId));
    const sealed = await this.personalData.seal(
      victimId,
      events.map(({ event }, i) => ({
        eventId: storedIds[i] as string,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as JsonObject,
      })),
    );
    const newEvents = events.map(({ event }, i): NewEvent => {
      const { data, personalDigests } = sealed[i] as (typeof sealed)[number];
      const metadata: StoredEventMetadata = {
        agencyEventId: event.eventId,
        schemaVersion: event.schemaVersion,
        occurredAt: event.occurredAt,
        recordedAt,
        agencyId: agency.id,
        agencyKind: agency.kind,
        policeArea,
        crimeReference: event.crimeReference,
        caseUrn: event.caseUrn ?? null,
        correlationId: event.correlationId ?? null,
        causationId: event.causationId ?? null,
        contentHash: contentHashOf(event, personalDigests),
        ...derivedInTheClear(event),
        ...(recordedBy ? { recordedBy } : {}),
      };
      return {
        eventId: storedIds[i] as string,
        type: event.type,
        data: data as JsonObject,
        metadata,
      };
    });

    let result: AppendResult;
    try {
      result = await this.store.appendToStream(victimStreamId(victimId), newEvents, {
        expectedRevision,
      });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && typeof expectedRevision === 'number') {
        throw new IngestionRefused(
          'conflict',
          `the victim's stream is at revision ${error.actual ?? 'none'}, not ${expectedRevision}`,
          [
            {
              field: 'expectedRevision',
              reason: `stream is at revision ${error.actual ?? 'none'}`,
            },
          ],
          { streamRevision: error.actual },
        );
      }
      if (error instanceof EventIdConflictError) {
        throw new IngestionRefused(
          'conflict',
          'some of these event ids were stored by an earlier post, with other events',
          eventIdErrors(
            events,
            newEvents,
            error.eventIds,
            'was stored by an earlier post that had other events',
          ),
        );
      }
      throw error;
    }

    const opening = result.events.find((e) => e.revision === 0);
    if (opening) this.openings.set(victimId, opening);
    const last = result.events[result.events.length - 1];
    if (result.outcome !== 'duplicate' && last)
      this.projections.appended({ victimId, policeArea, position: last.globalPosition });
    if (result.outcome === 'duplicate') {
      const changed = result.events
        .map((stored, i) => ({ stored, sent: newEvents[i] as NewEvent }))
        .filter(({ stored, sent }) => metadataOf(stored).contentHash !== sent.metadata.contentHash)
        .map(({ stored }) => stored.eventId);
      if (changed.length > 0) {
        throw new IngestionRefused(
          'conflict',
          'these event ids were already used for different content',
          eventIdErrors(
            events,
            newEvents,
            changed,
            'was already used for an event with different content',
          ),
        );
      }
    }
    return {
      victimId,
      replayed: result.outcome === 'duplicate',
      streamRevision: result.lastRevision,
      events:
        (result.outcome === 'appended'
          ? justSealedViews(agencyCaller(agency), result.events, events, newEvents)
          : undefined) ?? (await this.viewsOf(agencyCaller(agency), victimId, result.events)),
    };
  }
}

/**
 * The events just appended as the caller sees them, each field sealed into an envelope shown as
 * `revealed` would open it (the JSON it was sealed from, which this post holds), without fetching
 * the victim's key again; undefined if the store answered an event this post did not send (they
 * are revealed then). An earlier post's events (a replay) are always opened from the store.
 */
function justSealedViews(
  caller: Caller,
  recorded: readonly RecordedEvent[],
  posted: readonly PathedEvent[],
  sent: readonly NewEvent[],
): StoredEventView[] | undefined {
  const plainOf = new Map(sent.map((e, i) => [e.eventId, posted[i]?.event.data]));
  if (!recorded.every((e) => plainOf.has(e.eventId))) return undefined;
  return recorded.map((e) => {
    const plain = (plainOf.get(e.eventId) ?? {}) as Readonly<Record<string, unknown>>;
    const data: Record<string, unknown> = { ...e.data };
    for (const field of personalFieldsOf(e.type, metadataOf(e).schemaVersion)) {
      if (isFieldEnvelope(data[field]))
        data[field] = JSON.parse(JSON.stringify(plain[field])) as unknown;
    }
    return viewOf(caller, toStoredEventView(e, data));
  });
}

/**
 * The agency a post is recorded for, once the policy allows the action. A person (an officer)
 * posts through `recordForOfficer`, which knows their agency; by the API, people post nothing.
 */
function postingAgency(caller: Caller, action: 'open-journey' | 'post-event'): Agency {
  permitted(decide(caller, action));
  if (caller.kind !== 'agency') {
    throw new IngestionRefused(
      'forbidden',
      "people record what they did on the service's pages, not through the API",
    );
  }
  return caller.agency;
}

/**
 * What the Code's rules need from a personal field, derived at ingestion and kept in the clear
 * (metadata): the age band at the offence from a date of birth, so erasing the date changes no
 * entitlement or count.
 */
function derivedInTheClear(event: PostedEvent): Pick<StoredEventMetadata, 'victimAgeBand'> {
  if (event.type !== 'crime-reported' || !event.data.victimDateOfBirth) return {};
  return {
    victimAgeBand: ageBandAtOffence(
      event.data.victimDateOfBirth,
      event.data.offenceDate,
      event.occurredAt,
    ),
  };
}

const MAX_ERASURE_REASON = 500;

/** The body of an erasure: `{ "reason": "..." }`, a reason of 1 to 500 characters. */
function erasureReasonOf(body: unknown): string {
  const reason =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as { reason?: unknown }).reason
      : undefined;
  const refuse = (why: string) => {
    throw new IngestionRefused('invalid', 'an erasure needs its reason', [
      { field: 'reason', reason: why },
    ]);
  };
  if (typeof reason !== 'string') return refuse('is required: why the data is erased');
  const trimmed = reason.trim();
  if (trimmed === '') return refuse('must not be empty');
  if (trimmed.length > MAX_ERASURE_REASON)
    return refuse(`must be at most ${MAX_ERASURE_REASON} characters`);
  return trimmed;
}

/** Goes on when the policy allows; otherwise refuses with the policy's answer, storing nothing. */
function permitted(decision: Decision, victimId?: string): void {
  if (decision.allowed) return;
  if (decision.answer === 'not-found') {
    throw new IngestionRefused(
      'victim-not-found',
      victimId ? `no victim ${victimId} is known to your agency` : decision.reason,
    );
  }
  throw new IngestionRefused(
    'forbidden',
    decision.reason,
    decision.field ? [{ field: decision.field.name, reason: decision.field.reason }] : [],
  );
}

/** A body is one event, or `{ "events": [...] }` for an atomic batch. */
function postedEvents(body: unknown): RawPost[] {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'events' in body) {
    const { events, ...rest } = body;
    const extra = Object.keys(rest);
    if (extra.length > 0) {
      throw new IngestionRefused(
        'invalid',
        'a batch has only an events list',
        extra.map((field) => ({ field, reason: 'is not allowed beside events' })),
      );
    }
    if (!Array.isArray(events) || events.length === 0) {
      throw new IngestionRefused('invalid', 'events must be a non-empty list', [
        { field: 'events', reason: 'must be a non-empty list of events' },
      ]);
    }
    if (events.length > MAX_EVENTS_PER_POST) {
      throw new IngestionRefused(
        'too-large',
        `a post holds at most ${MAX_EVENTS_PER_POST} events`,
        [
          {
            field: 'events',
            reason: `has ${events.length} events; at most ${MAX_EVENTS_PER_POST}`,
          },
        ],
      );
    }
    return (events as unknown[]).map((raw, i) => ({ path: `events[${i}]`, raw }));
  }
  return [{ path: '', raw: body }];
}

/**
 * What a crime report posted into an existing stream names differently from the one that opened
 * it. The stream's identity is the police area, crime reference and victim number (its id follows
 * from them, see victim-identity.ts) and the victim's date of birth (which sets their rights); a
 * report naming others is another victim's, and would change this one's age or hide them from
 * their force. The stored values are not echoed: the field names say enough.
 */
function identityDifferences(
  agency: Agency,
  opening: RecordedEvent,
  { path, event }: PathedEvent,
): FieldError[] {
  if (event.type !== 'crime-reported') return [];
  const opened = metadataOf(opening);
  const openedData = opening.data as Readonly<Record<string, unknown>>;
  const differing = [
    agency.homeArea !== opened.policeArea && 'policeArea',
    event.crimeReference.toUpperCase() !== opened.crimeReference.toUpperCase() && 'crimeReference',
    event.data.victimNumber !== openedData.victimNumber && 'data.victimNumber',
    // An erased date of birth can no longer be compared: the rest of the identity still is.
    openedData.victimDateOfBirth !== ERASED &&
      event.data.victimDateOfBirth !== openedData.victimDateOfBirth &&
      'data.victimDateOfBirth',
  ].filter((field) => field !== false);
  return differing.map((field) => ({
    field: join(path, field),
    reason:
      field === 'policeArea'
        ? "your agency's police area is not this victim's"
        : "differs from the crime report that opened this victim's journey",
  }));
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function eventIdErrors(
  events: PathedEvent[],
  newEvents: NewEvent[],
  storedIds: string[],
  reason: string,
): FieldError[] {
  return events.flatMap(({ path, event }, i) =>
    storedIds.includes(newEvents[i]?.eventId ?? '')
      ? [{ field: join(path, 'eventId'), reason: `'${event.eventId}' ${reason}` }]
      : [],
  );
}
