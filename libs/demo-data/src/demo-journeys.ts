import type { EventOf, EventType, OffenceCategory, PostedEvent } from '@vj/event-schemas';
import {
  ageBandOf,
  ageOn,
  calendarDaysBefore,
  CODE_2020_RULES,
  enhancedReasons,
  workingDaysAfter,
} from '@vj/victims-code';

/**
 * The demo dataset: a few hundred synthetic victims' journeys through the two development police
 * areas that have a full set of agencies, posted event by event exactly as the agencies would post
 * them. Pure and deterministic: the same seed, count and day give the same posts, so seeding twice
 * stores nothing new the second time. No real people: the schemas hold no names, and every date of
 * birth is made up.
 */

export interface DemoPost {
  /** The posting agency's id in the development agency directory. */
  agencyId: string;
  /**
   * `'new'`: a crime report that opens journey n, where n counts the `'new'` posts before it
   * (journeys are numbered in the order they are opened); otherwise the journey's index.
   */
  victim: 'new' | number;
  /** The body, exactly as an agency would send it to the API: a valid posted event. */
  body: PostedEvent;
}

export interface DemoOptions {
  /** How many journeys (victims). */
  count: number;
  seed: number;
  /**
   * The dataset is built back from the start of this day (UTC): every event happened before it,
   * and any `now` on the same day gives the same posts.
   */
  now: Date;
  /**
   * Add the caseload showcase (caseload-showcase.ts): a few West Yorkshire journeys that give each
   * officer overdue and due items on any day. On for the service's own demo data (`npm start`,
   * `npm run seed`).
   */
  showcase?: boolean;
}

export const DEMO_DEFAULTS = { count: 300, seed: 2026, showcase: true } as const;

/** How far back crimes were reported. */
export const DEMO_WINDOW_DAYS = 120;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, seeded; never Math.random.

/** A 32-bit integer hash (murmur3's finaliser): spreads seeds that differ in one bit. */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of entries) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
}

// ---------------------------------------------------------------------------------------------
// The world: areas, agencies, offences, how well each agency keeps to the Code.

/** One police area and the agencies that post for its victims. */
export interface JourneyArea {
  area: string;
  /** The force's two-digit code, the start of its crime references. */
  forceCode: string;
  /** Two letters for the prosecuting unit in a case URN. */
  urnUnit: string;
  police: string;
  cps: string;
  wcu: string;
  court: string;
  probation: string;
  magistratesCourt: string;
  crownCourt: string;
}

export const DEMO_AREAS: readonly JourneyArea[] = [
  {
    area: 'west-yorkshire',
    forceCode: '13',
    urnUnit: 'LD',
    police: 'police-west-yorkshire',
    cps: 'cps-yorkshire-humberside',
    wcu: 'wcu-west-yorkshire',
    court: 'court-leeds',
    probation: 'probation-yorkshire',
    magistratesCourt: 'Leeds Magistrates Court',
    crownCourt: 'Leeds Crown Court',
  },
  {
    area: 'greater-manchester',
    forceCode: '06',
    urnUnit: 'MC',
    police: 'police-greater-manchester',
    cps: 'cps-north-west',
    wcu: 'wcu-greater-manchester',
    court: 'court-manchester',
    probation: 'probation-greater-manchester',
    magistratesCourt: 'Manchester and Salford Magistrates Court',
    crownCourt: 'Manchester Crown Court (Crown Square)',
  },
];

/** The national bodies: every area's victims. */
export const PRISON = 'prison-service';
export const PAROLE_BOARD = 'parole-board';
export const HOSPITAL = 'hospital-secure-services';

/** Every agency id the dataset posts as: the seed needs each of them in its directory. */
export const DEMO_AGENCY_IDS: readonly string[] = [
  ...DEMO_AREAS.flatMap((a) => [a.police, a.cps, a.wcu, a.court, a.probation]),
  PRISON,
  PAROLE_BOARD,
  HOSPITAL,
];

/**
 * Share of duties each agency meets on time, and late; the rest are never met (breaches). They
 * differ so the compliance reports have something to compare.
 */
const PERFORMANCE: Readonly<Record<string, readonly [onTime: number, late: number]>> = {
  'police-west-yorkshire': [0.8, 0.11],
  'police-greater-manchester': [0.7, 0.15],
  'cps-yorkshire-humberside': [0.78, 0.13],
  'cps-north-west': [0.66, 0.19],
  'wcu-west-yorkshire': [0.86, 0.08],
  'wcu-greater-manchester': [0.74, 0.14],
  'probation-yorkshire': [0.8, 0.12],
  'probation-greater-manchester': [0.7, 0.16],
  'court-leeds': [0.8, 0.1],
  'court-manchester': [0.8, 0.1],
};

/**
 * An agency outside the demo's own: its shares drawn from its id (the same every run), between
 * 64% and 88% on time and 8% to 18% late, so areas differ as the demo's two do.
 */
function performanceOf(agencyId: string): readonly [onTime: number, late: number] {
  const known = PERFORMANCE[agencyId];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < agencyId.length; i++) h = mix(h, agencyId.charCodeAt(i));
  const rng = new Random(h);
  return [0.64 + rng.next() * 0.24, 0.08 + rng.next() * 0.1];
}

export type OffenceGroup = 'volume' | 'violence' | 'serious';

export const OFFENCES: readonly (readonly [OffenceCategory, number])[] = [
  ['theft', 17],
  ['burglary', 11],
  ['criminal-damage', 9],
  ['fraud', 7],
  ['vehicle-offence', 3],
  ['violence-without-injury', 11],
  ['violence-with-injury', 9],
  ['robbery', 3],
  ['public-order', 2],
  ['weapons-possession', 1],
  ['harassment', 3],
  ['stalking', 3],
  ['hate-crime', 2],
  ['wounding-or-gbh-with-intent', 2],
  ['domestic-abuse', 10],
  ['sexual-offence', 5],
  ['arson-endangering-life', 0.5],
  ['kidnap', 0.5],
  ['homicide', 0.5],
  ['attempted-murder', 0.5],
];

