import type { Agency, CallerKind } from '@vj/agencies/model';
import {
  ACCESS_TABLE,
  ACTIONS,
  decide,
  ownKindOf,
  reportAreasOf,
  type Action,
} from './access-policy';
import type { NationalPart } from '@vj/projections';
import { agencyCaller, roleOf, type PersonCaller, type Role } from './caller';
import { seesPseudonyms } from './views';

const agency = (kind: CallerKind, areas: Agency['areas'] = ['west-yorkshire']) =>
  agencyCaller({ id: `${kind}-1`, name: kind, kind, homeArea: 'west-yorkshire', areas });

const police = agency('police');
const cps = agency('cps', ['west-yorkshire', 'north-yorkshire']);
const prison = agency('prison', '*');
const pcc = agency('pcc');
const operator = agency('operator', '*');

const person = (role: PersonCaller['role'], extra: Partial<PersonCaller> = {}): PersonCaller => ({
  kind: 'person',
  subject: `${role}-1`,
  role,
  areas: ['west-yorkshire'],
  ...extra,
});
const vlo = person('victim-liaison-officer', { agencyId: 'probation-yorkshire' });
const witnessCare = person('witness-care-officer', { agencyId: 'wcu-west-yorkshire' });
const policeVictimCare = person('police-victim-care-officer', {
  agencyId: 'police-west-yorkshire',
});
const analyst = person('pcc-analyst');
const administrator = person('administrator', { areas: '*' });
const nationalAnalyst = person('national-analyst', { areas: '*' });
const administratorWithReason = {
  ...administrator,
  accessReason: 'parked event 42 for this victim',
};

describe('the access table', () => {
  // Who may ever do each action, whatever the victim: everyone else is 403.
  const OFFICERS = ['vlo', 'witnessCare', 'policeVictimCare'];
  const ADMIN = ['administrator', 'administratorWithReason'];
  const expected: Record<Action, string[]> = {
    'open-journey': ['police'],
    'post-event': ['police', 'cps', 'prison', ...OFFICERS],
    'find-victim': ['police', 'cps', 'prison', ...OFFICERS, 'administratorWithReason'],
    'read-stream': ['police', 'cps', 'prison', 'administratorWithReason'],
    'read-journey': ['police', 'cps', 'prison', ...OFFICERS, 'administratorWithReason'],
    'read-vcs': ['police', 'cps', 'prison', 'vlo', 'administratorWithReason'],
    'read-caseload': ['police', 'cps', 'prison', 'pcc', 'analyst', ...OFFICERS],
    'read-breaches': ['police', 'cps', 'prison', 'pcc', 'analyst'],
    'read-failed-notifications': ['operator', ...ADMIN],
    'retry-notification': ['operator', ...ADMIN],
    'read-parked-events': ['operator', ...ADMIN],
    'read-audit': ['operator', ...ADMIN],
    'erase-personal-data': ['operator', ...ADMIN],
    'run-forecast': ['pcc', 'analyst', 'operator', ...ADMIN],
    'read-compliance-report': ['pcc', 'analyst', 'nationalAnalyst'],
  };
  const callers = {
    police,
    cps,
    prison,
    pcc,
    operator,
    vlo,
    witnessCare,
    policeVictimCare,
    analyst,
    administrator,
    administratorWithReason,
    nationalAnalyst,
  };

  it('has a row for every action', () => {
    expect(Object.keys(ACCESS_TABLE).sort()).toEqual([...ACTIONS].sort());
  });

  it.each(ACTIONS.flatMap((action) => Object.keys(callers).map((kind) => [action, kind])))(
    '%s by %s',
    (action, kind) => {
      const decision = decide(callers[kind as keyof typeof callers], action as Action);
      if (expected[action as Action].includes(kind)) {
        expect(decision).toEqual({ allowed: true });
      } else {
        expect(decision).toMatchObject({ allowed: false, answer: 'forbidden' });
      }
    },
  );
});

