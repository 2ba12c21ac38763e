// The NestJS edge both apps share. The one lib allowed to import NestJS (see
// .dependency-cruiser.cjs), and only apps may import it.
export * from './tokens';
export * from './port-providers';
export * from './public-route';
export * from './authentication.guard';
export * from './health.controller';
export * from './service';
export * from './openapi-decorators';
export * from './declared-query-only';
export * from './audit';
export * from './security-headers';
export * from './rate-limit';
export * from './interceptor-chain';