export const GROUP: Partial<Record<OffenceCategory, OffenceGroup>> = {
  'violence-without-injury': 'violence',
  'violence-with-injury': 'violence',
  robbery: 'violence',
  'public-order': 'violence',
  'weapons-possession': 'violence',
  harassment: 'violence',
  stalking: 'violence',
  'hate-crime': 'violence',
  'wounding-or-gbh-with-intent': 'serious',
  'domestic-abuse': 'serious',
  'sexual-offence': 'serious',
  'arson-endangering-life': 'serious',
  kidnap: 'serious',
  homicide: 'serious',
  'attempted-murder': 'serious',
};

/** Specified violent or sexual offences: 12 months' custody or more makes the victim VCS-eligible. */
const SPECIFIED: ReadonlySet<OffenceCategory> = new Set<OffenceCategory>([
  'violence-with-injury',
  'robbery',
  'wounding-or-gbh-with-intent',
  'domestic-abuse',
  'sexual-offence',
  'arson-endangering-life',
  'kidnap',
  'homicide',
  'attempted-murder',
]);

/** Where a journey is headed; time running out (the crime was recent) stops it earlier. */
export type Plan =
  | 'reported'
  | 'not-investigated'
  | 'investigation'
  | 'out-of-court'
  | 'police-not-prosecuted'
  | 'cps-not-charged'
  | 'court';

export type PlanShares = Readonly<Record<OffenceGroup, readonly (readonly [Plan, number])[]>>;

/** How a journey writer differs from the demo's own. */
export interface JourneyWriterOptions {
  /** Event ids start with this (the demo's: `demo-<seed>`). */
  eventIdPrefix?: string;
  /** Case URNs carry the serial's last five digits (the demo's), or all of it. */
  urnSerialDigits?: 5 | 'all';
  /** Where journeys are headed, by offence group (the demo's: PLANS). */
  plans?: PlanShares;
  /**
   * Take an opted-in victim's journey on past custody: the release date set, release on licence
   * (with conditions about the victim, or not), a recall to custody, the sentence's end.
   */
  licence?: boolean;
}

const PLANS: PlanShares = {
  volume: [
    ['reported', 24],
    ['not-investigated', 28],
    ['investigation', 20],
    ['out-of-court', 9],
    ['police-not-prosecuted', 5],
    ['cps-not-charged', 3],
    ['court', 11],
  ],
  violence: [
    ['reported', 8],
    ['not-investigated', 6],
    ['investigation', 24],
    ['out-of-court', 10],
    ['police-not-prosecuted', 7],
    ['cps-not-charged', 8],
    ['court', 37],
  ],
  serious: [
    ['reported', 5],
    ['not-investigated', 2],
    ['investigation', 20],
    ['out-of-court', 2],
    ['police-not-prosecuted', 5],
    ['cps-not-charged', 12],
    ['court', 54],
  ],
};

const NOT_INVESTIGATED_REASONS = [
  'No lines of enquiry: no witnesses, CCTV or forensic opportunities',
  'Screened out under the force crime allocation policy: no proportionate lines of enquiry',
  'Property of low value recovered; no suspect identified',
] as const;

const NOT_PROSECUTED_REASONS = [
  'Evidential test not met: insufficient evidence to provide a realistic prospect of conviction',
  'Not in the public interest to prosecute',
  'Suspect could not be identified to the required standard',
] as const;

// The schemas' own value lists, so a demo value the API would refuse does not compile.
type Need = EventOf<'needs-assessed'>['data']['needs'][number];
type ContactMethod = EventOf<'victim-informed'>['data']['method'];
type FeedbackOverall = EventOf<'victim-feedback-given'>['data']['overall'];
type FeedbackAnswer = NonNullable<
  EventOf<'victim-feedback-given'>['data']['rights']
>[number]['answer'];

const RULES = new Map(CODE_2020_RULES.map((rule) => [rule.id, rule]));

// ---------------------------------------------------------------------------------------------
// Time.

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function wholeMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

// ---------------------------------------------------------------------------------------------
// One journey.

export interface TimedPost {
  at: number;
  seq: number;
  agencyId: string;
  body: PostedEvent;
}

interface VictimFacts {
  offence: OffenceCategory;
  group: OffenceGroup;
  child: boolean;
  enhanced: boolean;
}

export class JourneyWriter {
  readonly posts: TimedPost[] = [];
  /** Posts that depend on how the journey went (agreed updates stop when the investigation ends). */
  readonly deferred: (() => void)[] = [];
  private seq = 0;
  private caseUrn: string | undefined;
  /** Events from here on are not posted: the victim withdrew from contact. */
  private withdrawnAt = Infinity;
  private reassessedAt = Infinity;
  private facts!: VictimFacts;
  /** When the investigation ended (charge, disposal, decision): agreed updates stop. */
  private investigationEndedAt = Infinity;

  constructor(
    private readonly rng: Random,
    private readonly seed: number,
    private readonly index: number,
    private readonly area: JourneyArea,
    private readonly serial: number,
    private readonly offence: OffenceCategory,
    private readonly reportedAt: number,
    /** Nothing is posted at or after this instant. */
    private readonly cutoff: number,
    private readonly options: JourneyWriterOptions = {},
  ) {}

  get crimeReference(): string {
    const yy = String(new Date(this.reportedAt).getUTCFullYear() % 100).padStart(2, '0');
    return `${this.area.forceCode}/${String(this.serial).padStart(6, '0')}/${yy}`;
  }

  write(): void {
    const t0 = this.reportedAt;
    this.report(t0);
    this.atReporting(t0);
    if (this.rng.chance(0.03)) {
      this.withdrawnAt = wholeMinute(t0 + this.rng.between(5, 45) * DAY);
    }
    const plan = this.rng.weighted((this.options.plans ?? PLANS)[this.facts.group]);
    this.investigate(plan, t0);
    if (this.rng.chance(0.06)) this.complaint(t0);
    if (this.withdrawnAt < this.cutoff) {
      this.emit(
        this.area.police,
        'victim-withdrew',
        this.withdrawnAt,
        { scope: 'all-contact' },
        true,
      );
    }
    this.feedback(t0);
  }