describe('compliance reports', () => {
  it("lets a PCC analyst read their own area's report, not another's; a national analyst every area's", () => {
    const report = (policeArea: string) => ({ report: { policeArea } });
    expect(decide(analyst, 'read-compliance-report', report('west-yorkshire'))).toEqual({
      allowed: true,
    });
    expect(decide(analyst, 'read-compliance-report', report('kent'))).toMatchObject({
      allowed: false,
      answer: 'forbidden',
      field: { name: 'policeArea' },
    });
    expect(decide(nationalAnalyst, 'read-compliance-report', report('kent'))).toEqual({
      allowed: true,
    });
    expect(reportAreasOf(nationalAnalyst).length).toBeGreaterThan(40);
  });

  it('never lets a national analyst near a victim', () => {
    for (const action of ['find-victim', 'read-journey', 'read-caseload', 'read-breaches'] as const)
      expect(decide(nationalAnalyst, action)).toMatchObject({
        allowed: false,
        answer: 'forbidden',
      });
  });
});

const inArea = (policeArea: string, nationalParts: NationalPart[] = []) => ({
  victim: { policeArea, nationalParts },
});

describe('victims', () => {
  it('answers an unknown victim and one outside the areas alike: not found', () => {
    const unknown = decide(police, 'read-stream', { victim: undefined });
    const elsewhere = decide(police, 'read-stream', inArea('greater-manchester'));
    expect(unknown).toMatchObject({ allowed: false, answer: 'not-found' });
    expect(elsewhere).toEqual(unknown);
  });

  it('lets an agency act on a victim in its areas, and a national body on any once involved', () => {
    expect(decide(cps, 'read-journey', inArea('north-yorkshire'))).toEqual({ allowed: true });
    expect(decide(prison, 'read-vcs', inArea('kent', ['prison']))).toEqual({ allowed: true });
  });

  it.each(['find-victim', 'read-stream', 'read-journey', 'read-vcs', 'post-event'] as const)(
    'answers %s by a national body not (yet) in the journey as for an unknown victim',
    (action) => {
      const unknown = decide(prison, action, { victim: undefined });
      expect(unknown).toMatchObject({ allowed: false, answer: 'not-found' });
      expect(decide(prison, action, inArea('kent'))).toEqual(unknown);
      expect(decide(prison, action, inArea('kent', ['hospital', 'parole-board']))).toEqual(unknown);
      expect(decide(prison, action, inArea('kent', ['prison']))).toEqual({ allowed: true });
    },
  );

  it('does not hold agencies of an area to the national parts', () => {
    expect(decide(police, 'read-stream', inArea('west-yorkshire'))).toEqual({ allowed: true });
  });

  it('refuses a role that never may with 403 before looking at the victim', () => {
    expect(decide(pcc, 'read-stream', inArea('west-yorkshire'))).toMatchObject({
      answer: 'forbidden',
    });
    expect(decide(pcc, 'read-stream', { victim: undefined })).toMatchObject({
      answer: 'forbidden',
    });
  });
});

describe('event types', () => {
  it('follows the owners the event schemas publish', () => {
    expect(decide(police, 'post-event', { eventType: 'suspect-arrested' })).toEqual({
      allowed: true,
    });
    expect(decide(police, 'post-event', { eventType: 'sentenced' })).toEqual({
      allowed: false,
      answer: 'forbidden',
      reason: 'your agency does not own these event types',
      field: { name: 'type', reason: "a police agency may not post 'sentenced'" },
    });
  });
});

describe('reports', () => {
  it('keeps an agency to what its own kind owes, and lets a PCC team read every kind', () => {
    expect(decide(cps, 'read-breaches', { report: { owedBy: 'cps' } })).toEqual({ allowed: true });
    expect(decide(cps, 'read-breaches', { report: { owedBy: 'police' } })).toMatchObject({
      answer: 'forbidden',
      field: { name: 'owedBy', reason: 'must be cps' },
    });
    expect(decide(pcc, 'read-caseload', { report: { owedBy: 'police' } })).toEqual({
      allowed: true,
    });
  });

  it('refuses an area the caller does not serve with 403: it names no victim', () => {
    expect(
      decide(pcc, 'read-breaches', { report: { policeArea: 'greater-manchester' } }),
    ).toMatchObject({
      answer: 'forbidden',
      field: { name: 'policeArea', reason: 'is not one of your areas' },
    });
    expect(decide(prison, 'read-breaches', { report: { policeArea: 'kent' } })).toEqual({
      allowed: true,
    });
  });

  it('defaults to the caller’s own kind and every area it serves', () => {
    expect(ownKindOf(cps)).toBe('cps');
    expect(ownKindOf(pcc)).toBeUndefined();
    expect(reportAreasOf(cps)).toEqual(['west-yorkshire', 'north-yorkshire']);
    expect(reportAreasOf(prison)).toHaveLength(43);
  });
});

