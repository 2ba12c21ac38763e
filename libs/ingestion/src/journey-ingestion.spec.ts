import { agencyCaller, type AgencyCaller, type PersonCaller } from '@vj/access-policy';
import { inMemoryPersonalDataVault } from '@vj/personal-data';
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
const operator = agencyCaller({
  ...agency('operator-service-desk', 'operator', 'west-yorkshire').agency,
  areas: '*',
});
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
    const clock = new FixedClock('2026-03-10T12:00:00Z');
    ingestion = new JourneyIngestion(store, clock, inMemoryPersonalDataVault(clock), {
      appended,
    });
    victimId = (await ingestion.registerVictim(westYorkshirePolice, crimeReported)).victimId;
  });

  afterEach(() => store.close());

  it('has the read side project what it stored, once per post, and not a retry or a refusal', async () => {
    await ingestion.postEvents(westYorkshirePolice, victimId, arrest);
    await ingestion.postEvents(westYorkshirePolice, victimId, arrest);
    await refusal(ingestion.postEvents(greaterManchesterPolice, victimId, arrest));
    // The crime report at position 1, the arrest at 2: each told with its victim and area.
    expect(appended.mock.calls).toEqual([
      [{ victimId, policeArea: 'west-yorkshire', position: 1n }],
      [{ victimId, policeArea: 'west-yorkshire', position: 2n }],
    ]);
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

  describe('personal data', () => {
    const storedCrimeReport = async () => {
      const [stored] = await store.readStream(`victim-${victimId}`, { maxCount: 1 });
      return stored!;
    };

    it('stores the date of birth sealed, its age band at the offence in the clear, and shows the poster the plaintext', async () => {
      const stored = await storedCrimeReport();
      expect(stored.data.victimDateOfBirth).toMatchObject({ enc: 'v1' });
      expect(JSON.stringify([stored.data, stored.metadata])).not.toContain('1988-07-14');
      expect(stored.metadata.victimAgeBand).toBe('35-44');
      const page = await ingestion.readEvents(westYorkshirePolice, victimId, 0, 10);
      expect(page.events[0]?.data).toEqual(crimeReported.data);
    });

    it('answers a post with its personal fields as reading it back shows them, opened or erased', async () => {
      const again = await ingestion.postEvents(westYorkshirePolice, victimId, {
        ...crimeReported,
        eventId: 'cr-2',
      });
      expect(again.events[0]?.data).toEqual(crimeReported.data);
      await ingestion.erasePersonalData(operator, victimId, { reason: 'asked' });
      const erased = await ingestion.postEvents(westYorkshirePolice, victimId, {
        ...crimeReported,
        eventId: 'cr-3',
      });
      expect(erased.events[0]?.data).toMatchObject({ victimDateOfBirth: '[erased]' });
      const page = await ingestion.readEvents(westYorkshirePolice, victimId, 1, 10);
      expect([...again.events, ...erased.events]).toEqual([
        { ...page.events[0], data: crimeReported.data },
        page.events[1],
      ]);
    });

    it('recognises a retry of an event with personal fields, and refuses other content under its id', async () => {
      const retry = await ingestion.registerVictim(westYorkshirePolice, crimeReported);
      expect(retry.replayed).toBe(true);
      const other = {
        ...crimeReported,
        data: { ...crimeReported.data, victimDateOfBirth: '1988-07-15' },
      };
      expect(await refusal(ingestion.registerVictim(westYorkshirePolice, other))).toBe('conflict');
    });

    it('erases: every personal field reads as erased, the events and derived band stay', async () => {
      const erasure = await ingestion.erasePersonalData(operator, victimId, {
        reason: '  the victim asked  ',
      });
      expect(erasure).toEqual({
        victimId,
        erasedAt: '2026-03-10T12:00:00.000Z',
        erasedBy: 'operator-service-desk',
        reason: 'the victim asked',
        fields: [{ eventId: 'cr-1', type: 'crime-reported', field: 'victimDateOfBirth' }],
      });
      const page = await ingestion.readEvents(westYorkshirePolice, victimId, 0, 10);
      expect(page.events[0]?.data).toEqual({
        ...crimeReported.data,
        victimDateOfBirth: '[erased]',
      });
      expect((await storedCrimeReport()).metadata.victimAgeBand).toBe('35-44');
    });

    it.each([
      ['no body', undefined, 'is required: why the data is erased'],
      ['no reason', {}, 'is required: why the data is erased'],
      ['a blank reason', { reason: '   ' }, 'must not be empty'],
      ['a reason too long', { reason: 'x'.repeat(501) }, 'must be at most 500 characters'],
    ])('refuses an erasure with %s (400), erasing nothing', async (_case, body, reason) => {
      const error = await ingestion.erasePersonalData(operator, victimId, body).catch((e) => e);
      expect(error).toMatchObject({ kind: 'invalid', errors: [{ field: 'reason', reason }] });
      const page = await ingestion.readEvents(westYorkshirePolice, victimId, 0, 10);
      expect(page.events[0]?.data).toEqual(crimeReported.data);
    });

    it('refuses erasure to an agency (403) and answers an unknown victim 404', async () => {
      const body = { reason: 'asked' };
      expect(await refusal(ingestion.erasePersonalData(westYorkshirePolice, victimId, body))).toBe(
        'forbidden',
      );
      expect(await refusal(ingestion.erasePersonalData(operator, UNKNOWN_VICTIM, body))).toBe(
        'victim-not-found',
      );
    });
  });

  describe('a second crime report into an existing journey', () => {
    const second = (envelope: Record<string, unknown>, data: Record<string, unknown> = {}) => ({
      ...crimeReported,
      eventId: 'cr-2',
      ...envelope,
      data: { ...crimeReported.data, ...data },
    });
    const storedCount = async () =>
      (await ingestion.readEvents(westYorkshirePolice, victimId, 0, 500)).events.length;

    it('is refused (409) naming every field that differs from the report that opened it, storing nothing', async () => {
      const posted = ingestion.postEvents(
        westYorkshirePolice,
        victimId,
        second(
          { crimeReference: '13/999999/26' },
          { victimNumber: 2, victimDateOfBirth: '2015-01-01' },
        ),
      );
      await expect(posted).rejects.toMatchObject({
        kind: 'conflict',
        errors: [
          { field: 'crimeReference', reason: expect.stringContaining('differs') as unknown },
          { field: 'data.victimNumber', reason: expect.stringContaining('differs') as unknown },
          {
            field: 'data.victimDateOfBirth',
            reason: expect.stringContaining('differs') as unknown,
          },
        ],
      });
      expect(await storedCount()).toBe(1);
    });

    it('names a date of birth given where the opening report gave an age band', async () => {
      const posted = ingestion.postEvents(westYorkshirePolice, victimId, {
        events: [arrest, second({}, { victimDateOfBirth: undefined, victimAgeBand: '25-34' })],
      });
      await expect(posted).rejects.toMatchObject({
        kind: 'conflict',
        errors: [{ field: 'events[1].data.victimDateOfBirth' }],
      });
      expect(await storedCount()).toBe(1);
    });

    it('is stored when it names the same crime, victim and date of birth', async () => {
      const result = await ingestion.postEvents(
        westYorkshirePolice,
        victimId,
        second({ crimeReference: '13/123456/26' }, { offenceCategory: 'robbery' }),
      );
      expect(result.replayed).toBe(false);
      expect(await storedCount()).toBe(2);
    });

    it('stays an idempotent replay when it is the opening report itself', async () => {
      const result = await ingestion.postEvents(westYorkshirePolice, victimId, crimeReported);
      expect(result.replayed).toBe(true);
      expect(await storedCount()).toBe(1);
    });
  });

  describe('an officer recording what they did', () => {
    const wcu: Agency = {
      id: 'wcu-west-yorkshire',
      name: 'WCU',
      kind: 'witness-care-unit',
      homeArea: 'west-yorkshire',
      areas: ['west-yorkshire'],
    };
    const witnessCareOfficer: PersonCaller = {
      kind: 'person',
      subject: 'wco-west-yorkshire',
      role: 'witness-care-officer',
      agencyId: 'wcu-west-yorkshire',
      areas: ['west-yorkshire'],
    };
    const informed = {
      eventId: 'web-informed-1',
      type: 'victim-informed',
      schemaVersion: 1,
      occurredAt: '2026-03-09T10:00:00Z',
      crimeReference: '13/123456/26',
      data: { entitlement: 'hearing-details', method: 'phone' },
    };

    it('stores the fulfilment as their agency, naming the officer, once however often sent', async () => {
      const first = await ingestion.recordForOfficer(witnessCareOfficer, wcu, victimId, informed);
      const again = await ingestion.recordForOfficer(witnessCareOfficer, wcu, victimId, informed);
      expect(first).toMatchObject({ replayed: false, events: [{ agency: { id: wcu.id } }] });
      expect(again.replayed).toBe(true);
      const [, stored] = await store.readStream(`victim-${victimId}`);
      expect(stored?.metadata).toMatchObject({
        agencyId: 'wcu-west-yorkshire',
        recordedBy: 'wco-west-yorkshire',
      });
    });

    it('refuses what their agency kind does not owe, and posting as another agency (403)', async () => {
      const vcs = { ...informed, eventId: 'web-vlo-1', type: 'vlo-contact-made' };
      const probation: Agency = { ...wcu, id: 'probation-yorkshire', kind: 'probation' };
      expect(
        await refusal(ingestion.recordForOfficer(witnessCareOfficer, wcu, victimId, vcs)),
      ).toBe('forbidden');
      expect(
        await refusal(
          ingestion.recordForOfficer(witnessCareOfficer, probation, victimId, informed),
        ),
      ).toBe('forbidden');
      expect(await store.readStream(`victim-${victimId}`)).toHaveLength(1);
    });

    it('refuses a victim outside their areas as unknown (404), and people posting by the API (403)', async () => {
      const elsewhere = (
        await ingestion.registerVictim(greaterManchesterPolice, {
          ...crimeReported,
          eventId: 'cr-gm',
        })
      ).victimId;
      expect(
        await refusal(ingestion.recordForOfficer(witnessCareOfficer, wcu, elsewhere, informed)),
      ).toBe('victim-not-found');
      expect(await refusal(ingestion.postEvents(witnessCareOfficer, victimId, informed))).toBe(
        'forbidden',
      );
    });
  });
});