  /**
   * About a quarter of victims answer the police's satisfaction survey a few weeks after the
   * report. Its own random sequence, so the rest of the journey is as it was without it.
   */
  private feedback(t0: number): void {
    const rng = new Random(mix(this.seed, this.index, 0xfeed));
    if (!rng.chance(0.25)) return;
    const at = wholeMinute(t0 + rng.between(14, 40) * DAY);
    const overall = rng.weighted<FeedbackOverall>([
      ['very-satisfied', 30],
      ['fairly-satisfied', 35],
      ['neither', 12],
      ['fairly-dissatisfied', 12],
      ['very-dissatisfied', 11],
    ]);
    const answer = () =>
      rng.weighted<FeedbackAnswer>([
        ['yes', 60],
        ['partly', 20],
        ['no', 15],
        ['not-sure', 5],
      ]);
    this.emit(this.area.police, 'victim-feedback-given', at, {
      surveyId: `${this.area.forceCode}-satisfaction`,
      overall,
      rights: [
        { right: 3, answer: answer() },
        { right: 4, answer: answer() },
        { right: 6, answer: answer() },
      ],
    });
  }

  // -- reporting --------------------------------------------------------------------------------

  private report(t0: number): void {
    const { rng, offence } = this;
    const group = GROUP[offence] ?? 'volume';
    const child = offence !== 'homicide' && rng.chance(0.06);
    const age = child
      ? rng.int(6, 17)
      : rng.weighted<number>([
          [rng.int(18, 24), 20],
          [rng.int(25, 44), 40],
          [rng.int(45, 64), 28],
          [rng.int(65, 90), 12],
        ]);
    const dateOfBirth = dateOnly(t0 - age * 365.25 * DAY - rng.int(1, 360) * DAY);
    const offenceDate = rng.chance(0.3) ? dateOnly(t0 - rng.int(1, 14) * DAY) : undefined;
    const domesticOrSexual = offence === 'domestic-abuse' || offence === 'sexual-offence';
    const enhancedRights = {
      vulnerable: rng.chance(child ? 0.3 : 0.02),
      intimidated: rng.chance(domesticOrSexual ? 0.35 : 0.02),
      persistentlyTargeted: offence === 'stalking' || offence === 'harassment' || rng.chance(0.01),
      mostSeriousCrime: group === 'serious' && offence !== 'homicide',
      bereaved: offence === 'homicide',
    };
    const ageBand = ageBandOf(age);
    const byBand = rng.chance(0.1);
    const ageAtOffence = ageOn(dateOfBirth, offenceDate ?? dateOnly(t0));
    const enhanced =
      enhancedReasons({
        assessment: enhancedRights,
        offenceCategory: offence,
        ...(byBand ? { ageBand } : { ageAtOffence }),
      }).length > 0;
    this.facts = { offence, group, child, enhanced };
    this.emit(this.area.police, 'crime-reported', t0, {
      victimNumber: 1,
      offenceCategory: offence,
      ...(offenceDate ? { offenceDate } : {}),
      ...(byBand ? { victimAgeBand: ageBand } : { victimDateOfBirth: dateOfBirth }),
      enhancedRights,
    });
    if (!enhanced && rng.chance(0.05)) {
      // Reassessed later as vulnerable or intimidated: shorter deadlines from then on.
      const at = this.after(t0, 2, 20);
      const vulnerable = rng.chance(0.5);
      if (
        this.emit(this.area.police, 'enhanced-rights-reassessed', at, {
          enhancedRights: { ...enhancedRights, vulnerable, intimidated: !vulnerable },
        })
      ) {
        this.reassessedAt = at;
      }
    }
  }

  private atReporting(t0: number): void {
    const { rng, area, facts } = this;
    if (rng.chance(0.85)) {
      const needs = rng.weighted<Need[]>([
        [['none'], 60],
        [['safeguarding'], facts.group === 'serious' ? 30 : 3],
        [['mental-health'], 6],
        [['special-measures'], facts.enhanced ? 10 : 1],
        [['interpreter'], 5],
        [['mobility'], 3],
        [['safeguarding', 'special-measures'], facts.child ? 25 : 1],
      ]);
      this.emit(area.police, 'needs-assessed', this.after(t0, 0.01, 2), { needs });
    }
    // Right 4: a referral to support within 2 working days, unless the victim declines.
    if (rng.chance(0.2)) {
      this.emit(area.police, 'support-referral-declined', this.after(t0, 0.01, 1), {});
    } else {
      const at = this.respond(area.police, t0, this.dueBy('support-referral', t0));
      const service =
        this.facts.offence === 'domestic-abuse'
          ? 'domestic-abuse-service'
          : this.facts.offence === 'sexual-offence'
            ? 'sexual-violence-service'
            : this.facts.offence === 'homicide'
              ? 'homicide-service'
              : this.facts.child
                ? 'child-service'
                : 'victim-support';
      if (at !== undefined) this.emit(area.police, 'referred-to-support', at, { service });
    }
    // Right 3: the report acknowledged in writing, within 5 working days (1 when enhanced).
    const acknowledgedAt = this.respond(area.police, t0, this.dueBy('report-acknowledgement', t0));
    if (acknowledgedAt !== undefined) {
      this.emit(area.police, 'victim-informed', acknowledgedAt, {
        entitlement: 'report-acknowledgement',
        method: rng.chance(0.6) ? 'email' : 'letter',
      });
    }
    if (rng.chance(0.45)) {
      this.emit(area.police, 'victim-informed', this.after(t0, 0.02, 10), {
        entitlement: 'compensation-information',
        method: this.method(area.police),
      });
    }
  }

  // -- investigation ------------------------------------------------------------------------------

