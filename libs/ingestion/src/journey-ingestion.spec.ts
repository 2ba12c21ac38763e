import { agencyCaller, type AgencyCaller } from '@vj/access-policy';
import type { Agency } from '@vj/agencies';
import { FixedClock } from '@vj/clock';
import { SqliteEventStore } from '@vj/event-store/sqlite';
import { IngestionRefused, type RefusalKind } from './errors';
import { JourneyIngestion } from './journey-ingestion';

const agency = (id: string, kind: Agency['kind'], area: string): AgencyCaller =>
  agencyCaller({
    id,
    name: id,
    kind,
    homeArea: area,
    areas: [area],
  });

const westYorkshirePolice = agency('police-west-yorkshire', 'police', 'west-yorkshire');
const greaterManchesterPolice = agency('police-gm', 'police', 'greater-manchester');
const pcc = agency('pcc-west-yorkshire', 'pcc', 'west-yorkshire');
const UNKNOWN_VICTIM = '00000000-0000-4000-8000-000000000000';

const crimeReported = {
  eventId: 'cr-1',
  type: 'crime-reported',
  schemaVersion: 1,
  occurredAt: '2026-03-02T10:15:00Z',
  crimeReference: '13/123456/26',
  data: {
    victimNumber: 1,
    offenceCategory: 'burglary',
    victimDateOfBirth: '1988-07-14',
    enhancedRights: {
      vulnerable: false,
      intimidated: false,
      persistentlyTargeted: false,
      mostSeriousCrime: false,
      bereaved: false,
    },
  },
};

const arrest = {
  eventId: 'arrest-1',
  type: 'suspect-arrested',
  schemaVersion: 1,
  occurredAt: '2026-03-06T16:30:00Z',
  crimeReference: '13/123456/26',
  data: { suspectNumber: 1 },
};

async function refusal(call: Promise<unknown>): Promise<RefusalKind | 'allowed'> {
  try {
    await call;
    return 'allowed';
  } catch (error) {
    if (error instanceof IngestionRefused) return error.kind;
    throw error;
  }
}

describe('JourneyIngestion', () => {
  let store: SqliteEventStore;
  let appended: jest.Mock;
  let ingestion: JourneyIngestion;
  let victimId: string;

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    appended = jest.fn();
    ingestion = new JourneyIngestion(store, new FixedClock('2026-03-10T12:00:00Z'), {
      appended,
    });
    victimId = (await ingestion.registerVictim(westYorkshirePolice, crimeReported)).victimId;
  });

  afterEach(() => store.close());

  it('has the read side project what it stored, once per post, and not a retry or a refusal', async () => {
    await ingestion.postEvents(westYorkshirePolice, victimId, arrest);
    await ingestion.postEvents(westYorkshirePolice, victimId, arrest);
    await refusal(ingestion.postEvents(greaterManchesterPolice, victimId, arrest));
    expect(appended).toHaveBeenCalledTimes(2);
  });

  it('refuses a role that may never read streams before looking for the victim (403)', async () => {
    const readStream = jest.spyOn(store, 'readStream');
    expect(await refusal(ingestion.readEvents(pcc, victimId, 0, 10))).toBe('forbidden');
    expect(await refusal(ingestion.readEvents(pcc, UNKNOWN_VICTIM, 0, 10))).toBe('forbidden');
    expect(
      await refusal(
        ingestion.findVictim(pcc, {
          policeArea: 'west-yorkshire',
          crimeReference: '13/123456/26',
          victimNumber: 1,
        }),
      ),
    ).toBe('forbidden');
    expect(await refusal(ingestion.postEvents(pcc, victimId, { type: 'no-such-type' }))).toBe(
      'forbidden',
    );
    expect(readStream).not.toHaveBeenCalled();
  });

  it('answers a victim in another area and an unknown victim alike (404)', async () => {
    expect(await refusal(ingestion.readEvents(greaterManchesterPolice, victimId, 0, 10))).toBe(
      'victim-not-found',
    );
    expect(
      await refusal(ingestion.readEvents(greaterManchesterPolice, UNKNOWN_VICTIM, 0, 10)),
    ).toBe('victim-not-found');
    expect(await refusal(ingestion.readEvents(westYorkshirePolice, victimId, 0, 10))).toBe(
      'allowed',
    );
  });
});
