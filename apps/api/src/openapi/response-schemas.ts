/**
 * The response bodies of the API and of its webhooks, as OpenAPI 3.1 (JSON Schema 2020-12)
 * components. Written against the service's own types; `test/api/generated-client.e2e.spec.ts`
 * checks at compile time that each type the service returns fits the schema the client is
 * generated from, so the two cannot drift apart unnoticed.
 */
import { PERSON_ROLES } from '@vj/access-policy';
import { DATASET_COLUMNS, REPORT_DIMENSIONS, REPORT_OUTCOMES } from '@vj/projections';
import { EXCLUSIONS } from '@vj/victims-code';
import { CASELOAD_COUNT_CAP } from '@vj/read-models';

type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

const string: Schema = { type: 'string' };
const integer: Schema = { type: 'integer' };
const boolean: Schema = { type: 'boolean' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const localDate: Schema = { type: 'string', format: 'date' };
const orNull = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
const nullableString: Schema = { type: ['string', 'null'] };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
/** An object of any members (a JSON Schema, say, or an event's data). */
const anyObject = (description: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: true,
});
const counts: Schema = { type: 'object', additionalProperties: integer };

/** Every property named is present in the body: the service always writes each one. */
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
});

const URGENCIES = ['overdue', 'due-today', 'due-soon', 'later', null];
const PCC_REFERENCE: Schema = {
  ...string,
  pattern: '^pcc-[0-9a-f]{32}$',
  description:
    'Stands for the victim in this report and area only: the same victim has the same reference in every page of it, another in any other report',
};

const ENHANCED_REASONS = [
  'most-serious-crime',
  'bereaved',
  'persistently-targeted',
  'vulnerable',
  'intimidated',
  'under-18',
];
const ENTITLEMENT_STATUSES = [
  'pending',
  'met',
  'met-late',
  'breached',
  'owed',
  'given',
  'declined',
  'not-applicable',
  'waived',
];
const VCS_STATUSES = [
  'not-eligible',
  'eligible-not-referred',
  'referred',
  'contacted',
  'opted-in',
  'opted-out',
  'no-response',
  'active',
  'closed',
];

/** What a breach is, whoever reads it; a PCC team's view adds only its reference. */
const BREACH_FACTS: Record<string, Schema> = {
  policeArea: string,
  owedBy: string,
  right: integer,
  ruleId: string,
  edition: string,
  enhanced: boolean,
  deadline: localDate,
  status: { enum: ['breached', 'met-late'] },
  workingDaysLate: integer,
  fulfilledAt: nullableString,
};
const agencyRef = object({ id: string, kind: string });
const eventReference = {
  eventId: { ...string, description: "The agency's own id for the event" },
  type: string,
  agencyId: string,
  occurredAt: dateTime,
  recordedAt: dateTime,
};