  private investigate(plan: Plan, t0: number): void {
    const { rng, area, facts } = this;
    if (plan === 'reported') return;
    if (plan === 'not-investigated') {
      const at = this.after(t0, 0.5, 10);
      const id = this.emit(area.police, 'decided-not-to-investigate', at, {
        reason: rng.pick(NOT_INVESTIGATED_REASONS),
      });
      this.inform(area.police, 'decision-not-to-investigate-update', id, at);
      this.investigationEndedAt = at;
      return;
    }

    if (rng.chance(0.35)) {
      const at = this.after(t0, 0.5, 4);
      const everyDays = rng.pick([7, 14, 28]);
      // Agreed only while the investigation is still open (a charge on the spot may come first).
      this.deferred.push(() => {
        if (at < this.investigationEndedAt) {
          this.emit(area.police, 'update-frequency-agreed', at, { everyDays });
        }
      });
      this.agreedUpdates(at, everyDays);
    }
    if (rng.chance(0.5)) {
      this.emit(area.police, 'vps-offered', this.after(t0, 0.1, 12), { accepted: rng.chance(0.7) });
    }

    const urgent = facts.group === 'serious';
    const arrestedAt = this.after(t0, urgent ? 0.05 : 0.5, urgent ? 3 : 21);
    const arrest = this.emit(area.police, 'suspect-arrested', arrestedAt, { suspectNumber: 1 });
    this.inform(area.police, 'arrest-update', arrest, arrestedAt);
    const interviewedAt = arrestedAt + wholeMinute(rng.between(2, 10) * HOUR);
    const interview = this.emit(area.police, 'suspect-interviewed-under-caution', interviewedAt, {
      suspectNumber: 1,
    });
    this.inform(area.police, 'interview-update', interview, interviewedAt);
    const releasedAt = interviewedAt + wholeMinute(rng.between(0.5, 3) * HOUR);

    switch (plan) {
      case 'investigation': {
        const release = rng.weighted([
          ['nfa', 40],
          ['bail', 30],
          ['rui', 30],
        ] as const);
        if (release === 'nfa') {
          const id = this.emit(area.police, 'suspect-released-no-further-action', releasedAt, {
            suspectNumber: 1,
          });
          this.inform(area.police, 'release-no-further-action-update', id, releasedAt);
          this.investigationEndedAt = releasedAt;
          if (rng.chance(0.12)) this.rightToReview(area.police, releasedAt);
        } else {
          this.releasePending(release, releasedAt, Infinity);
        }
        return;
      }
      case 'out-of-court': {
        const at = releasedAt + wholeMinute(rng.between(0.1, 1) * HOUR);
        const id = this.emit(area.police, 'out-of-court-disposal-given', at, {
          suspectNumber: 1,
          disposal: rng.weighted([
            ['community-resolution', 45],
            ['simple-caution', 25],
            ['conditional-caution', 20],
            ['penalty-notice', 10],
          ] as const),
        });
        this.inform(area.police, 'charge-decision-update', id, at);
        this.investigationEndedAt = at;
        return;
      }
      case 'police-not-prosecuted': {
        const decidedAt = this.after(releasedAt, 14, 60);
        this.releasePending('rui', releasedAt, decidedAt);
        const id = this.emit(area.police, 'decided-not-to-prosecute', decidedAt, {
          suspectNumber: 1,
          reason: rng.pick(NOT_PROSECUTED_REASONS),
        });
        this.inform(area.police, 'charge-decision-update', id, decidedAt);
        this.investigationEndedAt = decidedAt;
        if (rng.chance(0.15)) this.rightToReview(area.police, decidedAt);
        return;
      }
      case 'cps-not-charged': {
        const decidedAt = this.after(releasedAt, 14, 60);
        this.releasePending(rng.chance(0.5) ? 'bail' : 'rui', releasedAt, decidedAt);
        const id = this.emit(area.cps, 'cps-decided-not-to-charge', decidedAt, {
          suspectNumber: 1,
        });
        this.inform(area.cps, 'cps-decision-letter', id, decidedAt);
        this.investigationEndedAt = decidedAt;
        if (rng.chance(0.25)) this.rightToReview(area.cps, decidedAt);
        return;
      }
      case 'court': {
        const chargedOnTheSpot = rng.chance(urgent ? 0.6 : 0.3);
        const chargedAt = chargedOnTheSpot
          ? releasedAt
          : this.after(releasedAt, 10, facts.group === 'volume' ? 50 : 35);
        if (!chargedOnTheSpot) {
          this.releasePending(rng.chance(0.6) ? 'bail' : 'rui', releasedAt, chargedAt);
        }
        this.court(chargedAt, chargedOnTheSpot && urgent);
        return;
      }
      default:
        return;
    }
  }

  /** Released on bail or under investigation until `until` (a decision, or never). */
  private releasePending(kind: 'bail' | 'rui', at: number, until: number): void {
    const { rng, area, facts } = this;
    if (kind === 'rui') {
      const id = this.emit(area.police, 'suspect-released-under-investigation', at, {
        suspectNumber: 1,
      });
      this.inform(area.police, 'bail-update', id, at);
      return;
    }
    const answerOn = at + 28 * DAY;
    const id = this.emit(area.police, 'suspect-released-on-bail', at, {
      suspectNumber: 1,
      conditionsProtectVictim: facts.group !== 'volume' && rng.chance(0.8),
      answerBailOn: dateOnly(answerOn),
    });
    this.inform(area.police, 'bail-update', id, at);
    if (until > answerOn - 2 * DAY && rng.chance(0.6)) {
      const variedAt = this.after(answerOn - 4 * DAY, 0, 3);
      const varied = this.emit(area.police, 'suspect-bail-varied', variedAt, {
        suspectNumber: 1,
        change: rng.weighted([
          ['extended', 70],
          ['conditions-varied', 20],
          ['cancelled', 10],
        ] as const),
      });
      this.inform(area.police, 'bail-update', varied, variedAt);
    }
  }

  /** Updates at the agreed frequency, until the investigation ends or the police stop giving them. */
  private agreedUpdates(agreedAt: number, everyDays: number): void {
    const { rng, area } = this;
    let last = agreedAt;
    for (let n = 0; n < 20; n++) {
      const due = last + everyDays * DAY;
      const [onTime, late] = performanceOf(area.police);
      const r = rng.next();
      let at: number;
      if (r < onTime) at = this.officeHours(due - rng.between(0.5, 3) * DAY, due - HOUR);
      else if (r < onTime + late) at = wholeMinute(due + rng.between(1, 6) * DAY);
      else return;
      if (at >= this.cutoff) return;
      // Written once the journey is: updates stop when the investigation ends.
      this.deferred.push(() => {
        if (at <= this.investigationEndedAt) {
          this.emit(area.police, 'victim-informed', at, {
            entitlement: 'agreed-investigation-update',
            method: this.method(area.police),
          });
        }
      });
      last = at;
    }
  }

  // -- court --------------------------------------------------------------------------------------

