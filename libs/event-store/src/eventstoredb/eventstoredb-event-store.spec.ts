import { describeEventStoreContract } from '@vj/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Collected only where a server answers (jest.config.js); the integration tier's global setup
// then sets the connection string (the one given, or the compose default it found).
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (!connectionString)
  throw new Error('EVENTSTORE_CONNECTION_STRING is not set: no server to run against');

// A shared server: the contract works on fresh streams, so nothing needs cleaning up.
describeEventStoreContract('EventStoreDB', () =>
  Promise.resolve(EventStoreDbEventStore.fromConnectionString(connectionString)),
);
