import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { AgencyDirectory } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { DEMO_DEFAULTS, seedDemoData } from '@vj/demo-data';
import { JourneyIngestion } from '@vj/ingestion';
import { EmbeddedProjections } from './journeys/embedded-projections';
import { AGENCY_DIRECTORY, CLOCK } from '@vj/nest-edge';

/** SEED_DEMO_DATA=true: the demo journeys, posted through the ingestion use cases, then projected. */
export async function seedDemoDataInto(app: INestApplication): Promise<void> {
  const summary = await seedDemoData(
    app.get(JourneyIngestion),
    app.get<AgencyDirectory>(AGENCY_DIRECTORY),
    { ...DEMO_DEFAULTS, now: app.get<Clock>(CLOCK).now() },
  );
  await app.get(EmbeddedProjections).fresh();
  new Logger('demo-data').log(
    summary.alreadyLoaded
      ? 'demo data already loaded'
      : `demo data: ${summary.victims} victims, ${summary.events - summary.replayed} events stored`,
  );
}
