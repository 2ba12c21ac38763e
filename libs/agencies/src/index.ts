export * from './agency';
export * from './agency-directory';
export * from './police-areas';