  private court(chargedAt: number, remanded: boolean): void {
    const { rng, area, facts } = this;
    const yy = this.crimeReference.slice(-2);
    const urnSerial =
      this.options.urnSerialDigits === 'all'
        ? String(this.serial)
        : String(this.serial % 100000).padStart(5, '0');
    this.caseUrn = `${area.forceCode}${area.urnUnit}${urnSerial}${yy}`;
    const charge = this.emit(area.police, 'suspect-charged', chargedAt, {
      suspectNumber: 1,
      caseUrn: this.caseUrn,
    });
    this.inform(area.police, 'charge-decision-update', charge, chargedAt);
    this.investigationEndedAt = chargedAt;
    if (!charge) return;

    // First appearance: the next working morning when remanded, within weeks on bail.
    const firstAt = this.hearingTime(chargedAt + (remanded ? 1 : rng.int(7, 28)) * DAY);
    const first = this.listHearing(chargedAt, firstAt, area.magistratesCourt, 1);
    if (first === undefined) return;

    if (remanded || rng.chance(0.25)) {
      const at = firstAt + wholeMinute(rng.between(2, 5) * HOUR);
      const id = this.emit(area.wcu, 'bail-hearing-outcome-received', at, {
        suspectNumber: 1,
        outcome: remanded && rng.chance(0.6) ? 'bail-refused' : 'bail-granted',
      });
      this.inform(area.wcu, 'bail-hearing-outcome', id, at);
    }
    if (rng.chance(0.05)) {
      const at = this.after(chargedAt, 1, 6);
      const id = this.emit(area.cps, 'cps-charge-substantially-altered', at, {
        suspectNumber: 1,
        caseUrn: this.caseUrn,
      });
      this.inform(area.cps, 'cps-decision-letter', id, at);
    }
    if (rng.chance(0.1)) {
      const at = this.after(firstAt, 3, 30);
      const id = this.emit(area.cps, 'cps-discontinued', at, {
        suspectNumber: 1,
        caseUrn: this.caseUrn,
      });
      this.inform(area.cps, 'cps-decision-letter', id, at);
      if (rng.chance(0.3)) this.rightToReview(area.cps, at);
      return;
    }

    const pleaAt = firstAt + wholeMinute(rng.between(0.5, 2) * HOUR);
    const guiltyPlea = rng.chance(facts.group === 'serious' ? 0.6 : 0.65);
    const plea = this.emit(area.court, 'plea-entered', pleaAt, {
      suspectNumber: 1,
      plea: guiltyPlea ? 'guilty' : 'not-guilty',
    });
    if (!plea) return;
    if (guiltyPlea) {
      this.inform(area.wcu, 'verdict-outcome', plea, this.passToWitnessCare('verdict', pleaAt));
      this.sentencing(pleaAt);
      return;
    }

    const requirementAt = this.after(pleaAt, 1, 10);
    const requirement = this.emit(area.wcu, 'witness-requirement-received', requirementAt, {
      required: rng.chance(0.85),
    });
    this.inform(area.wcu, 'witness-requirement', requirement, requirementAt);
    const trialAt = this.hearingTime(pleaAt + rng.int(21, 56) * DAY);
    const trial = this.listHearing(pleaAt, trialAt, area.crownCourt, 2);
    if (trial === undefined) return;
    const verdictAt = trialAt + wholeMinute(rng.between(1, 3) * DAY);
    const verdict = rng.weighted([
      ['guilty', 58],
      ['not-guilty', 36],
      ['mixed', 6],
    ] as const);
    const given = this.emit(area.court, 'verdict-given', verdictAt, { suspectNumber: 1, verdict });
    if (given)
      this.inform(area.wcu, 'verdict-outcome', given, this.passToWitnessCare('verdict', verdictAt));
    if (given && verdict !== 'not-guilty') this.sentencing(verdictAt);
  }

  /**
   * The court passes a verdict or sentence to the Witness Care Unit, on time, late or never, and
   * the unit records its receipt: when its own clock starts (the outcome, if never sent).
   */
  private passToWitnessCare(result: 'verdict' | 'sentence', outcomeAt: number): number {
    const { rng, area } = this;
    const rule = result === 'verdict' ? 'court-verdict-sent' : 'court-sentence-sent';
    const sentAt = this.respond(area.court, outcomeAt, this.dueBy(rule, outcomeAt));
    if (sentAt === undefined) return outcomeAt;
    this.emit(area.court, 'result-sent-to-witness-care', sentAt, { result, suspectNumber: 1 });
    const receivedAt = wholeMinute(sentAt + rng.between(0.2, 3) * HOUR);
    this.emit(area.wcu, 'court-result-received', receivedAt, { result, suspectNumber: 1 });
    return receivedAt;
  }

  /** The court lists a hearing; the Witness Care Unit receives the details and tells the victim. */
  private listHearing(
    after: number,
    hearingAt: number,
    court: string,
    n: number,
  ): string | undefined {
    const { rng, area } = this;
    const hearingId = `${area.urnUnit}-${this.serial}-H${n}`;
    const listedAt = after + wholeMinute(rng.between(0.5, 20) * HOUR);
    const listed = this.emit(area.court, 'hearing-listed', listedAt, {
      hearingId,
      court,
      hearingAt: iso(hearingAt),
    });
    if (!listed) return undefined;
    const receivedAt = listedAt + wholeMinute(rng.between(0.5, 30) * HOUR);
    // The court sends the listing, and the unit has it within the hour.
    this.emit(area.court, 'result-sent-to-witness-care', Math.max(listedAt, receivedAt - HOUR), {
      result: 'hearing-details',
      hearingId,
    });
    const received = this.emit(area.wcu, 'hearing-details-received', receivedAt, {
      hearingId,
      court,
      hearingAt: iso(hearingAt),
    });
    this.inform(area.wcu, 'hearing-details', received, receivedAt);
    return hearingAt < this.cutoff ? listed : undefined;
  }

