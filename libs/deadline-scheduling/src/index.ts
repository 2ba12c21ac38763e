export * from './deadline-scheduler';
export * from './due-deadlines';
export * from './notification-outbox';
export * from './redis-memory-policy';
export * from './webhook';
