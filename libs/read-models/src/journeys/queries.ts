import type { Kysely } from 'kysely';
import type { JourneyState } from '@vj/projections';
import type { JourneysDatabase } from './tables';
import type { StoredJourney } from './victim-rows';

/** The journeys read model's queries: stored journeys for the projector and the journey endpoint. */
export class JourneyQueries {
  constructor(private readonly db: Kysely<JourneysDatabase>) {}

  /** The stored journeys of these victims, with the versions they were read at. */
  async stored(victimIds: readonly string[]): Promise<Map<string, StoredJourney>> {
    if (victimIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('journeys')
      .select(['victim_id', 'state', 'version'])
      .where('victim_id', 'in', victimIds)
      .execute();
    return new Map(
      rows.map((r) => [
        r.victim_id,
        { state: JSON.parse(r.state) as JourneyState, version: Number(r.version) },
      ]),
    );
  }

  async state(victimId: string): Promise<JourneyState | undefined> {
    return (await this.stored([victimId])).get(victimId)?.state;
  }

  /** Victims whose judgement time alone has changed by `now`. */
  async toRecheck(now: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('journeys')
      .select('victim_id')
      .where('next_change_at', '<=', now)
      .orderBy('next_change_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.victim_id);
  }
}
