import { Logger } from '@nestjs/common';
import { limitRequestTimes, listenUntilStopped, runService } from '@vj/nest-edge';
import { loadConfig } from '@vj/runtime';
import { createApp } from './app';
import { seedDemoDataInto, storeIsEmpty } from './demo-data';

runService(async () => {
  const config = loadConfig();
  const app = await createApp(config);
  limitRequestTimes(app, config);
  if (config.seedDemoData === 'always') await seedDemoDataInto(app);
  // A fresh clone's first start: the demo data, so the first page after signing in has a caseload.
  if (config.seedDemoData === 'if-empty' && config.mode === 'embedded' && (await storeIsEmpty(app)))
    await seedDemoDataInto(app);
  await listenUntilStopped(app, config.port, config.host, new Logger('api'));
  new Logger('api').log(
    `listening on http://${config.host}:${config.port} (event store: ${config.eventStore}); OpenAPI at /docs`,
  );
});
