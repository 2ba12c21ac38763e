// The servers of the integration and end-to-end tiers, as the global setup (test/jest-global-setup.ts)
// found or started them: every suite reads them here rather than guessing its own defaults.
function fromGlobalSetup(name: 'POSTGRES_URL' | 'REDIS_URL'): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: suites that need servers run in the integration or e2e jest project, ` +
        'whose global setup finds them (npm run test:integration, npm run test:e2e, npm test)',
    );
  }
  return value;
}

export const POSTGRES_URL = fromGlobalSetup('POSTGRES_URL');
export const REDIS_URL = fromGlobalSetup('REDIS_URL');
