import type { PublishedEvent } from '@vj/event-schemas';
import { nationalPartsOf } from './national-parts';

const sentenced = (
  schemaVersion: 1 | 2,
  custodyMonths: number,
  disposal?: string,
): PublishedEvent =>
  ({
    type: 'sentenced',
    schemaVersion,
    data: {
      suspectNumber: 1,
      offenceCategory: 'burglary',
      specifiedOffence: false,
      custodyMonths,
      ...(disposal ? { disposal } : {}),
    },
  }) as PublishedEvent;

const event = (type: string): PublishedEvent =>
  ({ type, schemaVersion: 1, data: { suspectNumber: 1 } }) as PublishedEvent;

const complaint = (about: string): PublishedEvent =>
  ({
    type: 'complaint-received',
    schemaVersion: 1,
    data: { complaintId: 'c-1', about },
  }) as PublishedEvent;

describe('the national parts of a journey', () => {
  it('has none before sentence', () => {
    expect(nationalPartsOf([event('suspect-arrested'), event('vcs-referral-made')])).toEqual([]);
  });

  it.each([
    [
      'a sentence to immediate custody (version 2)',
      [sentenced(2, 18, 'immediate-custody')],
      ['prison'],
    ],
    ['a version 1 sentence with custody months', [sentenced(1, 18)], ['prison']],
    ['a suspended sentence', [sentenced(2, 0, 'suspended-sentence')], []],
    ['a version 1 sentence without custody', [sentenced(1, 0)], []],
    ['a recall to custody', [event('offender-recalled')], ['prison']],
    ['a hospital order', [event('hospital-order-made')], ['hospital']],
    ["a patient's discharge", [event('patient-discharged')], ['hospital']],
    ['a parole hearing listed', [event('parole-hearing-listed')], ['parole-board']],
    ['a VPS sent to the Parole Board', [event('vps-submitted')], ['parole-board']],
    ['a complaint about a secure hospital', [complaint('hospital')], ['hospital']],
    ['a complaint about the police', [complaint('police')], []],
    [
      'a custodial sentence and then parole',
      [sentenced(2, 60, 'immediate-custody'), event('parole-hearing-listed')],
      ['prison', 'parole-board'],
    ],
  ])('given %s, begins %j', (_, events, parts) => {
    expect(nationalPartsOf(events)).toEqual(parts);
  });
});