  private sentencing(convictedAt: number): void {
    const { rng, area, facts } = this;
    let sentencedAt = convictedAt + wholeMinute(rng.between(0.5, 2) * HOUR);
    if (!rng.chance(0.3)) {
      // Adjourned for reports: a sentencing hearing some weeks later.
      const hearingAt = this.hearingTime(convictedAt + rng.int(14, 35) * DAY);
      if (this.listHearing(convictedAt, hearingAt, area.crownCourt, 3) === undefined) return;
      sentencedAt = hearingAt + wholeMinute(rng.between(1, 4) * HOUR);
    }

    if (facts.group === 'serious' && rng.chance(0.05)) {
      const id = this.emit(
        area.court,
        'hospital-order-made',
        sentencedAt,
        {
          suspectNumber: 1,
          restricted: rng.chance(0.6),
          offenceCategory: facts.offence,
          specifiedOffence: SPECIFIED.has(facts.offence),
        },
        false,
        2,
      );
      if (!id) return;
      this.inform(
        area.wcu,
        'sentence-outcome',
        id,
        this.passToWitnessCare('sentence', sentencedAt),
      );
      if (SPECIFIED.has(facts.offence)) {
        this.victimContactScheme(sentencedAt, { hospital: true, custodyMonths: 0 });
      }
      return;
    }

    const disposal = rng.weighted(
      facts.group === 'serious'
        ? ([
            ['immediate-custody', 72],
            ['suspended-sentence', 15],
            ['community-order', 13],
          ] as const)
        : facts.group === 'violence'
          ? ([
              ['immediate-custody', 38],
              ['suspended-sentence', 22],
              ['community-order', 28],
              ['fine', 10],
              ['discharge', 2],
            ] as const)
          : ([
              ['immediate-custody', 18],
              ['suspended-sentence', 15],
              ['community-order', 30],
              ['fine', 27],
              ['discharge', 10],
            ] as const),
    );
    const custodyMonths =
      disposal !== 'immediate-custody'
        ? 0
        : facts.offence === 'homicide'
          ? rng.int(180, 360)
          : facts.group === 'serious'
            ? rng.weighted([
                [rng.int(6, 11), 15],
                [rng.int(12, 48), 60],
                [rng.int(49, 144), 25],
              ])
            : rng.weighted([
                [rng.int(1, 11), 70],
                [rng.int(12, 30), 30],
              ]);
    const specifiedOffence = SPECIFIED.has(facts.offence);
    const id = this.emit(
      area.court,
      'sentenced',
      sentencedAt,
      {
        suspectNumber: 1,
        offenceCategory: facts.offence,
        specifiedOffence,
        custodyMonths,
        disposal,
      },
      false,
      2,
    );
    if (!id) return;
    this.inform(area.wcu, 'sentence-outcome', id, this.passToWitnessCare('sentence', sentencedAt));
    if (rng.chance(0.04)) {
      const at = this.after(sentencedAt, 7, 28);
      const appeal = this.emit(area.wcu, 'appeal-information-received', at, {
        suspectNumber: 1,
        stage: 'permission',
      });
      this.inform(area.wcu, 'appeal-update', appeal, at);
    }
    if (specifiedOffence && disposal === 'immediate-custody' && custodyMonths >= 12) {
      this.victimContactScheme(sentencedAt, { hospital: false, custodyMonths });
    }
  }

  // -- Victim Contact Scheme, custody, parole -----------------------------------------------------

  private victimContactScheme(
    sentencedAt: number,
    sentence: { hospital: boolean; custodyMonths: number },
  ): void {
    const { rng, area } = this;
    const referredAt = this.respond(area.wcu, sentencedAt, this.dueBy('vcs-referral', sentencedAt));
    if (referredAt === undefined) return;
    if (!this.emit(area.wcu, 'vcs-referral-made', referredAt, { suspectNumber: 1 })) return;
    const receivedAt = referredAt + wholeMinute(rng.between(1, 72) * HOUR);
    if (!this.emit(area.probation, 'vcs-referral-received', receivedAt, { suspectNumber: 1 }))
      return;
    const contactAt = this.respond(
      area.probation,
      receivedAt,
      this.dueBy('vlo-first-contact', receivedAt),
    );
    if (contactAt === undefined) return;
    const contacted = this.emit(area.probation, 'vlo-contact-made', contactAt, {
      suspectNumber: 1,
      method: this.method(area.probation),
    });
    if (!contacted) return;
    const choice = rng.weighted([
      ['in', 70],
      ['out', 15],
      ['no-answer', 15],
    ] as const);
    if (choice === 'no-answer') return;
    const choseAt = this.after(contactAt, 1, 15);
    if (choice === 'out') {
      this.emit(area.probation, 'vcs-opted-out', choseAt, { suspectNumber: 1 });
      return;
    }
    if (!this.emit(area.probation, 'vcs-opted-in', choseAt, { suspectNumber: 1 })) return;

    if (sentence.hospital) {
      if (rng.chance(0.4)) {
        const leaveAt = this.after(choseAt, 20, 60);
        const leave = this.emit(HOSPITAL, 'patient-leave-granted', leaveAt, { suspectNumber: 1 });
        this.inform(area.probation, 'key-stage-hospital-leave-or-discharge', leave, leaveAt);
      }
      return;
    }
    if (rng.chance(0.12)) {
      const movedAt = this.after(choseAt, 10, 50);
      const moved = this.emit(PRISON, 'offender-moved-to-open-conditions', movedAt, {
        suspectNumber: 1,
      });
      this.inform(area.probation, 'key-stage-open-conditions', moved, movedAt);
    }
    if (sentence.custodyMonths >= 24 && rng.chance(0.8)) this.parole(choseAt);
    if (this.options.licence) this.licence(sentencedAt, choseAt, sentence.custodyMonths);
  }

