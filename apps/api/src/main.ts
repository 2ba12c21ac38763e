import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { stopGracefullyOnSignals } from '@vj/observability';
import { loadConfig } from '@vj/runtime';
import { seedDemoDataInto } from './demo-data';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  if (config.seedDemoData) await seedDemoDataInto(app);
  stopGracefullyOnSignals(app, new Logger('api'));
  await app.listen(config.port, config.host);
  new Logger('api').log(
    `listening on http://${config.host}:${config.port} (event store: ${config.eventStore}); OpenAPI at /docs`,
  );
}

main().catch((error: unknown) => {
  // Start-up failures are configuration or infrastructure errors: say which, then stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
