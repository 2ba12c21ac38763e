import { latestVersionOf, type EventOf, type EventType, type PublishedEvent } from './registry';

type DataOf<T extends EventType, V extends number> = Extract<
  EventOf<T>,
  { schemaVersion: V }
>['data'];

/**
 * How to evolve a schema: publish the new version beside the old, and add here the step that
 * lifts an event of version N to N+1. Stored events are never rewritten; readers (projections)
 * call `upcast` and only ever see the latest version. A version with a step here is superseded:
 * `LatestEvent` leaves it out.
 */
const UPCASTERS = {
  sentenced: {
    // Version 1 senders were told custodyMonths meant immediate custody; 0 meant no custody,
    // whose exact disposal version 1 did not say.
    1: (data: DataOf<'sentenced', 1>): DataOf<'sentenced', 2> => ({
      ...data,
      disposal: data.custodyMonths > 0 ? 'immediate-custody' : 'other',
    }),
  },
  'hospital-order-made': {
    // Version 1 did not say the offence. Its orders keep the eligibility they were judged to give
    // when posted, so no victim already in the scheme is dropped from it; the offence is `other`.
    1: (data: DataOf<'hospital-order-made', 1>): DataOf<'hospital-order-made', 2> => ({
      ...data,
      offenceCategory: 'other',
      specifiedOffence: true,
    }),
  },
} as const satisfies { [T in EventType]?: Record<number, (data: never) => object> };

type Upcasters = typeof UPCASTERS;

/** The versions an upcaster lifts: stored, accepted from agencies, never seen by projections. */
export type SupersededEvent = {
  [T in keyof Upcasters]: Extract<EventOf<T>, { schemaVersion: keyof Upcasters[T] }>;
}[keyof Upcasters];

/** Every event type at its latest version: what projections and the Code rules read. */
export type LatestEvent = Exclude<PublishedEvent, SupersededEvent>;

/** Lifts a stored event of any published version to the latest version of its type. */
export function upcast(event: PublishedEvent): LatestEvent {
  const latest = latestVersionOf(event.type) ?? event.schemaVersion;
  let data: object = event.data;
  let schemaVersion: number = event.schemaVersion;
  const steps: Partial<Record<number, (data: never) => object>> | undefined = (
    UPCASTERS as Partial<Record<EventType, Partial<Record<number, (data: never) => object>>>>
  )[event.type];
  while (schemaVersion < latest) {
    const step = steps?.[schemaVersion] as ((data: object) => object) | undefined;
    if (!step) throw new Error(`no upcaster for ${event.type} version ${schemaVersion}`);
    data = step(data);
    schemaVersion += 1;
  }
  // The loop above is the proof: every step lifts one version, ending at the latest.
  return { type: event.type, schemaVersion, data } as LatestEvent;
}
