import 'reflect-metadata';
import { validateIncomingEvent, type ValidationOutcome } from './validate';
import { CALENDAR_DATE_RULE, INSTANT_RULE } from './dates';

const NOW = new Date('2026-03-10T12:00:00Z');

const crimeReported = (
  data: Record<string, unknown> = {},
  envelope: Record<string, unknown> = {},
) => ({
  eventId: 'cr-1',
  type: 'crime-reported',
  schemaVersion: 1,
  occurredAt: '2026-03-02T10:15:00Z',
  crimeReference: '13/123456/26',
  data: {
    victimNumber: 1,
    offenceCategory: 'burglary',
    victimDateOfBirth: '1990-05-17',
    enhancedRights: {
      vulnerable: false,
      intimidated: false,
      persistentlyTargeted: false,
      mostSeriousCrime: false,
      bereaved: false,
    },
    ...data,
  },
  ...envelope,
});

const errorsOf = (outcome: ValidationOutcome) => (outcome.valid ? [] : outcome.errors);

describe('validating a posted event against its published schema', () => {
  it('accepts a complete crime report and keeps the data as sent', () => {
    const outcome = validateIncomingEvent(crimeReported(), NOW);
    expect(outcome.valid).toBe(true);
    expect(outcome.valid && outcome.event).toEqual(crimeReported());
  });

  it.each([
    [
      'an unknown type',
      { type: 'suspect-teleported' },
      'type',
      "unknown event type 'suspect-teleported'; see GET /v1/event-schemas",
    ],
    [
      'an unpublished version',
      { schemaVersion: 3 },
      'schemaVersion',
      "version 3 of 'crime-reported' is not published (published: 1)",
    ],
    [
      'a version that is not a number',
      { schemaVersion: '1' },
      'schemaVersion',
      'must be an integer number',
    ],
    [
      'a missing eventId',
      { eventId: undefined },
      'eventId',
      'must be 1 to 128 letters, digits, dots, colons, underscores or hyphens',
    ],
    ['a time without a zone', { occurredAt: '2026-03-02T10:15:00' }, 'occurredAt', INSTANT_RULE],
    ['a malformed time', { occurredAt: 'yesterday' }, 'occurredAt', INSTANT_RULE],
    [
      'a time in the future',
      { occurredAt: '2026-03-10T12:05:00Z' },
      'occurredAt',
      'must not be in the future',
    ],
    [
      'a missing crime reference',
      { crimeReference: undefined },
      'crimeReference',
      'must be 3 to 40 letters, digits, slashes or hyphens',
    ],
    [
      'an unknown envelope field',
      { agency: 'police-west-yorkshire' },
      'agency',
      'property agency should not exist',
    ],
    ['data that is not an object', { data: [1] }, 'data', 'must be an object'],
  ])('refuses %s, naming the field', (_, envelope, field, reason) => {
    expect(errorsOf(validateIncomingEvent(crimeReported({}, envelope), NOW))).toContainEqual({
      field,
      reason,
    });
  });

  it.each([
    [
      'a missing field',
      { victimNumber: undefined },
      'data.victimNumber',
      'must be an integer number',
    ],
    [
      'a number sent as text',
      { victimNumber: '1' },
      'data.victimNumber',
      'must be an integer number',
    ],
    [
      'a value outside its list',
      { offenceCategory: 'burgle' },
      'data.offenceCategory',
      expect.stringContaining('must be one of the following values: homicide'),
    ],
    [
      'a date of birth in the future',
      { victimDateOfBirth: '2027-01-01' },
      'data.victimDateOfBirth',
      'must not be in the future',
    ],
    [
      'neither date of birth nor age band',
      { victimDateOfBirth: undefined },
      'data.victimDateOfBirth',
      CALENDAR_DATE_RULE,
    ],
    [
      'an unknown data field',
      { victimName: 'A. Person' },
      'data.victimName',
      'property victimName should not exist',
    ],
    [
      'a nested flag of the wrong type',
      { enhancedRights: { vulnerable: 'no' } },
      'data.enhancedRights.vulnerable',
      'must be a boolean value',
    ],
  ])('refuses data with %s, naming the field', (_, data, field, reason) => {
    expect(errorsOf(validateIncomingEvent(crimeReported(data), NOW))).toContainEqual({
      field,
      reason,
    });
  });

  it('reports every bad field at once, prefixed with where the event is in a batch', () => {
    const errors = errorsOf(
      validateIncomingEvent(
        crimeReported({ victimNumber: 0 }, { crimeReference: '!' }),
        NOW,
        'events[2]',
      ),
    );
    expect(errors.map((e) => e.field)).toEqual([
      'events[2].crimeReference',
      'events[2].data.victimNumber',
    ]);
  });

  it('accepts an event whose schema has no data fields, and refuses fields it does not have', () => {
    const declined = {
      eventId: 'd-1',
      type: 'support-referral-declined',
      schemaVersion: 1,
      occurredAt: '2026-03-02T10:15:00Z',
      crimeReference: '13/123456/26',
      data: {},
    };
    expect(validateIncomingEvent(declined, NOW).valid).toBe(true);
    expect(errorsOf(validateIncomingEvent({ ...declined, data: { reason: 'x' } }, NOW))).toEqual([
      { field: 'data.reason', reason: 'property reason should not exist' },
    ]);
  });

  it('checks inherited fields of an event schema', () => {
    const arrest = {
      eventId: 'a-1',
      type: 'suspect-arrested',
      schemaVersion: 1,
      occurredAt: '2026-03-02T10:15:00Z',
      crimeReference: '13/123456/26',
      data: {},
    };
    expect(errorsOf(validateIncomingEvent(arrest, NOW))).toEqual([
      { field: 'data.suspectNumber', reason: 'must be an integer number' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(errorsOf(validateIncomingEvent('hello', NOW))).toEqual([
      { field: '(body)', reason: 'must be a JSON object' },
    ]);
  });
});

describe('dates the projections could not read are refused, naming the field', () => {
  it.each([
    ['occurredAt', { occurredAt: '2026-W10-1T10:15:00Z' }, {}, INSTANT_RULE],
    ['occurredAt', { occurredAt: '9999-03-02T10:15:00Z' }, {}, INSTANT_RULE],
    ['data.victimDateOfBirth', {}, { victimDateOfBirth: '1990-W20-4' }, CALENDAR_DATE_RULE],
    ['data.victimDateOfBirth', {}, { victimDateOfBirth: '1990-137' }, CALENDAR_DATE_RULE],
    ['data.offenceDate', {}, { offenceDate: '9999-001' }, CALENDAR_DATE_RULE],
    ['data.offenceDate', {}, { offenceDate: '2026-02-30' }, CALENDAR_DATE_RULE],
  ])('%s: %j %j', (field, envelope, data, reason) => {
    expect(errorsOf(validateIncomingEvent(crimeReported(data, envelope), NOW))).toEqual([
      { field, reason },
    ]);
  });
});

describe('free text is bounded and holds no hidden characters', () => {
  const decided = (reason: unknown, envelope: Record<string, unknown> = {}) => ({
    eventId: 'nfa-1',
    type: 'decided-not-to-investigate',
    schemaVersion: 1,
    occurredAt: '2026-03-02T10:15:00Z',
    crimeReference: '13/123456/26',
    data: { reason },
    ...envelope,
  });
  const HIDDEN = 'must not contain control characters, bidirectional formatting or lone surrogates';

  it('accepts a reason in any script, with emoji, up to its bound', () => {
    expect(validateIncomingEvent(decided('Dim tystiolaeth – 証拠なし 👍'), NOW).valid).toBe(true);
    expect(validateIncomingEvent(decided('😀'.repeat(500)), NOW).valid).toBe(true);
  });

  it.each([
    ['a NUL', 'no\u0000evidence', HIDDEN],
    ['a newline', 'no\nevidence', HIDDEN],
    ['an escape sequence', '\u001b[31mno evidence', HIDDEN],
    ['a C1 control', 'no\u0085evidence', HIDDEN],
    ['a right-to-left override', 'no \u202eecnedive', HIDDEN],
    ['a bidi isolate', 'no \u2066evidence\u2069', HIDDEN],
    ['a lone high surrogate', 'no evidence \ud83d', HIDDEN],
    ['a lone low surrogate', '\ude00 no evidence', HIDDEN],
    ['an empty string', '', 'must not be empty'],
    ['501 characters', 'x'.repeat(501), 'must be at most 500 characters'],
    ['a number', 42, 'must be a string'],
  ])('refuses a reason with %s', (_, reason, because) => {
    expect(errorsOf(validateIncomingEvent(decided(reason), NOW))).toEqual([
      { field: 'data.reason', reason: because },
    ]);
  });

  it.each(['correlationId', 'causationId'])('bounds %s at 128 characters', (field) => {
    expect(validateIncomingEvent(decided('x', { [field]: 'c'.repeat(128) }), NOW).valid).toBe(true);
    expect(
      errorsOf(validateIncomingEvent(decided('x', { [field]: 'c'.repeat(129) }), NOW)),
    ).toEqual([{ field, reason: 'must be at most 128 characters' }]);
    expect(errorsOf(validateIncomingEvent(decided('x', { [field]: 'a\u202eb' }), NOW))).toEqual([
      { field, reason: HIDDEN },
    ]);
  });
});

describe("the court's result and the review scheme are refused when wrong, naming the field", () => {
  const posted = (type: string, data: Record<string, unknown>) => ({
    eventId: 'e-1',
    type,
    schemaVersion: 1,
    occurredAt: '2026-03-02T10:15:00Z',
    crimeReference: '13/123456/26',
    data,
  });

  it.each([
    [
      'a verdict sent without its defendant',
      'result-sent-to-witness-care',
      { result: 'verdict' },
      'data.suspectNumber',
      'must be an integer number',
    ],
    [
      'hearing details sent without the hearing',
      'result-sent-to-witness-care',
      { result: 'hearing-details', suspectNumber: 1 },
      'data.hearingId',
      'must be a string',
    ],
    [
      'an unknown result',
      'result-sent-to-witness-care',
      { result: 'bail', suspectNumber: 1 },
      'data.result',
      'must be one of the following values: hearing-details, verdict, sentence',
    ],
    [
      'a listing received as a result',
      'court-result-received',
      { result: 'hearing-details', suspectNumber: 1 },
      'data.result',
      'must be one of the following values: verdict, sentence',
    ],
    [
      'an unknown review scheme',
      'review-requested',
      { reviewId: 'R-1', scheme: 'ipcc' },
      'data.scheme',
      'must be one of the following values: police-vrr, cps-vrr',
    ],
  ])('%s', (_, type, data, field, reason) => {
    expect(errorsOf(validateIncomingEvent(posted(type, data), NOW))).toEqual([{ field, reason }]);
  });

  it.each([
    ['result-sent-to-witness-care', { result: 'hearing-details', hearingId: 'H-1' }],
    ['result-sent-to-witness-care', { result: 'sentence', suspectNumber: 2 }],
    ['court-result-received', { result: 'verdict', suspectNumber: 1 }],
    ['review-requested', { reviewId: 'R-1' }],
    ['review-requested', { reviewId: 'R-1', scheme: 'cps-vrr' }],
  ])('accepts %s %j', (type, data) => {
    expect(validateIncomingEvent(posted(type, data), NOW).valid).toBe(true);
  });
});
