import {
  AGENCY_KINDS,
  buildEventCatalogue,
  CALENDAR_DATE_RULE,
  calendarDateOf,
  EVENT_TYPES,
  latestVersionOf,
  type EventType,
} from '@vj/event-schemas';
import { RIGHTS, type RightNumber } from '../rights';
import { CODE_EDITIONS } from './editions';
import type {
  CodeEdition,
  DeadlineRule,
  EntitlementRule,
  EventMatch,
  Exclusion,
  Fulfilment,
  OwedBy,
  SourceKind,
  Trigger,
  TriggerCondition,
} from './entitlement-rule';
import { EXCLUSIONS } from './entitlement-rule';
import { TRIGGER_CONDITIONS } from './trigger-conditions';

/**
 * A Code edition as an analyst writes it in a file (the Code-impact forecast, docs/forecast.md):
 * the rule shape of `entitlement-rule.ts` as JSON. Either a whole edition (`rules` is every
 * rule), or `basedOn` an edition the product knows, whose rules the file's rules replace (same
 * id) or add to, less those in `withdrawnRules`.
 */
export interface DraftEditionFile {
  id: string;
  title: string;
  effectiveFrom: string;
  basedOn?: string;
  rules: EntitlementRule[];
  withdrawnRules?: string[];
}

export interface DraftProblem {
  /** Where in the file, as a path: `rules[2].deadline.standard`. */
  field: string;
  reason: string;
}

export type DraftEditionResult =
  { edition: CodeEdition; problems?: never } | { edition?: never; problems: DraftProblem[] };

/** The fields every rule of a draft has, and those it may have: read and published alike. */
const RULE_FIELDS = [
  'id',
  'right',
  'title',
  'owedBy',
  'triggers',
  'fulfilledBy',
  'deadline',
  'notApplicableWhen',
  'sourceKind',
  'source',
] as const satisfies readonly (keyof EntitlementRule)[];
const OPTIONAL_RULE_FIELDS = [
  'clockFrom',
  'unsettled',
] as const satisfies readonly (keyof EntitlementRule)[];

const DEADLINE_KINDS = [
  'working-days',
  'calendar-days-before',
  'calendar-days-interval',
  'none',
] as const satisfies readonly DeadlineRule['kind'][];
// Likewise for a new kind of deadline.
const everyDeadlineKind: Exclude<
  DeadlineRule['kind'],
  (typeof DEADLINE_KINDS)[number]
> extends never
  ? true
  : never = true;
void everyDeadlineKind;
const SOURCE_KINDS = [
  'code-2020',
  'code-2015',
  'code-2013',
  'statute',
  'guidance',
  'product-default',
] as const satisfies readonly SourceKind[];
// Likewise for a new kind of source.
const everySourceKind: Exclude<SourceKind, (typeof SOURCE_KINDS)[number]> extends never
  ? true
  : never = true;
void everySourceKind;
const OWED_BY_WORDS = ['trigger-poster'] as const;
const MATCH_FIELDS = ['matchOn', 'where'];
const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const ID_RULE = 'must be lower-case words joined by hyphens, e.g. right-3-acknowledgement';
const MAX_RULES = 200;
const MAX_TEXT = 1000;
const MAX_WORKING_DAYS = 250;
const MAX_CALENDAR_DAYS = 366;