  /**
   * Release at the halfway point of the custodial term (a standard determinate sentence), the
   * date set by the prison some weeks before; recalled to custody in about one case in five;
   * otherwise the licence runs to the end of the sentence.
   */
  private licence(sentencedAt: number, optedInAt: number, custodyMonths: number): void {
    const { rng, area } = this;
    const releaseDay = Math.floor((sentencedAt + (custodyMonths / 2) * 30.44 * DAY) / DAY) * DAY;
    const setAt = Math.max(optedInAt + DAY, this.after(releaseDay - rng.int(14, 42) * DAY, 0, 1));
    if (setAt >= releaseDay) return;
    const releaseDate = dateOnly(releaseDay);
    const set = this.emit(PRISON, 'offender-release-date-set', setAt, {
      suspectNumber: 1,
      releaseDate,
    });
    if (!set) return;
    // Told at least 7 days before the release; the day before when the date came later (the rule).
    const weekBefore = Date.parse(calendarDaysBefore(releaseDate, 7).endsAt);
    const due =
      setAt < weekBefore ? weekBefore : Date.parse(calendarDaysBefore(releaseDate, 1).endsAt);
    const toldAt = this.respond(area.probation, setAt, Math.max(due, setAt + HOUR));
    if (toldAt !== undefined) {
      this.emit(area.probation, 'victim-informed', toldAt, {
        entitlement: 'key-stage-release-date',
        triggerEventId: set,
        method: this.method(area.probation),
      });
    }
    const releasedAt = releaseDay + 9 * HOUR + wholeMinute(rng.between(0, 3) * HOUR);
    const victimLicenceConditions = rng.chance(0.6);
    const released = this.emit(PRISON, 'offender-released-on-licence', releasedAt, {
      suspectNumber: 1,
      victimLicenceConditions,
    });
    if (!released) return;
    if (victimLicenceConditions) {
      this.inform(area.probation, 'key-stage-licence-conditions', released, releasedAt);
    }
    const endsAt = this.after(sentencedAt + custodyMonths * 30.44 * DAY, 0, 1);
    if (rng.chance(0.2)) {
      const recalledAt = this.after(releasedAt, 14, Math.max(15, (endsAt - releasedAt) / DAY));
      const recalled = this.emit(PRISON, 'offender-recalled', recalledAt, { suspectNumber: 1 });
      this.inform(area.probation, 'key-stage-recall', recalled, recalledAt);
      return;
    }
    this.emit(area.probation, 'sentence-ended', endsAt, { suspectNumber: 1 });
  }

  private parole(from: number): void {
    const { rng, area } = this;
    const listedAt = this.after(from, 3, 25);
    const paroleHearingId = `PB-${area.urnUnit}-${this.serial}`;
    const hearingDate = dateOnly(listedAt + rng.int(35, 110) * DAY);
    const listed = this.emit(PAROLE_BOARD, 'parole-hearing-listed', listedAt, {
      suspectNumber: 1,
      paroleHearingId,
      hearingDate,
    });
    if (!listed) return;
    this.inform(area.probation, 'key-stage-release-considered', listed, listedAt);
    const due = Date.parse(calendarDaysBefore(hearingDate, 28).endsAt);
    const at = this.respond(area.probation, listedAt, due);
    if (at !== undefined) {
      this.emit(area.probation, 'vps-submitted', at, { suspectNumber: 1, paroleHearingId });
    }
  }

  // -- Right to Review, complaints ----------------------------------------------------------------

  /** The victim asks the police or the CPS to look at a decision again. */
  private rightToReview(agencyId: string, decidedAt: number): void {
    const { rng } = this;
    const reviewId = `VRR-${this.area.urnUnit}-${this.serial}`;
    const requestedAt = this.after(decidedAt, 3, 40);
    const scheme = agencyId.startsWith('cps') ? 'cps-vrr' : 'police-vrr';
    if (!this.emit(agencyId, 'review-requested', requestedAt, { reviewId, scheme })) return;
    // The CPS scheme sets no time to acknowledge: the police scheme's 10 working days pace it.
    const acknowledgedAt = this.respond(
      agencyId,
      requestedAt,
      this.dueBy('review-acknowledgement', requestedAt),
    );
    if (acknowledgedAt !== undefined) {
      this.emit(agencyId, 'review-acknowledged', acknowledgedAt, { reviewId });
    }
    const decisionAt = this.respond(
      agencyId,
      Math.max(requestedAt, acknowledgedAt ?? requestedAt),
      this.dueBy(scheme === 'cps-vrr' ? 'cps-review-decision' : 'review-decision', requestedAt),
    );
    if (decisionAt !== undefined) {
      this.emit(agencyId, 'review-decided', decisionAt, {
        reviewId,
        outcome: rng.chance(0.85) ? 'decision-upheld' : 'decision-overturned',
      });
    }
  }

  /** A complaint to one of the agencies (Right 12), answered within 10 working days, or not. */
  private complaint(t0: number): void {
    const { rng, area } = this;
    // Complaints about the Witness Care Unit or the CPS only once the case is with them.
    const about = this.caseUrn
      ? rng.weighted([
          ['police', 50],
          ['witness-care-unit', 30],
          ['cps', 20],
        ] as const)
      : 'police';
    const agencyId = about === 'police' ? area.police : about === 'cps' ? area.cps : area.wcu;
    const complaintId = `CMP-${area.urnUnit}-${this.serial}`;
    // (When the case is in court, the investigation ended with the charge.)
    const at = this.after(about === 'police' ? t0 : this.investigationEndedAt, 7, 60);
    if (!this.emit(agencyId, 'complaint-received', at, { complaintId, about })) return;
    const answeredAt = this.respond(agencyId, at, this.dueBy('complaint-response', at));
    if (answeredAt !== undefined)
      this.emit(agencyId, 'complaint-answered', answeredAt, { complaintId });
  }

  // -- the owing agency tells the victim ----------------------------------------------------------

  /** `victim-informed` for the entitlement the trigger opened: on time, late or never. */
  private inform(
    agencyId: string,
    entitlement: string,
    triggerEventId: string | undefined,
    triggerAt: number,
  ): void {
    if (triggerEventId === undefined) return;
    const at = this.respond(agencyId, triggerAt, this.dueBy(entitlement, triggerAt));
    if (at === undefined) return;
    this.emit(agencyId, 'victim-informed', at, {
      entitlement,
      triggerEventId,
      method: this.method(agencyId),
      ...(this.rng.chance(0.02) ? { waived: true } : {}),
    });
  }

  /** When the agency does what it owes by `dueBy`: mostly in time, sometimes late, sometimes never. */
  private respond(agencyId: string, from: number, dueBy: number): number | undefined {
    const { rng } = this;
    const [onTime, late] = performanceOf(agencyId);
    const r = rng.next();
    if (r < onTime) {
      const earliest = from + 10 * MINUTE;
      const latest = Math.max(earliest, dueBy - 30 * MINUTE);
      return this.officeHours(earliest + (latest - earliest) * rng.next() ** 2, latest);
    }
    if (r < onTime + late) return wholeMinute(dueBy + HOUR + rng.next() * 8 * DAY);
    return undefined;
  }

