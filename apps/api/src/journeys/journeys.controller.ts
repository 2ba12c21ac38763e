import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import type { ReadModels } from '@vj/read-models';
import { CurrentAgency } from '../http/api-key.guard';
import { problem } from '../http/problem';
import { ProblemException } from '../http/problem-details.filter';
import { ApiJsonResponse, ApiProblems } from '../openapi/decorators';
import { CLOCK, READ_MODELS } from '../tokens';
import { EmbeddedProjections } from './embedded-projections';

@ApiTags('journeys')
@ApiBearerAuth()
@ApiProblems(401, 403, 404)
@Controller('v1/victims')
export class JourneysController {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: EmbeddedProjections,
  ) {}

  @Get(':victimId')
  @ApiOperation({
    summary:
      "A victim's journey: enhanced rights, cases, what each agency did, and every entitlement with its deadline and status",
  })
  @ApiJsonResponse(200, 'VictimJourney', "The victim's journey as of now")
  async journey(
    @CurrentAgency() agency: Agency,
    @Param('victimId') victimId: string,
  ): Promise<VictimJourneyView> {
    const state = await this.visibleJourney(agency, victimId);
    return journeyViewOf(state, this.clock.now());
  }

  @Get(':victimId/vcs')
  @ApiOperation({ summary: "The victim's Victim Contact Scheme status, per offender" })
  @ApiJsonResponse(200, 'VictimContactScheme', 'One record per offender')
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
    const state = await this.readModels.journeyState(victimId);
    if (!state?.policeArea || !servesArea(agency, state.policeArea)) throw notFound;
    return state;
  }
}
