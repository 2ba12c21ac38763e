import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Agency, servesArea } from '@vj/agencies';
import type { Clock } from '@vj/clock';
import { isVictimId } from '@vj/ingestion';
import {
  journeyViewOf,
  type JourneyState,
  vcsRecordsOf,
  type VcsRecord,
  type VictimJourneyView,
} from '@vj/projections';
import { JourneyQueries } from '@vj/read-models';
import { CurrentAgency } from '../http/api-key.guard';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { CLOCK } from '../tokens';
import { EmbeddedProjections } from './embedded-projections';

const PROBLEM = { description: 'application/problem+json' };

@ApiTags('journeys')
@ApiBearerAuth()
@ApiResponse({ status: 401, ...PROBLEM })
@ApiResponse({ status: 404, ...PROBLEM })
@Controller('v1/victims')
export class JourneysController {
  constructor(
    private readonly journeys: JourneyQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: EmbeddedProjections,
  ) {}

  @Get(':victimId')
  @ApiOperation({
    summary:
      "A victim's journey: enhanced rights, cases, what each agency did, and every entitlement with its deadline and status",
  })
  async journey(
    @CurrentAgency() agency: Agency,
    @Param('victimId') victimId: string,
  ): Promise<VictimJourneyView> {
    const state = await this.visibleJourney(agency, victimId);
    return journeyViewOf(state, this.clock.now());
  }

  @Get(':victimId/vcs')
  @ApiOperation({ summary: "The victim's Victim Contact Scheme status, per offender" })
  async vcs(
    @CurrentAgency() agency: Agency,
    @Param('victimId') victimId: string,
  ): Promise<{ victimId: string; records: VcsRecord[] }> {
    const state = await this.visibleJourney(agency, victimId);
    return { victimId, records: vcsRecordsOf(state.events, this.clock.now()) };
  }

  /** The journey if this caller may see it: an agency serving the victim's area. PCC teams read reports, not journeys. */
  private async visibleJourney(agency: Agency, victimId: string): Promise<JourneyState> {
    const notFound = new ProblemException(
      problem(404, `no victim ${victimId} is known to your agency`),
    );
    if (!isVictimId(victimId)) throw notFound;
    if (agency.kind === 'pcc' || agency.kind === 'operator') {
      throw new ProblemException(
        problem(403, 'compliance teams read reports (/v1/breaches, /v1/caseload), not journeys'),
      );
    }
    await this.projections.fresh();
    const state = await this.journeys.state(victimId);
    if (!state?.policeArea || !servesArea(agency, state.policeArea)) throw notFound;
    return state;
  }
}
