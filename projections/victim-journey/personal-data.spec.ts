import type { RecordedEvent } from '@vj/event-store';
import { toJourneyEvent } from '../journey-event';
import { evolveJourney, initialJourneyState } from './journey-state';
import { journeyViewOf } from './journey-view';

const VICTIM = '9d628f1b-307e-5dd5-8185-68840a9b7ec2';
const NOW = new Date('2026-03-20T12:00:00Z');

const metadata = {
  agencyEventId: 'cr-1',
  schemaVersion: 1,
  occurredAt: '2026-03-02T10:15:00Z',
  recordedAt: '2026-03-02T10:16:00Z',
  agencyId: 'police-west-yorkshire',
  agencyKind: 'police',
  policeArea: 'west-yorkshire',
  crimeReference: '13/123456/26',
  caseUrn: null,
  correlationId: null,
  causationId: null,
  contentHash: 'not-checked-here',
};

/** A child victim's crime report, with the date of birth as stored in some form. */
function crimeReported(victimDateOfBirth: unknown, derived: Record<string, string>): RecordedEvent {
  return {
    streamId: `victim-${VICTIM}`,
    eventId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    type: 'crime-reported',
    revision: 0,
    globalPosition: 1n,
    data: {
      victimNumber: 1,
      offenceCategory: 'burglary',
      victimDateOfBirth: victimDateOfBirth as string,
      enhancedRights: {
        vulnerable: false,
        intimidated: false,
        persistentlyTargeted: false,
        mostSeriousCrime: false,
        bereaved: false,
      },
    },
    metadata: { ...metadata, ...derived },
  };
}

const viewOf = (recorded: RecordedEvent) =>
  journeyViewOf(evolveJourney(initialJourneyState(), toJourneyEvent(recorded)), NOW);

describe('a journey whose personal fields are sealed or erased', () => {
  const inTheClear = viewOf(crimeReported('2012-05-01', {}));
  const envelope = { enc: 'v1', kid: 'k', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };

  it('is judged a child victim from the date of birth in the clear', () => {
    expect(inTheClear.enhancedRights.reasons).toContain('under-18');
  });

  it.each([
    ['sealed', envelope],
    ['erased', '[erased]'],
  ])(
    'is judged the same when the date of birth is %s, from the age band derived at ingestion',
    (_how, stored) => {
      expect(viewOf(crimeReported(stored, { victimAgeBand: 'under-18' }))).toEqual(inTheClear);
    },
  );

  it('never fails on a date of birth it cannot read, even without a derived band', () => {
    expect(viewOf(crimeReported('[erased]', {})).enhancedRights.reasons).not.toContain('under-18');
  });
});
