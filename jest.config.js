const { readFileSync } = require('node:fs');
const { connect } = require('node:net');
const { join } = require('node:path');
const { dockerEngineAnswers } = require('./test/support/docker-engine');

// Tests run on @swc/jest: it keeps decorator metadata (NestJS and class-validator need it) and
// is fast on this 2-core machine. Type checking is done once by `tsc` in `npm test`.

// The EventStoreDB contract suite needs a server, so it belongs to the integration tier.
const eventStoreDbSuite =
  '/libs/event-store/src/eventstoredb/eventstoredb-event-store\\.spec\\.ts$';

// tsconfig.json `paths` is the one list of module aliases; jest maps the same names to the same
// files (`@vj/x/*` patterns become `(.*)` captures).
function moduleNameMapperFromTsconfig() {
  const { paths } = JSON.parse(
    readFileSync(join(__dirname, 'tsconfig.json'), 'utf8'),
  ).compilerOptions;
  const escape = (text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return Object.fromEntries(
    Object.entries(paths).map(([alias, [target]]) => [
      `^${escape(alias).replace('*', '(.*)')}$`,
      `<rootDir>/${target.replace(/^\.\//, '').replace('*', '$1')}`,
    ]),
  );
}

// One shared base (swc transform, module names); the tiers are jest projects over it:
// unit (pure, no servers), integration (*.integration.spec.ts: PostgreSQL, Redis, SQLite files),
// e2e (*.e2e.spec.ts), browser (*.browser.spec.ts: Chromium on the pages). `jest` runs them all;
// `jest --selectProjects unit` runs one.
const base = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/apps',
    '<rootDir>/libs',
    '<rootDir>/event-schemas',
    '<rootDir>/projections',
    '<rootDir>/test',
    '<rootDir>/scripts',
    '<rootDir>/bench',
  ],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.(ts|js)$': [
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
  moduleNameMapper: moduleNameMapperFromTsconfig(),

  // jose and openid-client (and oauth4webapi under it) ship ES modules only: swc turns them into
  // CommonJS for jest, as Node's own require(esm) does for the built service.
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  testTimeout: 30000,
};

const tier = (displayName, testMatch, extraIgnore = []) => ({
  ...base,
  displayName,
  testMatch,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...extraIgnore],
});

// The tiers with servers find them (PostgreSQL, Redis, EventStoreDB) in one global setup, which
// Jest runs once per run and only when a test of such a tier is selected: the unit tier never
// probes. The teardown stops the PostgreSQL the setup started, if any.
const withServers = (project) => ({
  ...project,
  globalSetup: '<rootDir>/test/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/jest-global-teardown.ts',
});

/**
 * Whether the contract suite has an EventStoreDB server: the connection string when set, else the
 * compose default on 127.0.0.1:2113, else one the global setup starts in a Docker engine that
 * answers. Where none does, the suite is left out of the run (and the global setup prints that it
 * was NOT RUN) rather than reported as skipped.
 */
async function eventStoreDbAnswers() {
  if (process.env.EVENTSTORE_CONNECTION_STRING) return true;
  return (await defaultPortAnswers()) || dockerEngineAnswers();
}

function defaultPortAnswers() {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 2113 });
    const done = (answered) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** @type {() => Promise<import('jest').Config>} */
module.exports = async () => {
  const withoutServer = (await eventStoreDbAnswers()) ? [] : [eventStoreDbSuite];
  return {
    testTimeout: 30000,
    projects: [
      tier(
        'unit',
        ['**/*.spec.ts'],
        [
          '\\.integration\\.spec\\.ts$',
          '\\.e2e\\.spec\\.ts$',
          '\\.browser\\.spec\\.ts$',
          eventStoreDbSuite,
        ],
      ),
      withServers(
        tier(
          'integration',
          ['**/*.integration.spec.ts', '**/eventstoredb-event-store.spec.ts'],
          withoutServer,
        ),
      ),
      withServers(tier('e2e', ['**/*.e2e.spec.ts'])),
      // Chromium driving the real API process (test/browser): no servers beyond the API.
      { ...tier('browser', ['**/*.browser.spec.ts']), testTimeout: 60000 },
    ],
  };
};