export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  FieldError: object(
    { field: string, reason: string },
    'One bad field (a body path such as data.victimNumber or events[1].type, a query parameter or a header) and why',
  ),
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem details. `errors` names the bad fields at once (the first 20; `moreErrors` counts the rest); a conflict may add extension members.',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { ...string, examples: ['urn:victim-journey:problem:invalid-request'] },
      title: string,
      status: integer,
      detail: string,
      errors: { ...arrayOf(ref('FieldError')), maxItems: 20 },
      moreErrors: {
        ...integer,
        minimum: 1,
        description: 'How many bad fields there were beyond the 20 in errors',
      },
    },
    additionalProperties: true,
  },
  StoredEvent: {
    description:
      'A stored event: what the service recorded, and the agency\'s event at the version it was posted in. Personal fields (a date of birth, free text) read as "[erased]" once the victim\'s personal data is erased',
    allOf: [
      object({
        eventId: string,
        revision: integer,
        globalPosition: {
          ...string,
          pattern: '^\\d+$',
          description: 'Decimal: positions can exceed what JSON numbers hold exactly',
        },
        occurredAt: string,
        recordedAt: dateTime,
        agency: agencyRef,
        policeArea: string,
        crimeReference: string,
        caseUrn: nullableString,
        correlationId: nullableString,
        causationId: nullableString,
      }),
      ref('PublishedEvent'),
    ],
  },
  PostResult: object({
    victimId: { ...string, format: 'uuid' },
    replayed: {
      ...boolean,
      description: 'True when every event had been stored by an earlier post: nothing new stored',
    },
    streamRevision: {
      ...integer,
      description: "The stream's last revision after the post: pass it as expectedRevision next",
    },
    events: arrayOf(ref('StoredEvent')),
  }),
  EventPage: object({
    victimId: { ...string, format: 'uuid' },
    events: arrayOf(ref('StoredEvent')),
    nextFromRevision: {
      type: ['integer', 'null'],
      description: 'Where the next page starts, or null at the end of the stream',
    },
  }),
  VictimFound: object({ victimId: { ...string, format: 'uuid' } }),
  ErasureRequest: object({
    reason: {
      ...string,
      minLength: 1,
      maxLength: 500,
      description: 'Why the personal data is erased (kept with the erasure; name no one)',
    },
  }),
  Erasure: object(
    {
      victimId: { ...string, format: 'uuid' },
      erasedAt: dateTime,
      erasedBy: { ...string, description: 'Who asked for it' },
      reason: string,
      fields: arrayOf(
        object({
          eventId: { ...string, description: "The agency's event id" },
          type: string,
          field: { ...string, description: 'The data field, now read as "[erased]"' },
        }),
      ),
    },
    "The victim's personal data is erased: the first erasure's time and reason, and every field it made unreadable",
  ),
  DraftEdition: anyObject(
    "A draft Victims' Code edition: the JSON Schema is docs/forecast-edition.schema.json (npm run forecast -- --schema)",
  ),
  ForecastCounts: object({
    created: integer,
    met: integer,
    metLate: integer,
    breached: integer,
    pending: integer,
    notApplicable: integer,
    other: { ...integer, description: 'Waived, or with no clock (owed, given, declined)' },
    onTimeRate: {
      type: ['number', 'null'],
      description: 'met / (met + metLate + breached), to 4 places; null when none',
    },
    breachRate: {
      type: ['number', 'null'],
      description: 'breached / (met + metLate + breached), to 4 places; null when none',
    },
  }),
  Forecast: object(
    {
      draft: object({ id: string, title: string, effectiveFrom: localDate }),
      period: {
        type: 'object',
        required: ['from', 'to'],
        properties: { from: localDate, to: localDate, policeAreas: arrayOf(string) },
      },
      judgedAt: dateTime,
      journeys: integer,
      unreadableEvents: integer,
      unjudgedJourneys: integer,
      rows: arrayOf(
        object({
          owedBy: string,
          ruleId: string,
          title: string,
          inForce: ref('ForecastCounts'),
          draft: ref('ForecastCounts'),
          difference: {
            ...ref('ForecastCounts'),
            description: 'Draft minus in force; a rate difference is null when either rate is',
          },
        }),
      ),
    },
    'The Code-impact forecast: what the edition in force and the draft make of the same journeys',
  ),
  OutcomeFigures: object(
    {
      total: { type: ['integer', 'null'], description: 'Null where suppressed' },
      counts: object(
        Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, { type: ['integer', 'null'] }])),
      ),
      rates: object(
        Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, { type: ['number', 'null'] }])),
      ),
      complianceRate: {
        type: ['number', 'null'],
        description: 'met / (met + met late + breached); null when unknown or suppressed',
      },
    },
    'Counts by outcome of entitlements whose deadline falls in the period; null where suppressed',
  ),
  ComplianceReport: object(
    {
      from: string,
      to: string,
      asOf: localDate,
      suppression: object({ threshold: integer, rule: string }),
      areas: arrayOf(
        object({
          policeArea: string,
          figures: ref('OutcomeFigures'),
          lateness: object({
            metLate: { type: ['integer', 'null'] },
            medianWorkingDaysLate: { type: ['number', 'null'] },
            p90WorkingDaysLate: { type: ['number', 'null'] },
          }),
          breakdowns: arrayOf(
            object({
              dimension: { enum: [...REPORT_DIMENSIONS] },
              rows: arrayOf(
                object({ value: string, label: string, figures: ref('OutcomeFigures') }),
              ),
            }),
          ),
          trend: arrayOf(object({ month: string, figures: ref('OutcomeFigures') })),
          measures: arrayOf({
            type: 'object',
            required: ['id', 'title', 'ruleIds', 'measured', 'figures'],
            properties: {
              id: string,
              title: string,
              ruleIds: arrayOf(string),
              measured: boolean,
              note: string,
              figures: ref('OutcomeFigures'),
            },
          }),
          feedback: object({
            responses: { type: ['integer', 'null'] },
            overall: arrayOf(ref('AnswerFigures')),
            byRight: arrayOf(
              object({
                right: integer,
                responses: { type: ['integer', 'null'] },
                answers: arrayOf(ref('AnswerFigures')),
              }),
            ),
          }),
        }),
      ),
    },
    "A PCC compliance report: each area's figures as of a date, suppressed under 5 (docs/reports.md)",
  ),
  AnswerFigures: object({
    answer: string,
    count: { type: ['integer', 'null'] },
    rate: { type: ['number', 'null'] },
  }),
  ComplianceDatasetRow: object(
    Object.fromEntries(
      DATASET_COLUMNS.map((c) => [c.name, { ...c.schema, description: c.description }]),
    ),
    'One row of the standardised compliance dataset (docs/compliance-dataset.schema.json)',
  ),
  Deadline: object({ localDate, endsAt: dateTime }),
  Entitlement: object({
    id: string,
    victimId: string,
    policeArea: string,
    crimeReference: string,
    ruleId: string,
    right: { ...integer, minimum: 1, maximum: 12 },
    title: string,
    edition: { ...string, description: 'The Code edition whose rule produced it' },
    owedBy: string,
    trigger: object(eventReference),
    enhanced: boolean,
    enhancedReasons: arrayOf({ enum: ENHANCED_REASONS }),
    deadline: orNull(ref('Deadline')),
    status: { enum: ENTITLEMENT_STATUSES },
    fulfilment: orNull(object({ ...eventReference, recordedAfterDeadline: boolean })),
    workingDaysLate: { type: ['integer', 'null'] },
    notApplicable: orNull(
      object({
        because: { enum: [...EXCLUSIONS] },
        from: string,
      }),
    ),
  }),
  VictimJourney: object(
    {
      victimId: string,
      policeArea: string,
      enhancedRights: object({ enhanced: boolean, reasons: arrayOf({ enum: ENHANCED_REASONS }) }),
      cases: arrayOf(
        object({
          crimeReference: string,
          caseUrns: arrayOf(string),
          offenceCategory: string,
          victimNumber: integer,
          reportedAt: string,
          ageJudgedOn: {
            enum: ['offence-date', 'report-date', 'recorded-band'],
            description:
              'How the age was judged for the under-18 rule: report-date means no offence date was recorded',
          },
          enhancedReasons: arrayOf({ enum: ENHANCED_REASONS }),
        }),
      ),
      timeline: arrayOf(
        object({
          occurredAt: string,
          recordedAt: string,
          type: string,
          eventId: string,
          agency: agencyRef,
          crimeReference: string,
        }),
      ),
      entitlements: arrayOf(ref('Entitlement')),
      summary: {
        type: 'object',
        description: 'How many entitlements have each status',
        propertyNames: { enum: ENTITLEMENT_STATUSES },
        additionalProperties: integer,
      },
    },
    'What a victim liaison officer sees of one victim: flags, cases, what each agency did, what is owed',
  ),
  VcsRecord: object({
    victimId: string,
    policeArea: string,
    crimeReference: string,
    suspectNumber: integer,
    eligible: boolean,
    eligibility: string,
    status: { enum: VCS_STATUSES },
    keyStage: nullableString,
    keyStages: arrayOf(object({ stage: string, at: string })),
    referredAt: nullableString,
    contactedAt: nullableString,
    optedInAt: nullableString,
    optedOutAt: nullableString,
    closedAt: nullableString,
    closedBecause: { enum: ['sentence-ended', 'victim-withdrew', null] },
    noResponseFrom: nullableString,
  }),
  VictimContactScheme: object({ victimId: string, records: arrayOf(ref('VcsRecord')) }),
  Caseload: object({
    owedBy: string,
    policeAreas: arrayOf(string),
    due: { enum: ['overdue', 'today', 'soon', 'open'] },
    asOf: dateTime,
    today: localDate,
    dueSoonUntil: localDate,
    total: {
      ...integer,
      description: `How many entitlements match, counted up to ${CASELOAD_COUNT_CAP}`,
    },
    totalCapped: {
      type: 'boolean',
      description: `True when more than ${CASELOAD_COUNT_CAP} match: total is then ${CASELOAD_COUNT_CAP}, and the compliance report gives exact counts`,
    },
    limit: integer,
    offset: integer,
    entitlements: arrayOf({
      description: 'A PCC team sees each entitlement as a PseudonymousEntitlement',
      oneOf: [
        {
          allOf: [ref('Entitlement'), object({ urgency: { enum: URGENCIES } })],
        },
        ref('PseudonymousEntitlement'),
      ],
    }),
  }),
  PseudonymousEntitlement: object(
    {
      reference: PCC_REFERENCE,
      policeArea: string,
      ruleId: string,
      right: { ...integer, minimum: 1, maximum: 12 },
      title: string,
      edition: string,
      owedBy: string,
      enhanced: boolean,
      deadline: orNull(ref('Deadline')),
      status: { enum: ENTITLEMENT_STATUSES },
      workingDaysLate: { type: ['integer', 'null'] },
      urgency: { enum: URGENCIES },
    },
    'An entitlement as a PCC team sees it: no victim id, crime reference, event ids or enhanced-rights reasons',
  ),
  Breach: object({
    entitlementId: string,
    victimId: string,
    crimeReference: string,
    ...BREACH_FACTS,
  }),
  Breaches: object({
    policeAreas: arrayOf(string),
    owedBy: nullableString,
    total: integer,
    byStatus: counts,
    limit: integer,
    offset: integer,
    breaches: arrayOf({
      description: 'A PCC team sees each breach as a PseudonymousBreach',
      oneOf: [ref('Breach'), ref('PseudonymousBreach')],
    }),
  }),
  PseudonymousBreach: object(
    {
      reference: PCC_REFERENCE,
      ...BREACH_FACTS,
    },
    'A breach as a PCC team sees it: no victim id, crime reference or event ids',
  ),
  EventCatalogue: object({
    title: string,
    agencyKinds: arrayOf(string),
    envelope: anyObject('JSON Schema of the envelope every event shares'),
    events: arrayOf(
      object({
        type: string,
        schemaVersion: integer,
        stage: string,
        owners: arrayOf(string),
        description: string,
        data: anyObject("JSON Schema of the event's data"),
      }),
    ),
    definitions: {
      type: 'object',
      description: 'JSON Schemas the data schemas refer to',
      additionalProperties: anyObject('A JSON Schema'),
    },
  }),
  Health: {
    type: 'object',
    description: 'Each dependency and whether it answered',
    required: ['status'],
    properties: {
      status: { enum: ['ok', 'error', 'shutting_down'] },
      info: { type: 'object', additionalProperties: true },
      error: { type: 'object', additionalProperties: true },
      details: { type: 'object', additionalProperties: true },
    },
  },
  AuditEntry: object(
    {
      sequence: { ...integer, description: '1, 2, 3, ... with no gaps' },
      at: dateTime,
      subject: { ...nullableString, description: 'The caller (an agency id); null when unknown' },
      role: nullableString,
      action: { ...string, description: 'The access-policy action: read-stream, read-audit, ...' },
      outcome: { enum: ['allowed', 'refused'] },
      status: { ...integer, description: 'The HTTP status answered' },
      victimId: nullableString,
      endpoint: {
        ...string,
        description: 'Method and route pattern, never the URL with its values',
      },
      reason: { ...nullableString, description: 'The X-Access-Reason given' },
      requestId: string,
      prevHash: { ...string, description: 'The hash of the entry before (64 zeros for the first)' },
      hash: { ...string, description: 'SHA-256 of prevHash and this entry in canonical form' },
    },
    'One read, report or refusal, chained to the entry before by hash',
  ),
  AuditPage: object({
    entries: arrayOf(ref('AuditEntry')),
    nextAfter: {
      type: ['integer', 'null'],
      description: 'Pass as after for the next page; null on the last page',
    },
  }),
  Notification: object(
    {
      id: {
        ...string,
        description: 'The same on every delivery of this notification: use it to drop a repeat',
      },
      kind: { enum: ['reminder', 'breach'] },
      victimId: string,
      entitlementId: string,
      ruleId: string,
      policeArea: string,
      owedBy: string,
      deadlineDate: localDate,
    },
    'A reminder of an entitlement falling due, or a breach: identifiers only, no personal data',
  ),
  SignedIn: object(
    {
      accessToken: string,
      tokenType: { type: 'string', const: 'Bearer' },
      expiresIn: {
        type: ['integer', 'null'],
        description: 'Seconds the token lasts, if the issuer says',
      },
      subject: string,
      role: {
        type: 'string',
        enum: [...PERSON_ROLES],
      },
      agencyId: nullableString,
      areas: { oneOf: [arrayOf(string), { type: 'string', const: '*' }] },
    },
    'A person signed in: send accessToken as Authorization: Bearer',
  ),
};
