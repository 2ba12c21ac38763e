/**
 * On SIGTERM or SIGINT: stop taking requests, let in-flight work finish (the app's shutdown
 * hooks stop the projector and the queues, then close connections), and exit 0. A second signal
 * exits at once.
 */
export function stopGracefullyOnSignals(
  app: { close(): Promise<void> },
  logger: { log(message: string): void; error(message: string): void },
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log(`${signal}: stopping`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.name : 'error'}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
