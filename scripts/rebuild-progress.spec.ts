import type { RecordedEvent } from '@vj/event-store';
import { rebuildProgress } from './rebuild-progress';

const at = (globalPosition: bigint): RecordedEvent => ({
  streamId: 'victim-1',
  eventId: '0b6c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3',
  type: 'crime-reported',
  revision: 0,
  globalPosition,
  data: {},
  metadata: {},
});

describe('the rebuild progress bar', () => {
  it('goes by log position in bytes on EventStoreDB, counting events beside it', () => {
    const progress = rebuildProgress('eventstoredb');
    expect(progress.format).toContain('log position {value}/{total} bytes, {events} events');
    // two batches of 500 events each end far more bytes on than 1000
    expect(progress.advance(0, 500, at(262_144n))).toBe(262_144);
    expect(progress.advance(262_144, 500, at(524_601n))).toBe(524_601);
  });

  it('counts events where positions count them', () => {
    for (const store of ['postgres', 'sqlite'] as const) {
      const progress = rebuildProgress(store);
      expect(progress.format).toContain('{value}/{total} events');
      expect(progress.advance(1000, 500, at(1500n))).toBe(1500);
      expect(progress.advance(0, 2, at(9n))).toBe(2);
    }
  });
});
