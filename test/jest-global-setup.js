// Says which suites this run leaves out, so that a run without a server is not mistaken for a
// run in which the EventStoreDB contract passed (see testPathIgnorePatterns in jest.config.js).
module.exports = function globalSetup() {
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    process.stdout.write(
      'EventStoreDB contract suite NOT RUN: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it.\n',
    );
  }
};
