export * from './model';
export * from './agency-directory';
