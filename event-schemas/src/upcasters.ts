import { latestVersionOf } from './registry';

/** An event as stored: any published version of its schema. */
export interface VersionedEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
}

type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * How to evolve a schema: publish the new version beside the old, and add here the step that
 * lifts an event of version N to N+1. Stored events are never rewritten; readers (projections)
 * call `upcast` and only ever see the latest version.
 */
const UPCASTERS: Record<string, Record<number, Upcaster>> = {
  sentenced: {
    // Version 1 senders were told custodyMonths meant immediate custody; 0 meant no custody,
    // whose exact disposal version 1 did not say.
    1: (data) => ({
      ...data,
      disposal:
        typeof data.custodyMonths === 'number' && data.custodyMonths > 0
          ? 'immediate-custody'
          : 'other',
    }),
  },
};

export function upcast(event: VersionedEvent): VersionedEvent {
  const latest = latestVersionOf(event.type) ?? event.schemaVersion;
  let { data, schemaVersion } = event;
  while (schemaVersion < latest) {
    const step = UPCASTERS[event.type]?.[schemaVersion];
    if (!step) throw new Error(`no upcaster for ${event.type} version ${schemaVersion}`);
    data = step(data);
    schemaVersion += 1;
  }
  return { type: event.type, schemaVersion, data };
}
