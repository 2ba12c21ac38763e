import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { AgencyDirectory } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { DEMO_DEFAULTS, seedDemoData } from '@vj/demo-data';
import { JourneyIngestion } from '@vj/ingestion';
import { EmbeddedProjections } from './journeys/embedded-projections';
import type { EventStore } from '@vj/event-store';
import { AGENCY_DIRECTORY, CLOCK, EVENT_STORE } from '@vj/nest-edge';

/** Whether the store holds no event at all: a fresh clone's first start. */
export async function storeIsEmpty(app: INestApplication): Promise<boolean> {
  const [first] = await app.get<EventStore>(EVENT_STORE).readAll({ maxCount: 1 });
  return first === undefined;
}

/** The demo journeys, posted through the ingestion use cases, then projected. */
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
