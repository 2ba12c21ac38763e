import { Logger } from '@nestjs/common';
import { limitRequestTimes, listenUntilStopped, runService } from '@vj/nest-edge';
import { loadConfig } from '@vj/runtime';
import { createApp } from './app';
import { seedDemoDataInto } from './demo-data';

runService(async () => {
  const config = loadConfig();
  const app = await createApp(config);
  limitRequestTimes(app, config);
  if (config.seedDemoData) await seedDemoDataInto(app);
  await listenUntilStopped(app, config.port, config.host, new Logger('api'));
  new Logger('api').log(
    `listening on http://${config.host}:${config.port} (event store: ${config.eventStore}); OpenAPI at /docs`,
  );
});
