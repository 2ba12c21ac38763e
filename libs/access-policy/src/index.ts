export * from './access-policy';
export * from './caller';
