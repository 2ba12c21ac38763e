export * from './schema';
export * from './read-models';
export * from './journey-projector';
