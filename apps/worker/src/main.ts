import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { limitRequestTimes, listenUntilStopped, runService, securityHeaders } from '@vj/nest-edge';
import { JsonLogger } from '@vj/observability';
import { loadConfig } from '@vj/runtime';
import { WorkerModule } from './worker.module';

/** The production worker process: `npm run start:worker`. Run as many as needed. */
runService(async () => {
  const config = loadConfig();
  if (config.mode !== 'production') {
    throw new Error(
      'the worker runs in production mode (EVENT_STORE=postgres or eventstoredb); the embedded runtime projects inside the API',
    );
  }
  const logger = new JsonLogger(config.logLevel, 'worker');
  // The worker's operator calls take no body, so it parses none.
  const app = await NestFactory.create(WorkerModule.forRoot(config), {
    logger,
    bodyParser: false,
  });
  limitRequestTimes(app, config);
  app.use(securityHeaders());
  await listenUntilStopped(app, config.workerPort, config.host, logger);
  logger.log(
    `worker listening on ${config.host}:${config.workerPort} (event store: ${config.eventStore})`,
    'worker',
  );
});
