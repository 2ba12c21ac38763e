export * from './key-service';
export * from './master-key-service';
export * from './field-envelope';
export * from './data-key-store';
export * from './personal-data-vault';
export * from './in-memory';
