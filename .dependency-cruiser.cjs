/**
 * Architecture rules, checked in `npm test`:
 * - the domain (event schemas, Victims' Code rules, projections, the access policy) is plain TypeScript: no NestJS,
 *   no store clients, no Redis/BullMQ, no Node built-ins;
 * - libs never import NestJS: wiring lives in apps;
 * - apps do not import each other.
 */
const INFRASTRUCTURE = '^(@nestjs|bullmq|ioredis|better-sqlite3|@eventstore|pg|kysely|express)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment: 'Domain code is pure: the edges (apps, adapters) bring frameworks, stores and I/O.',
      from: {
        path: '^(event-schemas/src|projections|libs/victims-code/src|libs/access-policy/src)',
      },
      to: {
        path: `${INFRASTRUCTURE}|node_modules/(@nestjs|bullmq|ioredis|better-sqlite3|@eventstore|pg|kysely)`,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-has-no-node-builtins',
      severity: 'error',
      from: {
        path: '^(event-schemas/src|projections|libs/victims-code/src|libs/access-policy/src)',
      },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'libs-never-import-nest',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '@nestjs|node_modules/@nestjs' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^(libs|event-schemas|projections)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
