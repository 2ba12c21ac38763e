export * from './journey-event';
export * from './victim-journey/journey-state';
export * from './victim-journey/cases';
export * from './victim-journey/entitlements';
export * from './victim-journey/journey-view';
export * from './victim-contact-scheme/vcs-status';
export * from './breaches/breaches';
export * from './caseload/caseload';
