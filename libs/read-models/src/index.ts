export * from './schema';
export * from './read-models';
export * from './journey-projector';
export * from './rebuild-tables';
