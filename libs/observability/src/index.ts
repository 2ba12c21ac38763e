export * from './metrics';
export * from './json-logger';
export * from './graceful-shutdown';
export * from './dependency-probe';
