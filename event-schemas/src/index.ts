export * from './agency-kind';
export * from './offence-categories';
export * from './registry';
export * from './envelope';
export * from './validate';
export * from './upcasters';
export * from './catalogue';
export * from './dates';
export { EnhancedRightsAssessment } from './v1/police';
