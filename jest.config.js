// Tests run on @swc/jest: it keeps decorator metadata (NestJS and class-validator need it) and
// is fast on this 2-core machine. Type checking is done once by `tsc` in `npm test`.

// The EventStoreDB contract suite needs a server: it runs only when EVENTSTORE_CONNECTION_STRING
// is set, and the global setup says so when it is not (rather than a silently skipped suite).
const eventStoreDbSuite =
  '/libs/event-store/src/eventstoredb/eventstoredb-event-store\\.spec\\.ts$';
const serverSuitesNotRun = process.env.EVENTSTORE_CONNECTION_STRING ? [] : [eventStoreDbSuite];

// One shared base (swc transform, module names); the tiers are jest projects over it:
// unit (pure, no servers), integration (*.integration.spec.ts: PostgreSQL, Redis, SQLite files),
// e2e (*.e2e.spec.ts). `jest` runs all three; `jest --selectProjects unit` runs one.
const base = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/apps',
    '<rootDir>/libs',
    '<rootDir>/event-schemas',
    '<rootDir>/projections',
    '<rootDir>/test',
    '<rootDir>/scripts',
  ],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...serverSuitesNotRun],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@vj/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@vj/event-store/testing$': '<rootDir>/libs/event-store/test/index.ts',
    '^@vj/event-schemas$': '<rootDir>/event-schemas/src/index.ts',
    '^@vj/agencies$': '<rootDir>/libs/agencies/src/index.ts',
    '^@vj/ingestion$': '<rootDir>/libs/ingestion/src/index.ts',
    '^@vj/clock$': '<rootDir>/libs/clock/src/index.ts',
    '^@vj/runtime$': '<rootDir>/libs/runtime/src/index.ts',
    '^@vj/observability$': '<rootDir>/libs/observability/src/index.ts',
    '^@vj/victims-code$': '<rootDir>/libs/victims-code/src/index.ts',
    '^@vj/demo-data$': '<rootDir>/libs/demo-data/src/index.ts',
    '^@vj/projections$': '<rootDir>/projections/index.ts',
    '^@vj/read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^@vj/deadline-scheduling$': '<rootDir>/libs/deadline-scheduling/src/index.ts',
    '^@vj/access-policy$': '<rootDir>/libs/access-policy/src/index.ts',
  },
  testTimeout: 30000,
};

const tier = (displayName, testMatch, extraIgnore = []) => ({
  ...base,
  displayName,
  testMatch,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...extraIgnore],
});

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/jest-global-setup.js',
  testTimeout: 30000,
  projects: [
    tier(
      'unit',
      ['**/*.spec.ts'],
      ['\\.integration\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$', eventStoreDbSuite],
    ),
    tier('integration', ['**/*.integration.spec.ts', '**/eventstoredb-event-store.spec.ts']),
    tier('e2e', ['**/*.e2e.spec.ts']),
  ],
};