/** Reads a draft edition from parsed JSON: the edition it describes, or every problem found. */
export function readDraftEdition(input: unknown): DraftEditionResult {
  const problems: DraftProblem[] = [];
  const check = new Checker(problems);
  const file = check.object(input, '', {
    required: ['id', 'title', 'effectiveFrom', 'rules'],
    optional: ['$schema', 'basedOn', 'withdrawnRules'],
  });
  if (!file) return { problems };
  const id = check.id(file.id, 'id');
  const title = check.text(file.title, 'title');
  const effectiveFrom = check.date(file.effectiveFrom, 'effectiveFrom');
  let base: CodeEdition | undefined;
  if (file.basedOn !== undefined) {
    base = CODE_EDITIONS.find((e) => e.id === file.basedOn);
    if (!base)
      problems.push({
        field: 'basedOn',
        reason: `must be one of ${CODE_EDITIONS.map((e) => e.id).join(', ')}`,
      });
  }
  const rules: EntitlementRule[] = [];
  if (!Array.isArray(file.rules)) problems.push({ field: 'rules', reason: 'must be an array' });
  else if (file.rules.length > MAX_RULES)
    problems.push({ field: 'rules', reason: `must have at most ${MAX_RULES} rules` });
  else {
    const seen = new Set<string>();
    file.rules.forEach((r, i) => {
      const rule = check.rule(r, `rules[${i}]`);
      if (!rule) return;
      if (seen.has(rule.id))
        problems.push({ field: `rules[${i}].id`, reason: `repeats the rule id '${rule.id}'` });
      seen.add(rule.id);
      rules.push(rule);
    });
  }
  const withdrawn: string[] = [];
  if (file.withdrawnRules !== undefined) {
    if (!base) problems.push({ field: 'withdrawnRules', reason: 'only with basedOn' });
    else if (!Array.isArray(file.withdrawnRules))
      problems.push({ field: 'withdrawnRules', reason: 'must be an array of rule ids' });
    else
      file.withdrawnRules.forEach((w, i) => {
        if (typeof w !== 'string' || !base.rules.some((r) => r.id === w))
          problems.push({
            field: `withdrawnRules[${i}]`,
            reason: `must be a rule id of ${base.id}`,
          });
        else withdrawn.push(w);
      });
  }
  if (problems.length > 0 || id === undefined || !title || !effectiveFrom) return { problems };
  const replaced = new Map(rules.map((r) => [r.id, r]));
  const merged = base
    ? [
        ...base.rules.filter((r) => !withdrawn.includes(r.id)).map((r) => replaced.get(r.id) ?? r),
        ...rules.filter((r) => !base.rules.some((b) => b.id === r.id)),
      ]
    : rules;
  return { edition: { id, title, effectiveFrom, rules: merged } };
}

/** An edition as a whole-edition draft file: what an analyst copies to start a draft. */
export function draftFileOf(edition: CodeEdition): DraftEditionFile {
  return {
    id: edition.id,
    title: edition.title,
    effectiveFrom: edition.effectiveFrom,
    rules: edition.rules.map((r) => structuredCloneOf(r)),
  };
}

function structuredCloneOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

let catalogueFields: Map<string, Set<string>> | undefined;

/** The data fields of each event type's latest schema: a rule naming another never matches. */
function fieldsOf(type: string): Set<string> {
  catalogueFields ??= new Map(
    buildEventCatalogue()
      .events.filter((e) => e.schemaVersion === latestVersionOf(e.type))
      .map((e) => [
        e.type,
        new Set(Object.keys((e.data as { properties?: object }).properties ?? {})),
      ]),
  );
  return catalogueFields.get(type) ?? new Set();
}

class Checker {
  constructor(private readonly problems: DraftProblem[]) {}

  private fail(field: string, reason: string): undefined {
    this.problems.push({ field: field || '(the file)', reason });
    return undefined;
  }

