import type { DemoPost } from './demo-journeys';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How many days before the day of the run each showcase trigger happened: spread so that, for
 * every officer in West Yorkshire, some of what their agency owes is overdue, some due in the
 * coming days (and, on a working day, some due today), whatever day the demo is loaded.
 */
const DAYS_AGO = [1, 2, 3, 4, 6, 8, 11, 16, 24] as const;
/** The VLO's first contact is due 20 working days after the referral (about four weeks): later. */
const VLO_DAYS_LATER = 24;

const NO_ENHANCED_RIGHTS = {
  vulnerable: false,
  intimidated: false,
  persistentlyTargeted: false,
  mostSeriousCrime: false,
  bereaved: false,
};

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/**
 * A few West Yorkshire journeys near the day of the run, beside the random demo dataset: the VLO
 * (probation's first contact after a VCS referral), the witness care officer (hearing details)
 * and the police victim-care officer (arrest updates) each start with a caseload that has
 * overdue and due items. Journeys are numbered from `firstJourney`; pure and deterministic per day.
 */
export function caseloadShowcase(now: Date, firstJourney: number): DemoPost[] {
  const startOfDay = Math.floor(now.getTime() / DAY) * DAY;
  const posts: DemoPost[] = [];
  let journey = firstJourney;
  let serial = 0;

  const open = (reportedAt: number): { victim: number; crimeReference: string; id: string } => {
    serial += 1;
    const year = String(new Date(reportedAt).getUTCFullYear()).slice(2);
    const crimeReference = `13/99${String(serial).padStart(4, '0')}/${year}`;
    const id = `demo-showcase-${String(serial).padStart(3, '0')}`;
    posts.push({
      agencyId: 'police-west-yorkshire',
      victim: 'new',
      body: {
        eventId: `${id}-crime`,
        type: 'crime-reported',
        schemaVersion: 1,
        occurredAt: iso(reportedAt),
        crimeReference,
        data: {
          victimNumber: 1,
          offenceCategory: 'burglary',
          victimDateOfBirth: `19${60 + (serial % 40)}-0${1 + (serial % 9)}-1${serial % 10}`,
          enhancedRights: NO_ENHANCED_RIGHTS,
        },
      },
    });
    const victim = journey++;
    // The police acknowledged the report and referred the victim on time: only the step below is open.
    const post = (agencyId: string, suffix: string, type: string, at: number, data: object) =>
      posts.push({
        agencyId,
        victim,
        body: {
          eventId: `${id}-${suffix}`,
          type,
          schemaVersion: 1,
          occurredAt: iso(at),
          crimeReference,
          data,
        } as DemoPost['body'],
      });
    post('police-west-yorkshire', 'ack', 'victim-informed', reportedAt + 2 * HOUR, {
      entitlement: 'report-acknowledgement',
      method: 'letter',
    });
    post('police-west-yorkshire', 'support', 'referred-to-support', reportedAt + 3 * HOUR, {
      service: 'victim-support',
    });
    return { victim, crimeReference, id };
  };

  for (const ago of DAYS_AGO) {
    const at = startOfDay - ago * DAY + 10 * HOUR;
    // Probation: a VCS referral received, the victim not yet contacted by the VLO.
    const received = at - VLO_DAYS_LATER * DAY;
    const vcs = open(received - 75 * DAY);
    const referral = (agencyId: string, suffix: string, type: string, t: number) =>
      posts.push({
        agencyId,
        victim: vcs.victim,
        body: {
          eventId: `${vcs.id}-${suffix}`,
          type,
          schemaVersion: 1,
          occurredAt: iso(t),
          crimeReference: vcs.crimeReference,
          data: { suspectNumber: 1 },
        } as DemoPost['body'],
      });
    referral('wcu-west-yorkshire', 'referral', 'vcs-referral-made', received - DAY);
    referral('probation-yorkshire', 'received', 'vcs-referral-received', received);

    // Witness care: a hearing's details received, the victim not yet told.
    const hearing = open(at - 40 * DAY);
    posts.push({
      agencyId: 'wcu-west-yorkshire',
      victim: hearing.victim,
      body: {
        eventId: `${hearing.id}-hearing`,
        type: 'hearing-details-received',
        schemaVersion: 1,
        occurredAt: iso(at),
        crimeReference: hearing.crimeReference,
        data: {
          hearingId: `LD-SHOWCASE-${hearing.id.slice(-3)}`,
          court: 'Leeds Magistrates Court',
          hearingAt: iso(startOfDay + 21 * DAY + 10 * HOUR),
        },
      },
    });

    // Police: a suspect arrested, the victim not yet told.
    const arrest = open(at - 12 * DAY);
    posts.push({
      agencyId: 'police-west-yorkshire',
      victim: arrest.victim,
      body: {
        eventId: `${arrest.id}-arrest`,
        type: 'suspect-arrested',
        schemaVersion: 1,
        occurredAt: iso(at),
        crimeReference: arrest.crimeReference,
        data: { suspectNumber: 1 },
      },
    });
  }
  return posts;
}
