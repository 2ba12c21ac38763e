import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { decide, type Caller } from '@vj/access-policy';
import type { Clock } from '@vj/clock';
import {
  journeyViewOf,
  type JourneyState,
  vcsRecordsOf,
  type VcsRecord,
  type VictimJourneyView,
} from '@vj/projections';
import { enforce } from '../http/access';
import { ApiJsonResponse, ApiProblems, Audited } from '@vj/nest-edge';
import { CLOCK, CurrentCaller } from '@vj/nest-edge';
import { ReadModelsAsOfNow } from './read-models-as-of-now';

@ApiTags('journeys')
@ApiBearerAuth()
@ApiProblems(401, 403, 404, 429)
@Controller('v1/victims')
export class JourneysController {
  constructor(
    private readonly reads: ReadModelsAsOfNow,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':victimId')
  @Audited('read-journey')
  @ApiOperation({
    summary:
      "A victim's journey: enhanced rights, cases, what each agency did, and every entitlement with its deadline and status",
  })
  @ApiJsonResponse(200, 'VictimJourney', "The victim's journey as of now")
  async journey(
    @CurrentCaller() caller: Caller,
    @Param('victimId') victimId: string,
  ): Promise<VictimJourneyView> {
    const state = await this.visibleJourney(caller, 'read-journey', victimId);
    return journeyViewOf(state, this.clock.now());
  }

  @Get(':victimId/vcs')
  @Audited('read-vcs')
  @ApiOperation({ summary: "The victim's Victim Contact Scheme status, per offender" })
  @ApiJsonResponse(200, 'VictimContactScheme', 'One record per offender')
  async vcs(
    @CurrentCaller() caller: Caller,
    @Param('victimId') victimId: string,
  ): Promise<{ victimId: string; records: VcsRecord[] }> {
    const state = await this.visibleJourney(caller, 'read-vcs', victimId);
    return { victimId, records: vcsRecordsOf(state.events, this.clock.now()) };
  }

  /**
   * The journey if the access policy lets this caller read it: 403 for a role that never may,
   * 404 for a victim unknown (a malformed id included), outside its areas, or whose journey has
   * not reached the national body's part (as far as the read models have projected).
   */
  private async visibleJourney(
    caller: Caller,
    action: 'read-journey' | 'read-vcs',
    victimId: string,
  ): Promise<JourneyState> {
    enforce(decide(caller, action));
    const { state, victim } = await this.reads.journeyFor(caller, victimId);
    enforce(decide(caller, action, { victim }), `no victim ${victimId} is known to your agency`);
    // Allowed only for a victim with a police area: the state is there.
    return state as JourneyState;
  }
}
