export * from './deadline-scheduler';
export * from './due-deadlines';
export * from './notification-outbox';
export * from './kysely-notification-outbox';
export * from './outbox-table';
export * from './redis-memory-policy';
export * from './webhook';
