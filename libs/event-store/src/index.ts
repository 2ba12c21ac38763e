export * from './event-store';
export * from './errors';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { PostgresEventStore } from './postgres/postgres-event-store';