describe('people', () => {
  it('keeps officers to the victims of their areas, as agencies are', () => {
    expect(decide(vlo, 'read-vcs', inArea('west-yorkshire'))).toEqual({
      allowed: true,
    });
    expect(decide(witnessCare, 'read-journey', inArea('greater-manchester'))).toMatchObject({
      answer: 'not-found',
    });
  });

  it("keeps an officer's caseload to what their agency's kind owes", () => {
    expect(ownKindOf(vlo)).toBe('probation');
    expect(ownKindOf(witnessCare)).toBe('witness-care-unit');
    expect(ownKindOf(policeVictimCare)).toBe('police');
    expect(decide(vlo, 'read-caseload', { report: { owedBy: 'police' } })).toMatchObject({
      answer: 'forbidden',
      field: { name: 'owedBy', reason: 'must be probation' },
    });
  });

  it('gives a PCC analyst the PCC team’s reports: every kind, own areas only, pseudonymous', () => {
    expect(ownKindOf(analyst)).toBeUndefined();
    expect(seesPseudonyms(roleOf(analyst))).toBe(true);
    expect(seesPseudonyms(roleOf(vlo))).toBe(false);
    expect(decide(analyst, 'read-breaches', { report: { owedBy: 'cps' } })).toEqual({
      allowed: true,
    });
    expect(
      decide(analyst, 'read-breaches', { report: { policeArea: 'greater-manchester' } }),
    ).toMatchObject({ answer: 'forbidden', field: { name: 'policeArea' } });
  });

  it('refuses an administrator a victim record without a reason, naming the header, before looking', () => {
    const refusal = {
      allowed: false,
      answer: 'forbidden',
      field: { name: 'X-Access-Reason' },
    };
    expect(decide(administrator, 'read-journey', { victim: undefined })).toMatchObject(refusal);
    expect(
      decide({ ...administrator, accessReason: '   ' }, 'read-journey', {
        victim: { policeArea: 'kent', nationalParts: [] },
      }),
    ).toMatchObject(refusal);
    expect(decide(administratorWithReason, 'read-journey', inArea('kent'))).toEqual({
      allowed: true,
    });
  });

  it('lets no person open a journey, and only officers post', () => {
    const opening: Role[] = [];
    const posting: Role[] = [];
    for (const p of [vlo, witnessCare, policeVictimCare, analyst, administratorWithReason]) {
      if (decide(p, 'open-journey').allowed) opening.push(p.role);
      if (decide(p, 'post-event').allowed) posting.push(p.role);
    }
    expect(opening).toEqual([]);
    expect(posting).toEqual([
      'victim-liaison-officer',
      'witness-care-officer',
      'police-victim-care-officer',
    ]);
  });

  // Given an officer, when they record an event type, then only their agency kind's fulfilments.
  it.each([
    [vlo, 'vlo-contact-made', true],
    [vlo, 'victim-informed', true],
    [vlo, 'vps-submitted', true],
    [vlo, 'vcs-opted-in', false], // probation's, but no entitlement's fulfilment
    [vlo, 'vcs-referral-made', false], // a fulfilment, but the witness care unit's
    [witnessCare, 'victim-informed', true],
    [witnessCare, 'vcs-referral-made', true],
    [witnessCare, 'vlo-contact-made', false],
    [witnessCare, 'sentenced', false],
    [policeVictimCare, 'referred-to-support', true],
    [policeVictimCare, 'needs-assessed', true],
    [policeVictimCare, 'suspect-arrested', false],
    [policeVictimCare, 'vlo-contact-made', false],
  ] as const)('%# lets a %s post %s: %s', (officer, eventType, allowed) => {
    const decision = decide(officer, 'post-event', { eventType });
    if (allowed) expect(decision).toEqual({ allowed: true });
    else
      expect(decision).toMatchObject({
        allowed: false,
        answer: 'forbidden',
        field: { name: 'type' },
      });
  });

  it('lets an officer post only for victims of their areas', () => {
    expect(decide(vlo, 'post-event', inArea('west-yorkshire'))).toEqual({ allowed: true });
    expect(decide(vlo, 'post-event', inArea('greater-manchester'))).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
  });
});
