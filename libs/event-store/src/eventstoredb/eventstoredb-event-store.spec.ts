import { describeEventStoreContract } from '@vj/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// jest.config.js runs this file only when the variable is set; fail loudly if run otherwise.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (!connectionString) {
  throw new Error('set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
}

// A shared server: the contract works on fresh streams, so nothing needs cleaning up.
describeEventStoreContract('EventStoreDB', () =>
  Promise.resolve(EventStoreDbEventStore.fromConnectionString(connectionString)),
);
