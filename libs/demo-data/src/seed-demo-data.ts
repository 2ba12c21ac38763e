import { agencyCaller } from '@vj/access-policy';
import type { Agency, AgencyDirectory } from '@vj/agencies';
import type { JourneyIngestion, PostResult } from '@vj/ingestion';
import { caseloadShowcase } from './caseload-showcase';
import { DEMO_AGENCY_IDS, demoJourneys, type DemoOptions } from './demo-journeys';

export interface SeedSummary {
  /** Journeys opened (crime reports posted). */
  victims: number;
  /** Events posted, crime reports included. */
  events: number;
  /** Of those, how many an earlier run had already stored: nothing new was stored for them. */
  replayed: number;
  /** True when the store already held the demo data (from a run on another day): nothing was posted. */
  alreadyLoaded?: boolean;
}

/**
 * Posts the demo dataset through the same ingestion use cases the API calls, one event per post,
 * as each agency. Idempotent: a second run with the same options (on the same day) replays every
 * post and stores nothing new.
 */
export async function seedDemoData(
  ingestion: JourneyIngestion,
  agencies: AgencyDirectory,
  options: DemoOptions,
): Promise<SeedSummary> {
  const asAgency = new Map<string, Agency>();
  for (const id of DEMO_AGENCY_IDS) {
    const agency = agencies.byId(id);
    if (!agency) {
      throw new Error(
        `the agency directory has no '${id}': the demo data needs the development agencies (config/agencies.dev.json)`,
      );
    }
    asAgency.set(id, agency);
  }

  const victimIds: string[] = [];
  const summary: SeedSummary = { victims: 0, events: 0, replayed: 0 };
  const journeys = demoJourneys(options);
  const opened = journeys.filter((p) => p.victim === 'new').length;
  // Then a few journeys that give each West Yorkshire officer overdue and due items (see there).
  const posts = [...journeys, ...(options.showcase ? caseloadShowcase(options.now, opened) : [])];
  // Crime references do not depend on the day, event times do: a store holding the first demo
  // victim from another day's run already has the demo data, so do not post it again.
  const first = posts[0];
  const police = first && asAgency.get(first.agencyId);
  if (first && police && first.victim === 'new' && first.body.type === 'crime-reported') {
    const existing = await ingestion.findVictim(agencyCaller(police), {
      policeArea: police.homeArea,
      crimeReference: first.body.crimeReference,
      victimNumber: first.body.data.victimNumber,
    });
    const sameDay =
      existing !== undefined &&
      (await ingestion.registerVictim(agencyCaller(police), first.body).then(
        () => true,
        () => false,
      ));
    if (existing && !sameDay) return { ...summary, alreadyLoaded: true };
  }
  for (const post of posts) {
    const agency = asAgency.get(post.agencyId);
    if (!agency) throw new Error(`the demo data posts as an unknown agency '${post.agencyId}'`);
    let result: PostResult;
    if (post.victim === 'new') {
      result = await ingestion.registerVictim(agencyCaller(agency), post.body);
      victimIds.push(result.victimId);
      summary.victims += 1;
    } else {
      const victimId = victimIds[post.victim];
      if (victimId === undefined) throw new Error(`journey ${post.victim} was never opened`);
      result = await ingestion.postEvents(agencyCaller(agency), victimId, post.body);
    }
    summary.events += 1;
    if (result.replayed) summary.replayed += 1;
  }
  return summary;
}
