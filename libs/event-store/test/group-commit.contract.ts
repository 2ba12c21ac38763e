import type { EventStore } from '../src';

import { newEvent, newStream } from './new-events';
/**
 * What a store that commits the appends of one turn of the event loop together (group commit:
 * SQLite, PostgreSQL) promises besides the contract: appends made together, without waiting
 * for one another, are decided in the order they were made, each as if the ones before it had
 * been stored, and each is answered on its own.
 */
export function describeGroupCommitContract(
  adapterName: string,
  openStore: () => Promise<EventStore>,
): void {
  describe(`group commit: ${adapterName}`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await openStore();
    });

    afterAll(async () => {
      await store.close();
    });

    it('decides appends to one stream made together in the order they were made', async () => {
      const stream = newStream();
      const first = [newEvent('first'), newEvent('first')];
      const second = [newEvent('second')];

      const [a, b, stale, retry, any] = await Promise.allSettled([
        store.appendToStream(stream, first, { expectedRevision: 'no-stream' }),
        store.appendToStream(stream, second, { expectedRevision: 1 }),
        store.appendToStream(stream, [newEvent('stale')], { expectedRevision: 1 }),
        store.appendToStream(stream, first, { expectedRevision: 'no-stream' }),
        store.appendToStream(stream, [newEvent('last')]),
      ]);

      expect(a).toMatchObject({ status: 'fulfilled', value: { outcome: 'appended' } });
      expect(b).toMatchObject({ status: 'fulfilled', value: { lastRevision: 2 } });
      expect(stale).toMatchObject({
        status: 'rejected',
        reason: { name: 'WrongExpectedRevisionError', actual: 2 },
      });
      // the retry of the first append, made in the same turn, is answered with it as stored
      expect(retry).toMatchObject({ status: 'fulfilled', value: { outcome: 'duplicate' } });
      const firstStored = a.status === 'fulfilled' ? a.value.events : [];
      expect(retry.status === 'fulfilled' && retry.value.events).toEqual(firstStored);
      expect(any).toMatchObject({ status: 'fulfilled', value: { lastRevision: 3 } });

      const read = await store.readStream(stream);
      expect(read.map((e) => e.type)).toEqual(['first', 'first', 'second', 'last']);
    });
  });
}
