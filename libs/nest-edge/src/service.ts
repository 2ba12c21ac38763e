import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { stopGracefullyOnSignals } from '@vj/observability';

/**
 * Listens; on SIGTERM or SIGINT stops taking requests, lets in-flight work finish and closes
 * connections (the app's shutdown hooks).
 */
export async function listenUntilStopped(
  app: INestApplication,
  port: number,
  host: string,
  logger: { log(message: string): void; error(message: string): void },
): Promise<void> {
  stopGracefullyOnSignals(app, logger);
  await app.listen(port, host);
}

/** A process's entry point. Start-up failures are configuration or infrastructure errors: say which, then stop. */
export function runService(start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/**
 * Node's own limits on a request: its headers within the body's allowance and all of it within
 * REQUEST_TIMEOUT_MS (past either, Node answers 408 and closes the connection), and no answer
 * after that long without a byte either way closes it too. Call before listening.
 */
export function limitRequestTimes(
  app: INestApplication,
  config: { requestTimeoutMs: number; bodyTimeoutMs: number },
): void {
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(config.bodyTimeoutMs, config.requestTimeoutMs);
  // How often Node looks for requests past those limits: 30 s by default, read when it listens.
  server.connectionsCheckingInterval = Math.min(1000, server.headersTimeout);
  server.setTimeout(config.requestTimeoutMs);
}
