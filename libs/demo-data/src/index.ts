export * from './demo-journeys';
export * from './seed-demo-data';
export * from './workload';
