export * from './access-policy';
export * from './caller';
export * from './views';
