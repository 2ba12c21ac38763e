import { CODE_EDITIONS, londonDateOf, type CodeEdition } from '@vj/victims-code';
import type { JourneyEvent } from '../journey-event';
import { entitlementsOf, type Entitlement } from '../victim-journey/entitlements';

/** Which entitlements a forecast counts: those triggered on these London days, in these areas or all. */
export interface ForecastPeriod {
  /** First London day, YYYY-MM-DD. */
  from: string;
  /** Last London day, YYYY-MM-DD, included. */
  to: string;
  /** Police areas; every area when absent. */
  policeAreas?: string[];
}

/** What became of the entitlements of one rule owed by one agency kind, under one edition. */
export interface ForecastCounts {
  created: number;
  met: number;
  metLate: number;
  breached: number;
  pending: number;
  notApplicable: number;
  /** Waived by the victim, or with no clock (owed, given, declined). */
  other: number;
  /** met / (met + metLate + breached); null when none of those. */
  onTimeRate: number | null;
  /** breached / (met + metLate + breached); null when none of those. */
  breachRate: number | null;
}

export interface ForecastRow {
  owedBy: string;
  ruleId: string;
  title: string;
  inForce: ForecastCounts;
  draft: ForecastCounts;
  /** draft minus in force, count by count and rate by rate (null when either rate is). */
  difference: ForecastCounts;
}

const COUNTED = [
  'created',
  'met',
  'metLate',
  'breached',
  'pending',
  'notApplicable',
  'other',
] as const;
type Counted = (typeof COUNTED)[number];
type Tally = Record<Counted, number>;

const emptyTally = (): Tally => ({
  created: 0,
  met: 0,
  metLate: 0,
  breached: 0,
  pending: 0,
  notApplicable: 0,
  other: 0,
});

function counted(e: Entitlement): Counted {
  switch (e.status) {
    case 'met':
      return 'met';
    case 'met-late':
      return 'metLate';
    case 'breached':
      return 'breached';
    case 'pending':
      return 'pending';
    case 'not-applicable':
      return 'notApplicable';
    case 'waived':
    case 'owed':
    case 'given':
    case 'declined':
      return 'other';
    default: {
      const unknown: never = e.status;
      throw new Error(`unknown entitlement status ${String(unknown)}`);
    }
  }
}

/**
 * The editions a draft is judged under: the draft as though in force from the start of the period
 * (or its own effective date, if earlier), the editions before it as they are. A forecast asks what
 * the draft would have made of this history, so its future effective date cannot hide it.
 */
export function editionsWithDraft(draft: CodeEdition, period: ForecastPeriod): CodeEdition[] {
  const from = draft.effectiveFrom < period.from ? draft.effectiveFrom : period.from;
  return [
    ...CODE_EDITIONS.filter((e) => e.effectiveFrom < from),
    { ...draft, effectiveFrom: from },
  ];
}

/**
 * The Code-impact forecast, one journey at a time: memory grows with the rules and agencies, not
 * with the journeys. Pure: judged at the `now` given.
 */
export class CodeImpactForecast {
  private readonly tallies = new Map<
    string,
    { owedBy: string; ruleId: string; title: string; inForce: Tally; draft: Tally }
  >();
  private readonly draftEditions: CodeEdition[];
  journeys = 0;

  constructor(
    draft: CodeEdition,
    private readonly period: ForecastPeriod,
    private readonly now: Date,
  ) {
    this.draftEditions = editionsWithDraft(draft, period);
  }

  /** Counts one victim's journey (every event of their stream) under both editions. */
  addJourney(events: readonly JourneyEvent[]): void {
    this.journeys++;
    this.count(entitlementsOf(events, this.now), 'inForce');
    this.count(entitlementsOf(events, this.now, this.draftEditions), 'draft');
  }

  private count(entitlements: readonly Entitlement[], side: 'inForce' | 'draft'): void {
    for (const e of entitlements) {
      const day = londonDateOf(e.trigger.occurredAt);
      if (day < this.period.from || day > this.period.to) continue;
      if (this.period.policeAreas && !this.period.policeAreas.includes(e.policeArea)) continue;
      const key = `${e.owedBy}\u0000${e.ruleId}`;
      let row = this.tallies.get(key);
      if (!row) {
        row = {
          owedBy: e.owedBy,
          ruleId: e.ruleId,
          title: e.title,
          inForce: emptyTally(),
          draft: emptyTally(),
        };
        this.tallies.set(key, row);
      }
      // A rule the draft changes keeps the draft's title; one it drops keeps the Code's.
      if (side === 'draft') row.title = e.title;
      row[side].created++;
      row[side][counted(e)]++;
    }
  }

  /** The table: one row per agency kind and rule, by agency then rule. */
  rows(): ForecastRow[] {
    return [...this.tallies.values()]
      .sort((a, b) => a.owedBy.localeCompare(b.owedBy) || a.ruleId.localeCompare(b.ruleId))
      .map((t) => {
        const inForce = withRates(t.inForce);
        const draft = withRates(t.draft);
        const difference = differenceOf(t.inForce, t.draft);
        return {
          owedBy: t.owedBy,
          ruleId: t.ruleId,
          title: t.title,
          inForce,
          draft,
          difference,
        };
      });
  }
}

const ratesOf = (t: Tally) => {
  const judged = t.met + t.metLate + t.breached;
  return judged === 0
    ? { onTimeRate: null, breachRate: null }
    : { onTimeRate: t.met / judged, breachRate: t.breached / judged };
};

/** Rates to four places, as a report shows them; differences are taken before rounding. */
const rounded = (rate: number | null) =>
  rate === null ? null : Math.round(rate * 10_000) / 10_000;

function withRates(t: Tally): ForecastCounts {
  const { onTimeRate, breachRate } = ratesOf(t);
  return { ...t, onTimeRate: rounded(onTimeRate), breachRate: rounded(breachRate) };
}

function differenceOf(inForce: Tally, draft: Tally): ForecastCounts {
  const [a, b] = [ratesOf(inForce), ratesOf(draft)];
  const change = (x: number | null, y: number | null) =>
    x === null || y === null ? null : rounded(y - x);
  const counts = Object.fromEntries(COUNTED.map((k) => [k, draft[k] - inForce[k]])) as Tally;
  return {
    ...counts,
    onTimeRate: change(a.onTimeRate, b.onTimeRate),
    breachRate: change(a.breachRate, b.breachRate),
  };
}
