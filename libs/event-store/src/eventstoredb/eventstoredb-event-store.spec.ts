import { describeEventStoreContract } from '@vj/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// The integration tier's global setup sets the connection string when it finds a server, and
// otherwise prints that this suite is NOT RUN: then it is reported as skipped, never as passed.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  // A shared server: the contract works on fresh streams, so nothing needs cleaning up.
  describeEventStoreContract('EventStoreDB', () =>
    Promise.resolve(EventStoreDbEventStore.fromConnectionString(connectionString)),
  );
} else {
  describe.skip('EventStoreDB event store contract (no EventStoreDB server)', () => {
    it('runs against EVENTSTORE_CONNECTION_STRING or esdb://127.0.0.1:2113?tls=false', () => {
      throw new Error('not run without a server');
    });
  });
}
