import type { Agency, CallerKind } from '@vj/agencies/model';
import type { Breach } from '@vj/projections';
import { agencyCaller } from './caller';
import { pseudonymousBreachOf, seesPseudonyms, viewOf } from './views';

const caller = (kind: CallerKind, areas: Agency['areas'] = '*') =>
  agencyCaller({ id: `${kind}-1`, name: kind, kind, homeArea: 'west-yorkshire', areas });

const crimeReported = (data: Record<string, unknown>) => ({
  eventId: 'wyp-cr-1',
  type: 'crime-reported',
  occurredAt: '2026-03-02T10:15:00Z',
  data: { victimNumber: 1, offenceCategory: 'burglary', ...data },
});

describe('a stored event as each caller sees it', () => {
  it.each(['prison', 'hospital', 'parole-board'] as const)(
    'gives a %s the age band on the offence date in place of the date of birth',
    (kind) => {
      const seen = viewOf(
        caller(kind),
        crimeReported({ victimDateOfBirth: '2008-07-14', offenceDate: '2026-03-01' }),
      );
      expect(seen.data).toEqual({
        victimNumber: 1,
        offenceCategory: 'burglary',
        offenceDate: '2026-03-01',
        victimAgeBand: 'under-18',
      });
    },
  );

  it('judges the band on the day of the report when no offence date is given', () => {
    const seen = viewOf(caller('prison'), crimeReported({ victimDateOfBirth: '1988-03-02' }));
    expect(seen.data).toMatchObject({ victimAgeBand: '35-44' });
    expect(seen.data).not.toHaveProperty('victimDateOfBirth');
  });

  it('shows agencies of the area the date of birth as posted', () => {
    const event = crimeReported({ victimDateOfBirth: '1988-07-14' });
    expect(viewOf(caller('police', ['west-yorkshire']), event)).toBe(event);
  });

  it('leaves other events and reports already in bands alone', () => {
    const banded = crimeReported({ victimAgeBand: '25-34' });
    expect(viewOf(caller('prison'), banded)).toBe(banded);
    const other = { type: 'offender-recalled', occurredAt: '2026-03-02T10:15:00Z', data: {} };
    expect(viewOf(caller('prison'), other)).toBe(other);
  });
});

describe('a breach as a PCC analyst sees it', () => {
  const breach: Breach = {
    entitlementId: 'r4-police-update:wyp-arrest-1',
    victimId: '9d628f1b-307e-5dd5-8185-68840a9b7ec2',
    policeArea: 'west-yorkshire',
    crimeReference: '13/123456/26',
    owedBy: 'police',
    right: 6,
    ruleId: 'r6-police-arrest',
    edition: 'code-2020',
    enhanced: true,
    deadline: '2026-03-09',
    status: 'breached',
    workingDaysLate: 3,
    fulfilledAt: null,
  };

  it('is for PCC teams', () => {
    expect(seesPseudonyms('pcc')).toBe(true);
    expect(seesPseudonyms('police')).toBe(false);
  });

  it('carries the reference and the figures, not the victim, crime or event ids', () => {
    expect(pseudonymousBreachOf(breach, 'pcc-0123')).toEqual({
      reference: 'pcc-0123',
      policeArea: 'west-yorkshire',
      owedBy: 'police',
      right: 6,
      ruleId: 'r6-police-arrest',
      edition: 'code-2020',
      enhanced: true,
      deadline: '2026-03-09',
      status: 'breached',
      workingDaysLate: 3,
      fulfilledAt: null,
    });
  });
});