  object(
    value: unknown,
    at: string,
    keys: { required: readonly string[]; optional?: readonly string[] },
  ): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.fail(at, 'must be an object');
    const o = value as Record<string, unknown>;
    const known = [...keys.required, ...(keys.optional ?? [])];
    let ok = true;
    for (const k of Object.keys(o))
      if (!known.includes(k))
        ok = !!this.fail(join(at, k), `is not a field here: ${known.join(', ')}`);
    for (const k of keys.required)
      if (!Object.prototype.hasOwnProperty.call(o, k)) ok = !!this.fail(join(at, k), 'is required');
    return ok ? o : undefined;
  }

  text(value: unknown, at: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT)
      return this.fail(at, `must be text of 1 to ${MAX_TEXT} characters`);
    return value;
  }

  id(value: unknown, at: string): string | undefined {
    if (typeof value !== 'string' || value.length > 80 || !new RegExp(ID_PATTERN).test(value))
      return this.fail(at, ID_RULE);
    return value;
  }

  date(value: unknown, at: string): string | undefined {
    return calendarDateOf(value) ? (value as string) : this.fail(at, CALENDAR_DATE_RULE);
  }

  count(value: unknown, at: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      return this.fail(at, `must be a whole number from ${min} to ${max}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[]): T | undefined {
    if (typeof value !== 'string' || !allowed.includes(value as T))
      return this.fail(at, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  field(value: unknown, at: string, types: readonly string[]): string | undefined {
    if (typeof value !== 'string') return this.fail(at, 'must be the name of a data field');
    const missing = types.filter((t) => !fieldsOf(t).has(value));
    if (missing.length > 0) return this.fail(at, `is not a data field of ${missing.join(', ')}`);
    return value;
  }

  rule(value: unknown, at: string): EntitlementRule | undefined {
    const r = this.object(value, at, {
      required: RULE_FIELDS,
      optional: OPTIONAL_RULE_FIELDS,
    });
    if (!r) return undefined;
    const before = this.problems.length;
    const id = this.id(r.id, `${at}.id`);
    const rights = Object.keys(RIGHTS).map(Number);
    const right =
      typeof r.right === 'number' && rights.includes(r.right)
        ? (r.right as RightNumber)
        : this.fail(`${at}.right`, `must be a Right of the Code, 1 to ${rights.length}`);
    const title = this.text(r.title, `${at}.title`);
    const sourceKind = this.oneOf(r.sourceKind, `${at}.sourceKind`, SOURCE_KINDS);
    const source = this.text(r.source, `${at}.source`);
    const unsettled =
      r.unsettled === undefined ? undefined : this.text(r.unsettled, `${at}.unsettled`);
    const triggers = this.triggers(r.triggers, `${at}.triggers`);
    const triggerTypes = (triggers ?? []).map((t) => t.type);
    const owedBy = this.owedBy(r.owedBy, `${at}.owedBy`, triggerTypes);
    const fulfilledBy = this.fulfilment(r.fulfilledBy, `${at}.fulfilledBy`, triggerTypes);
    const deadline = this.deadline(r.deadline, `${at}.deadline`, triggerTypes);
    const notApplicableWhen = this.exclusions(r.notApplicableWhen, `${at}.notApplicableWhen`);
    const clockFrom =
      r.clockFrom === undefined
        ? undefined
        : this.eventMatches(r.clockFrom, `${at}.clockFrom`, triggerTypes);
    if (sourceKind === 'product-default' && r.unsettled === undefined)
      this.fail(
        `${at}.unsettled`,
        'is required when sourceKind is product-default: say what and why',
      );
    if (this.problems.length > before) return undefined;
    return {
      id: id as string,
      right: right as RightNumber,
      title: title as string,
      owedBy: owedBy as OwedBy,
      triggers: triggers as Trigger[],
      fulfilledBy: fulfilledBy as Fulfilment,
      deadline: deadline as DeadlineRule,
      ...(clockFrom ? { clockFrom } : {}),
      notApplicableWhen: notApplicableWhen as Exclusion[],
      sourceKind: sourceKind as SourceKind,
      source: source as string,
      ...(unsettled !== undefined ? { unsettled } : {}),
    };
  }

  private triggers(value: unknown, at: string): Trigger[] | undefined {
    if (!Array.isArray(value) || value.length === 0 || value.length > 20)
      return this.fail(at, 'must be an array of 1 to 20 triggers');
    const conditions = Object.keys(TRIGGER_CONDITIONS) as TriggerCondition[];
    const triggers: Trigger[] = [];
    value.forEach((t, i) => {
      const o = this.object(t, `${at}[${i}]`, { required: ['type'], optional: ['when'] });
      if (!o) return;
      const type = this.oneOf(o.type, `${at}[${i}].type`, EVENT_TYPES as EventType[]);
      const when =
        o.when === undefined ? undefined : this.oneOf(o.when, `${at}[${i}].when`, conditions);
      if (type) triggers.push({ type, ...(when ? { when } : {}) });
    });
    return triggers;
  }

  private owedBy(value: unknown, at: string, triggerTypes: string[]): OwedBy | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const o = this.object(value, at, { required: ['triggerField'] });
      const field = o && this.field(o.triggerField, `${at}.triggerField`, triggerTypes);
      return field ? { triggerField: field } : undefined;
    }
    return this.oneOf(value, at, [...AGENCY_KINDS, ...OWED_BY_WORDS]);
  }

  /** A later event answering the trigger: what fulfils it, shows it done, or starts its clock. */
  private eventMatch(
    o: Record<string, unknown>,
    at: string,
    triggerTypes: string[],
  ): EventMatch | undefined {
    const type = this.oneOf(o.type, `${at}.type`, EVENT_TYPES as EventType[]);
    if (!type) return undefined;
    const matchOn =
      o.matchOn === undefined
        ? undefined
        : this.field(o.matchOn, `${at}.matchOn`, [type, ...triggerTypes]);
    let where: EventMatch['where'];
    if (o.where !== undefined) {
      const w = this.object(o.where, `${at}.where`, { required: ['field', 'equals'] });
      const field = w && this.field(w.field, `${at}.where.field`, [type]);
      if (w && typeof w.equals !== 'string') this.fail(`${at}.where.equals`, 'must be text');
      else if (field) where = { field, equals: w?.equals as string };
    }
    return { type, ...(matchOn ? { matchOn } : {}), ...(where ? { where } : {}) };
  }

  private eventMatches(
    value: unknown,
    at: string,
    triggerTypes: string[],
  ): EventMatch[] | undefined {
    if (!Array.isArray(value) || value.length === 0 || value.length > 20)
      return this.fail(at, 'must be an array of 1 to 20 events');
    const matches: EventMatch[] = [];
    value.forEach((v, i) => {
      const o = this.object(v, `${at}[${i}]`, { required: ['type'], optional: MATCH_FIELDS });
      const match = o && this.eventMatch(o, `${at}[${i}]`, triggerTypes);
      if (match) matches.push(match);
    });
    return matches.length === value.length ? matches : undefined;
  }

  private fulfilment(value: unknown, at: string, triggerTypes: string[]): Fulfilment | undefined {
    const o = this.object(value, at, {
      required: ['type'],
      optional: [...MATCH_FIELDS, 'shownBy', 'declinedWhen'],
    });
    if (!o) return undefined;
    const match = this.eventMatch(o, at, triggerTypes);
    if (!match) return undefined;
    const shownBy =
      o.shownBy === undefined
        ? undefined
        : this.eventMatches(o.shownBy, `${at}.shownBy`, triggerTypes);
    let declinedWhen: Fulfilment['declinedWhen'];
    if (o.declinedWhen !== undefined) {
      const d = this.object(o.declinedWhen, `${at}.declinedWhen`, {
        required: ['field', 'equals'],
      });
      const field = d && this.field(d.field, `${at}.declinedWhen.field`, [match.type]);
      const equals = d?.equals;
      if (d && !['string', 'number', 'boolean'].includes(typeof equals))
        this.fail(`${at}.declinedWhen.equals`, 'must be text, a number or true/false');
      else if (field) declinedWhen = { field, equals: equals as string | number | boolean };
    }
    return {
      ...match,
      ...(shownBy ? { shownBy } : {}),
      ...(declinedWhen ? { declinedWhen } : {}),
    };
  }

  private deadline(value: unknown, at: string, triggerTypes: string[]): DeadlineRule | undefined {
    const kindOf = (value as { kind?: unknown } | null)?.kind;
    const kind = this.oneOf(
      typeof value === 'object' && value !== null ? kindOf : undefined,
      `${at}.kind`,
      DEADLINE_KINDS,
    );
    if (!kind) return undefined;
    switch (kind) {
      case 'working-days': {
        const o = this.object(value, at, { required: ['kind', 'standard', 'enhanced'] });
        if (!o) return undefined;
        const standard = this.count(o.standard, `${at}.standard`, 0, MAX_WORKING_DAYS);
        const enhanced = this.count(o.enhanced, `${at}.enhanced`, 0, MAX_WORKING_DAYS);
        if (standard === undefined || enhanced === undefined) return undefined;
        if (enhanced > standard)
          return this.fail(`${at}.enhanced`, 'must be no more working days than standard');
        return { kind, standard, enhanced };
      }
      case 'calendar-days-before': {
        const o = this.object(value, at, {
          required: ['kind', 'days', 'dateField'],
          optional: ['shortNotice'],
        });
        if (!o) return undefined;
        const days = this.count(o.days, `${at}.days`, 0, MAX_CALENDAR_DAYS);
        const dateField = this.field(o.dateField, `${at}.dateField`, triggerTypes);
        // Listed at short notice (after the usual day): due this many days before instead.
        const shortNotice =
          o.shortNotice === undefined
            ? undefined
            : this.count(o.shortNotice, `${at}.shortNotice`, 0, MAX_CALENDAR_DAYS);
        if (days === undefined || !dateField) return undefined;
        if (o.shortNotice !== undefined && shortNotice === undefined) return undefined;
        if (shortNotice !== undefined && shortNotice > days)
          return this.fail(`${at}.shortNotice`, 'must be no more days than days');
        return shortNotice === undefined
          ? { kind, days, dateField }
          : { kind, days, dateField, shortNotice };
      }
      case 'calendar-days-interval': {
        const o = this.object(value, at, { required: ['kind', 'daysField'] });
        const daysField = o && this.field(o.daysField, `${at}.daysField`, triggerTypes);
        return daysField ? { kind, daysField } : undefined;
      }
      case 'none':
        return this.object(value, at, { required: ['kind'] }) ? { kind } : undefined;
      default: {
        const unknown: never = kind;
        return this.fail(`${at}.kind`, `unknown deadline ${String(unknown)}`);
      }
    }
  }

  private exclusions(value: unknown, at: string): Exclusion[] | undefined {
    if (!Array.isArray(value)) return this.fail(at, `must be an array of ${EXCLUSIONS.join(', ')}`);
    const found: Exclusion[] = [];
    value.forEach((v, i) => {
      const e = this.oneOf(v, `${at}[${i}]`, EXCLUSIONS);
      if (e) found.push(e);
    });
    return found.length === value.length ? found : undefined;
  }
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

/**
 * The published JSON Schema of a draft edition file (docs/forecast-edition.schema.json, written by
 * `npm run forecast:schema`). Its lists come from the code, so it follows new event types, agency
 * kinds and trigger conditions; `readDraftEdition` checks the same and what a schema cannot (a
 * named field exists in the event's schema, the enhanced deadline is no longer than the standard).
 */
export function draftEditionSchema(): Record<string, unknown> {
  const eventType = { type: 'string', enum: [...EVENT_TYPES] };
  const id = { type: 'string', pattern: ID_PATTERN, maxLength: 80 };
  const text = { type: 'string', minLength: 1, maxLength: MAX_TEXT };
  const field = { type: 'string', description: 'A data field of the event schema' };
  const days = (max: number) => ({ type: 'integer', minimum: 0, maximum: max });
  const closed = (properties: Record<string, unknown>, required: string[]) => ({
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  });
  const eventMatch = closed(
    {
      type: eventType,
      matchOn: field,
      where: closed({ field, equals: { type: 'string' } }, ['field', 'equals']),
    },
    ['type'],
  );
  const eventMatches = { type: 'array', minItems: 1, maxItems: 20, items: eventMatch };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://victim-journey.example/schemas/forecast-edition.schema.json',
    title: "A draft Victims' Code edition for the Code-impact forecast",
    description:
      'A whole edition (rules = every rule), or basedOn an edition in force: rules replace those with the same id or are added; withdrawnRules are removed.',
    ...closed(
      {
        $schema: { type: 'string' },
        id,
        title: text,
        effectiveFrom: {
          type: 'string',
          format: 'date',
          description: 'The first London day the edition would judge triggers',
        },
        basedOn: { type: 'string', enum: CODE_EDITIONS.map((e) => e.id) },
        withdrawnRules: { type: 'array', items: id },
        rules: { type: 'array', maxItems: MAX_RULES, items: { $ref: '#/$defs/rule' } },
      },
      ['id', 'title', 'effectiveFrom', 'rules'],
    ),
    $defs: {
      rule: closed(
        {
          id,
          right: { type: 'integer', enum: Object.keys(RIGHTS).map(Number) },
          title: text,
          owedBy: {
            oneOf: [
              { type: 'string', enum: [...AGENCY_KINDS, ...OWED_BY_WORDS] },
              closed({ triggerField: field }, ['triggerField']),
            ],
          },
          triggers: {
            type: 'array',
            minItems: 1,
            maxItems: 20,
            items: closed(
              {
                type: eventType,
                when: { type: 'string', enum: Object.keys(TRIGGER_CONDITIONS) },
              },
              ['type'],
            ),
          },
          fulfilledBy: closed(
            {
              ...eventMatch.properties,
              shownBy: eventMatches,
              declinedWhen: closed({ field, equals: { type: ['string', 'number', 'boolean'] } }, [
                'field',
                'equals',
              ]),
            },
            ['type'],
          ),
          deadline: {
            oneOf: [
              closed(
                {
                  kind: { const: 'working-days' },
                  standard: days(MAX_WORKING_DAYS),
                  enhanced: days(MAX_WORKING_DAYS),
                },
                ['kind', 'standard', 'enhanced'],
              ),
              closed(
                {
                  kind: { const: 'calendar-days-before' },
                  days: days(MAX_CALENDAR_DAYS),
                  dateField: field,
                  shortNotice: days(MAX_CALENDAR_DAYS),
                },
                ['kind', 'days', 'dateField'],
              ),
              closed({ kind: { const: 'calendar-days-interval' }, daysField: field }, [
                'kind',
                'daysField',
              ]),
              closed({ kind: { const: 'none' } }, ['kind']),
            ],
          },
          clockFrom: {
            ...eventMatches,
            description:
              "The clock runs from the first of these posted at or after the trigger (the owing agency's receipt), else from the trigger",
          },
          notApplicableWhen: { type: 'array', items: { type: 'string', enum: [...EXCLUSIONS] } },
          sourceKind: {
            type: 'string',
            enum: [...SOURCE_KINDS],
            description: 'What the rule rests on; product-default needs unsettled to say why',
          },
          source: text,
          unsettled: text,
        },
        [...RULE_FIELDS],
      ),
    },
  };
}
