import { randomUUID } from 'node:crypto';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store';
import { ReadModels } from '../store/read-model-store';
import { JourneyProjector } from './journey-projector';

describe('parking an event the projector cannot apply', () => {
  it("stamps it with the projector's clock, not the system's", async () => {
    const store = new SqliteEventStore(':memory:');
    const readModels = await ReadModels.openSqlite(':memory:');
    try {
      // A stored event of a version no reader knows: it cannot be lifted to the latest schema.
      await store.appendToStream(`victim-${randomUUID()}`, [
        { eventId: randomUUID(), type: 'sentenced', data: {}, metadata: { schemaVersion: 0 } },
      ]);
      const clock = new FixedClock('2031-05-06T07:08:09Z');
      await new JourneyProjector(store, readModels, clock).catchUp();
      expect(await readModels.parkedEvents()).toEqual([
        expect.objectContaining({ event_type: 'sentenced', parked_at: '2031-05-06T07:08:09.000Z' }),
      ]);
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});
