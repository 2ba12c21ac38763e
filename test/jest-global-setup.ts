import { resolveTestServers, serverProbes, TestServerMissing } from './support/test-servers';
import { embeddedPostgresKey, eventStoreDbContainerKey } from './jest-global-teardown';

// The integration and end-to-end tiers' setup (jest.config.js): finds the servers once per run and
// hands them to the test workers through the environment. The unit tier does not load it.
export default async function globalSetup(): Promise<void> {
  try {
    const servers = await resolveTestServers(process.env, serverProbes);
    Object.assign(process.env, servers.env);
    // Jest runs the teardown in this same process: it stops what was started here.
    Object.assign(globalThis, {
      [embeddedPostgresKey]: servers.embeddedPostgres,
      [eventStoreDbContainerKey]: servers.eventStoreDbContainer,
    });
    process.stdout.write(`\n${servers.report.join('\n')}\n`);
  } catch (error) {
    if (!(error instanceof TestServerMissing)) throw error;
    // One message saying what to start, not a stack trace through the test runner.
    process.stderr.write(`\n${error.message}\n`);
    process.exit(1);
  }
}
