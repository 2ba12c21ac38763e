import { Inject, Injectable } from '@nestjs/common';
import { needsNationalParts, type Caller, type VictimScope } from '@vj/access-policy';
import { isVictimId } from '@vj/ingestion';
import { nationalPartsOf, type JourneyState } from '@vj/projections';
import type { ReadModelQueries, ReadModels } from '@vj/read-models';
import { READ_MODELS } from '@vj/nest-edge';
import type { ReadScope } from './appended-positions';
import { EmbeddedProjections } from './embedded-projections';

/**
 * The read side's way in: the read-model queries as of now, never the store nor its database.
 * Embedded mode first waits until what was appended to the read's victim or areas is projected and
 * every deadline ended by now is judged (read your writes); in production the workers keep them
 * current and this only hands them over.
 */
@Injectable()
export class ReadModelsAsOfNow {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly projections: EmbeddedProjections,
  ) {}

  /** The queries, once what a read of this scope must see is projected. */
  async current(scope: ReadScope): Promise<ReadModelQueries> {
    await this.projections.readyFor(scope);
    return this.readModels;
  }

  /**
   * A victim's journey as projected, with what the access policy judges a read of it by: the
   * police area and, for a national body, the parts of the journey begun. Both undefined for an
   * unknown victim or a malformed id.
   */
  async journeyFor(
    caller: Caller,
    victimId: string,
  ): Promise<{ state: JourneyState | undefined; victim: VictimScope | undefined }> {
    if (!isVictimId(victimId)) return { state: undefined, victim: undefined };
    const state = await (await this.current({ victimId })).journeys.state(victimId);
    const policeArea = state?.policeArea;
    const victim =
      state && policeArea
        ? {
            policeArea,
            nationalParts: needsNationalParts(caller) ? nationalPartsOf(state.events) : [],
          }
        : undefined;
    return { state, victim };
  }
}
