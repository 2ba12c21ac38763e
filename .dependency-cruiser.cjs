const { builtinModules } = require('node:module');

/**
 * Architecture rules, checked in `npm test`:
 * - the domain (event schemas, Victims' Code rules, projections, the access policy) is plain TypeScript: no NestJS,
 *   no store clients, no Redis/BullMQ, no Node built-ins, neither imported nor reachable through
 *   other modules (a barrel that re-exports an adapter counts);
 * - the event store port reaches no driver: adapters have their own entry points, opened by the
 *   composition root (libs/runtime) only; the audit trail's port likewise;
 * - libs never import NestJS: wiring lives in apps, and the Nest edge both apps share lives in
 *   libs/nest-edge, which only apps may import;
 * - apps do not import each other.
 */
const INFRASTRUCTURE = '^(@nestjs|bullmq|ioredis|better-sqlite3|@eventstore|pg|kysely|express)';
const DRIVERS =
  'node_modules/(@nestjs|bullmq|ioredis|better-sqlite3|@eventstore|pg|kysely|express)/';
const NODE_BUILTINS = `^(node:)?(${builtinModules.join('|')})$`;
const DOMAIN = '^(event-schemas/src|projections|libs/victims-code/src|libs/access-policy/src)/';
const EVENT_STORE_ADAPTERS = '^libs/event-store/src/(sqlite|postgres|eventstoredb)/';
const AUDIT_ADAPTERS = '^libs/audit/src/(sqlite|postgres|node)/';
/**
 * The one exception to libs-never-import-nest: the Nest edge both apps share (health, metrics,
 * the port providers). It is a lib rather than an apps/ folder because it is no deployable: apps
 * stay one per process and never import each other, and only apps may import it.
 */
const NEST_EDGE = '^libs/nest-edge/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-framework-free',
      severity: 'error',
      comment: 'Domain code is pure: the edges (apps, adapters) bring frameworks, stores and I/O.',
      from: { path: DOMAIN },
      to: {
        path: `${INFRASTRUCTURE}|node_modules/(@nestjs|bullmq|ioredis|better-sqlite3|@eventstore|pg|kysely)`,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-has-no-node-builtins',
      severity: 'error',
      from: { path: DOMAIN },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-cannot-reach-drivers',
      severity: 'error',
      comment:
        'Not even through other modules: a pure module that imports a lib whose barrel opens a store is not pure.',
      from: { path: DOMAIN },
      to: { path: DRIVERS, reachable: true },
    },
    {
      name: 'domain-cannot-reach-node-builtins',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: NODE_BUILTINS, reachable: true },
    },
    {
      name: 'event-store-port-cannot-reach-drivers',
      severity: 'error',
      comment:
        'The port (@vj/event-store) is importable anywhere: only its adapters bring drivers.',
      from: { path: '^libs/event-store/src/', pathNot: EVENT_STORE_ADAPTERS },
      to: { path: `${DRIVERS}|${NODE_BUILTINS}`, reachable: true },
    },
    {
      name: 'adapters-only-from-the-composition-root',
      severity: 'error',
      comment:
        'Event store adapters are chosen from configuration in libs/runtime; scripts, bench and tests are not cruised.',
      from: { pathNot: `^libs/runtime/|${EVENT_STORE_ADAPTERS}` },
      to: { path: EVENT_STORE_ADAPTERS },
    },
    {
      name: 'audit-port-cannot-reach-drivers',
      severity: 'error',
      comment:
        'The audit port and its hash chain (@vj/audit) are pure: only its adapters bring drivers and node:crypto.',
      from: { path: '^libs/audit/src/', pathNot: AUDIT_ADAPTERS },
      to: { path: `${DRIVERS}|${NODE_BUILTINS}`, reachable: true },
    },
    {
      name: 'audit-adapters-only-from-the-composition-root',
      severity: 'error',
      comment:
        'Audit adapters are chosen from configuration in libs/runtime, like the event store.',
      from: { pathNot: `^libs/runtime/|${AUDIT_ADAPTERS}` },
      to: { path: AUDIT_ADAPTERS },
    },
    {
      name: 'libs-never-import-nest',
      severity: 'error',
      from: { path: '^libs/', pathNot: NEST_EDGE },
      to: { path: '@nestjs|node_modules/@nestjs' },
    },
    {
      name: 'nest-edge-only-from-apps',
      severity: 'error',
      comment: 'Keeps NestJS out of the libs: only the apps wire it.',
      from: { pathNot: `^apps/|${NEST_EDGE}` },
      to: { path: NEST_EDGE },
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
