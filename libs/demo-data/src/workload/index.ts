export * from './areas';
export * from './agency-directory';
export * from './journeys';
export * from './post';
