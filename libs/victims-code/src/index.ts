export * from './calendar';
export * from './rights';
export * from './rules/entitlement-rule';
export * from './rules/code-2020';
export * from './rules/editions';
export * from './rules/trigger-conditions';
export * from './enhanced-rights';
export * from './vcs-eligibility';
