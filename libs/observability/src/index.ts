export * from './metrics';
export * from './json-logger';
