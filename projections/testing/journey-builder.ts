import { asPublishedEvent, latestVersionOf, upcast, type EventType } from '@vj/event-schemas';
import type { JourneyEvent } from '../journey-event';
import {
  evolveJourney,
  initialJourneyState,
  type JourneyState,
} from '../victim-journey/journey-state';

export const VICTIM_ID = '9d628f1b-307e-5dd5-8185-68840a9b7ec2';
export const CRIME = '13/123456/26';

const NO_FLAGS = {
  vulnerable: false,
  intimidated: false,
  persistentlyTargeted: false,
  mostSeriousCrime: false,
  bereaved: false,
};

const OWNER: Record<string, string> = {
  sentenced: 'court',
  'hospital-order-made': 'court',
  'plea-entered': 'court',
  'verdict-given': 'court',
  'hearing-listed': 'court',
  'result-sent-to-witness-care': 'court',
  'court-result-received': 'witness-care-unit',
  'hearing-details-received': 'witness-care-unit',
  'witness-requirement-received': 'witness-care-unit',
  'witness-service-referral-offered': 'witness-care-unit',
  'bail-hearing-outcome-received': 'witness-care-unit',
  'appeal-information-received': 'witness-care-unit',
  'vcs-referral-made': 'witness-care-unit',
  'vcs-referral-received': 'probation',
  'vlo-contact-made': 'probation',
  'vcs-opted-in': 'probation',
  'vcs-opted-out': 'probation',
  'vps-submitted': 'probation',
  'vps-declined': 'probation',
  'sentence-ended': 'probation',
  'parole-hearing-listed': 'parole-board',
  'cps-decided-not-to-charge': 'cps',
  'cps-discontinued': 'cps',
  'cps-charge-substantially-altered': 'cps',
};

/**
 * Builds a victim's journey for given/when/then tests: events in stream order, each recorded when
 * it happened unless the test says otherwise.
 */
export class JourneyBuilder {
  private readonly events: JourneyEvent[] = [];

  constructor(private readonly crimeReference = CRIME) {}

  /** A crime report; `data` overrides the standard (not enhanced, adult burglary victim). */
  reported(occurredAt: string, data: Record<string, unknown> = {}): this {
    return this.event('crime-reported', occurredAt, {
      victimNumber: 1,
      offenceCategory: 'burglary',
      victimDateOfBirth: '1988-07-14',
      enhancedRights: NO_FLAGS,
      ...data,
    });
  }

  event(
    type: EventType,
    occurredAt: string,
    data: Record<string, unknown> = {},
    options: {
      eventId?: string;
      recordedAt?: string;
      agencyKind?: string;
      crimeReference?: string;
    } = {},
  ): this {
    const revision = this.events.length;
    const agencyKind = options.agencyKind ?? OWNER[type] ?? 'police';
    this.events.push({
      eventId: `00000000-0000-5000-8000-${String(revision).padStart(12, '0')}`,
      agencyEventId: options.eventId ?? `${type}-${revision}`,
      victimId: VICTIM_ID,
      revision,
      occurredAt,
      recordedAt: options.recordedAt ?? occurredAt,
      agencyId: `${agencyKind}-west-yorkshire`,
      agencyKind,
      policeArea: 'west-yorkshire',
      crimeReference: options.crimeReference ?? this.crimeReference,
      caseUrn: null,
      // Fixtures are checked as postable by the scenario tests (assertPostable), not here.
      ...upcast(asPublishedEvent(type, latestVersionOf(type) ?? 1, data)),
    });
    return this;
  }

  /** `victim-informed` for an entitlement, at a time. */
  informed(
    entitlement: string,
    occurredAt: string,
    extra: Record<string, unknown> = {},
    recordedAt?: string,
  ): this {
    return this.event(
      'victim-informed',
      occurredAt,
      { entitlement, method: 'phone', ...extra },
      recordedAt ? { recordedAt } : {},
    );
  }

  build(): JourneyEvent[] {
    return [...this.events];
  }

  state(): JourneyState {
    return this.events.reduce(evolveJourney, initialJourneyState());
  }
}

export const journey = (crimeReference?: string) => new JourneyBuilder(crimeReference);