  /** The end of the deadline the rule gives for this trigger, as the Code rules compute it. */
  private dueBy(ruleId: string, triggerAt: number): number {
    const deadline = RULES.get(ruleId)?.deadline;
    if (deadline?.kind !== 'working-days') {
      throw new Error(`the demo data expects '${ruleId}' to have a working-day deadline`);
    }
    const enhanced = this.facts.enhanced || triggerAt >= this.reassessedAt;
    const days = enhanced ? deadline.enhanced : deadline.standard;
    return Date.parse(workingDaysAfter(new Date(triggerAt), days).endsAt);
  }

  private method(agencyId: string): ContactMethod {
    const kind = agencyId.split('-')[0];
    return this.rng.weighted<ContactMethod>(
      kind === 'cps'
        ? [
            ['letter', 85],
            ['email', 15],
          ]
        : kind === 'wcu'
          ? [
              ['phone', 60],
              ['email', 15],
              ['text', 15],
              ['letter', 10],
            ]
          : kind === 'probation'
            ? [
                ['letter', 50],
                ['phone', 40],
                ['in-person', 10],
              ]
            : [
                ['phone', 35],
                ['email', 20],
                ['in-person', 20],
                ['text', 15],
                ['letter', 10],
              ],
    );
  }

  // -- time helpers -------------------------------------------------------------------------------

  /** Some time between `minDays` and `maxDays` after `from`, moved into office hours when it can be. */
  private after(from: number, minDays: number, maxDays: number): number {
    const t = from + this.rng.between(minDays, maxDays) * DAY;
    return Math.max(from + MINUTE, this.officeHours(t, t + 3 * DAY));
  }

  /** `t`, or the next 08:00-17:00 (UTC) slot when that is no later than `latest`. */
  private officeHours(t: number, latest: number): number {
    const hour = new Date(t).getUTCHours();
    if (hour >= 8 && hour < 17) return wholeMinute(t);
    const dayStart = Math.floor(t / DAY) * DAY;
    const next = (hour < 8 ? dayStart : dayStart + DAY) + 8 * HOUR + this.rng.next() * 3 * HOUR;
    return wholeMinute(next <= latest ? next : t);
  }

  /** A court sitting: 10:00 (UTC) on the given day, or the Monday after a weekend. */
  private hearingTime(day: number): number {
    let start = Math.floor(day / DAY) * DAY;
    const weekday = new Date(start).getUTCDay();
    if (weekday === 6) start += 2 * DAY;
    if (weekday === 0) start += DAY;
    return start + 10 * HOUR;
  }

  // -- posting ------------------------------------------------------------------------------------

  /**
   * Adds one posted event; returns its event id, or undefined when it would happen at or after
   * the cut-off (or after the victim withdrew), in which case nothing is posted.
   */
  /** Posts one event of a published type and version (1 unless given), its data typed by the schema. */
  private emit<T extends EventType, V extends number = 1>(
    agencyId: string,
    type: T,
    at: number,
    data: Extract<EventOf<T>, { schemaVersion: V }>['data'],
    evenAfterWithdrawal = false,
    schemaVersion = 1 as V,
  ): string | undefined {
    if (at >= this.cutoff || (!evenAfterWithdrawal && at >= this.withdrawnAt)) return undefined;
    const seq = this.seq++;
    const eventId = `${this.options.eventIdPrefix ?? `demo-${this.seed}`}-${String(this.index).padStart(4, '0')}-${String(seq).padStart(3, '0')}`;
    this.posts.push({
      at,
      seq,
      agencyId,
      body: {
        eventId,
        type,
        schemaVersion,
        occurredAt: iso(at),
        crimeReference: this.crimeReference,
        ...(this.caseUrn && type !== 'crime-reported' ? { caseUrn: this.caseUrn } : {}),
        data,
      } as PostedEvent, // the signature ties data to the type and version
    });
    return eventId;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The demo dataset, in posting order: every journey's crime report first, then each event when it
 * happened (across all journeys), so the store fills as it would have in those 120 days.
 */
export function demoJourneys(options: DemoOptions): DemoPost[] {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a whole number');
  const startOfDay = Math.floor(options.now.getTime() / DAY) * DAY;
  const cutoff = startOfDay - MINUTE;

  // Each crime and when it was reported. Serious crimes lean towards the start of the window, so
  // that some of them have reached sentence, the Victim Contact Scheme and parole by its end.
  const crimes = Array.from({ length: count }, (_, i) => {
    const rng = new Random(mix(seed, i, 0x10e7));
    const offence = rng.weighted(OFFENCES);
    const ago = GROUP[offence] === 'serious' ? Math.sqrt(rng.next()) : rng.next();
    const reportedAt = wholeMinute(startOfDay - HOUR - ago * (DEMO_WINDOW_DAYS * DAY - HOUR));
    return { rng, offence, reportedAt };
  });
  // Journeys are numbered in the order they open, oldest first; crime serials follow that order
  // from a base the seed chooses.
  crimes.sort((a, b) => a.reportedAt - b.reportedAt);
  let serial = 100_000 + Math.floor(new Random(mix(seed, 0x5eed)).next() * 500_000);

  const timed: (TimedPost & { journey: number })[] = [];
  crimes.forEach(({ rng, offence, reportedAt }, index) => {
    serial += rng.int(1, 3);
    const area = rng.chance(0.52) ? DEMO_AREAS[0] : DEMO_AREAS[1];
    if (!area) throw new Error('no demo area');
    const journey = new JourneyWriter(rng, seed, index, area, serial, offence, reportedAt, cutoff);
    journey.write();
    for (const run of journey.deferred) run();
    for (const post of journey.posts) timed.push({ ...post, journey: index });
  });

  timed.sort((a, b) => a.at - b.at || a.journey - b.journey || a.seq - b.seq);
  return timed.map(({ agencyId, journey, body }) => ({
    agencyId,
    victim: body.type === 'crime-reported' ? 'new' : journey,
    body,
  }));
}
