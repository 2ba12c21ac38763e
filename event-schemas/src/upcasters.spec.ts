import type { PublishedEvent } from './registry';
import { upcast } from './upcasters';

describe('reading every published version of a schema', () => {
  it.each([
    ['immediate custody', 48, 'immediate-custody'],
    ['no custody', 0, 'other'],
  ])('lifts a version 1 sentence with %s to version 2', (_, custodyMonths, disposal) => {
    const v1 = {
      type: 'sentenced',
      schemaVersion: 1,
      data: {
        suspectNumber: 1,
        offenceCategory: 'wounding-or-gbh-with-intent',
        specifiedOffence: true,
        custodyMonths,
      },
    } as const satisfies PublishedEvent;
    expect(upcast(v1)).toEqual({
      type: 'sentenced',
      schemaVersion: 2,
      data: { ...v1.data, disposal },
    });
  });

  it('lifts a version 1 hospital order, which named no offence, keeping the eligibility it gave', () => {
    const v1 = {
      type: 'hospital-order-made',
      schemaVersion: 1,
      data: { suspectNumber: 1, restricted: false },
    } as const satisfies PublishedEvent;
    expect(upcast(v1)).toEqual({
      type: 'hospital-order-made',
      schemaVersion: 2,
      data: {
        suspectNumber: 1,
        restricted: false,
        offenceCategory: 'other',
        specifiedOffence: true,
      },
    });
  });

  it('leaves an event already at the latest version as it is', () => {
    const v2 = {
      type: 'sentenced',
      schemaVersion: 2,
      data: {
        suspectNumber: 1,
        offenceCategory: 'robbery',
        specifiedOffence: true,
        custodyMonths: 0,
        disposal: 'suspended-sentence',
      },
    } as const satisfies PublishedEvent;
    expect(upcast(v2)).toEqual(v2);
  });

  it('leaves a type with a single version as it is', () => {
    const arrest = {
      type: 'suspect-arrested',
      schemaVersion: 1,
      data: { suspectNumber: 2 },
    } as const satisfies PublishedEvent;
    expect(upcast(arrest)).toEqual(arrest);
  });
});
