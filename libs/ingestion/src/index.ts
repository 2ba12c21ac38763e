export * from './journey-ingestion';
export * from './errors';
export * from './stored-event-view';
export * from './victim-identity';
export * from './projection-trigger';
