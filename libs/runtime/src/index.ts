export * from './config';
export * from './adapters';
export * from './identity';
