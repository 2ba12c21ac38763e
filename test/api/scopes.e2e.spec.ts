import { crimeReported, journeyEvent, type PostedEvent } from '../support/journey-events';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

const HOSPITAL = 'dev-hospital-secure-services';
const DATE_OF_BIRTH = '2009-05-17';
const UNKNOWN_VICTIM = '00000000-0000-4000-8000-000000000000';

/** The event that begins each national body's part, and who posts it. */
const BODIES: [string, string, string, PostedEvent][] = [
  [
    'the prison service',
    KEYS.prisonService,
    KEYS.leedsCourt,
    journeyEvent(
      'sentenced',
      'sentence-1',
      '2026-03-05T15:00:00Z',
      {
        suspectNumber: 1,
        offenceCategory: 'burglary',
        specifiedOffence: false,
        custodyMonths: 30,
        disposal: 'immediate-custody',
      },
      { schemaVersion: 2 },
    ),
  ],
  [
    'a secure hospital',
    HOSPITAL,
    KEYS.leedsCourt,
    journeyEvent('hospital-order-made', 'order-1', '2026-03-05T15:00:00Z', {
      suspectNumber: 1,
      restricted: true,
    }),
  ],
  [
    'the Parole Board, listing its own hearing',
    KEYS.paroleBoard,
    KEYS.paroleBoard,
    journeyEvent('parole-hearing-listed', 'pb-hearing-1', '2026-03-05T15:00:00Z', {
      suspectNumber: 1,
      paroleHearingId: 'PB-0001',
      hearingDate: '2026-09-01',
    }),
  ],
];

describe('what national bodies and PCC teams see', () => {
  let api: TestApi;

  const post = (path: string, key: string, body: unknown) =>
    api
      .http()
      .post(path)
      .set(bearer(key))
      .send(body as object);
  const get = (path: string, key: string) => api.http().get(path).set(bearer(key));

  /** A West Yorkshire victim, reported with a date of birth; the id. */
  async function reported(crimeReference: string): Promise<string> {
    const res = await post(
      '/v1/victims',
      KEYS.westYorkshirePolice,
      crimeReported({ crimeReference }, { victimDateOfBirth: DATE_OF_BIRTH }),
    );
    expect(res.status).toBe(201);
    return (res.body as { victimId: string }).victimId;
  }

  /** Every read a national body makes of one victim, as statuses. */
  async function reads(key: string, victimId: string, crimeReference: string) {
    const found = await get(
      `/v1/victims?crimeReference=${crimeReference}&victimNumber=1&policeArea=west-yorkshire`,
      key,
    );
    const stream = await get(`/v1/victims/${victimId}/events`, key);
    const journey = await get(`/v1/victims/${victimId}`, key);
    const vcs = await get(`/v1/victims/${victimId}/vcs`, key);
    return { found, stream, journey, vcs };
  }

  beforeEach(async () => {
    api = await startTestApi('2026-03-06T12:00:00Z');
  });

  afterEach(() => api.close());

  describe.each(BODIES)('%s', (_, key, poster, begins) => {
    it('finds and reads a victim only once its part of the journey has begun, and never sees the date of birth', async () => {
      const crime = '13/700001/26';
      const victimId = await reported(crime);

      const before = await reads(key, victimId, crime);
      const unknown = await get(`/v1/victims/${UNKNOWN_VICTIM}/events`, key);
      expect(before.found.status).toBe(404);
      expect(before.stream.status).toBe(404);
      expect(before.journey.status).toBe(404);
      expect(before.vcs.status).toBe(404);
      // Answered exactly as an unknown victim is.
      expect(before.stream.body).toEqual({
        ...unknown.body,
        detail: `no victim ${victimId} is known to your agency`,
      });

      const begun = await post(`/v1/victims/${victimId}/events`, poster, {
        ...begins,
        crimeReference: crime,
      });
      expect(begun.status).toBe(201);

      const after = await reads(key, victimId, crime);
      expect(after.found.status).toBe(200);
      expect(after.found.body).toEqual({ victimId });
      expect(after.journey.status).toBe(200);
      expect(after.vcs.status).toBe(200);
      expect(after.stream.status).toBe(200);
      const [report] = after.stream.body.events as { type: string; data: object }[];
      expect(report).toMatchObject({ type: 'crime-reported' });
      // 17 on the day of the offence (reported 2 March 2026).
      expect(report?.data).toMatchObject({ victimAgeBand: 'under-18' });
      expect(report?.data).not.toHaveProperty('victimDateOfBirth');
      for (const res of Object.values(after)) {
        expect(JSON.stringify(res.body)).not.toContain(DATE_OF_BIRTH);
      }

      // The police of the area still see the date of birth they recorded.
      const police = await get(`/v1/victims/${victimId}/events`, KEYS.westYorkshirePolice);
      expect(police.body.events[0].data).toMatchObject({ victimDateOfBirth: DATE_OF_BIRTH });
    });
  });

  it("lets a national body post the event that begins its part by the victim's id, and nothing else before it", async () => {
    const crime = '13/700002/26';
    const victimId = await reported(crime);
    const told = journeyEvent(
      'victim-informed',
      'pr-told-1',
      '2026-03-06T09:00:00Z',
      { entitlement: 'complaint-response', method: 'phone' },
      { crimeReference: crime },
    );

    const early = await post(`/v1/victims/${victimId}/events`, KEYS.prisonService, told);
    expect(early.status).toBe(404);
    const stored = await get(`/v1/victims/${victimId}/events`, KEYS.westYorkshirePolice);
    expect(stored.body.events).toHaveLength(1);

    const recalled = await post(
      `/v1/victims/${victimId}/events`,
      KEYS.prisonService,
      journeyEvent(
        'offender-recalled',
        'pr-recall-1',
        '2026-03-06T10:00:00Z',
        { suspectNumber: 1 },
        {
          crimeReference: crime,
        },
      ),
    );
    expect(recalled.status).toBe(201);
    expect((await post(`/v1/victims/${victimId}/events`, KEYS.prisonService, told)).status).toBe(
      201,
    );
    expect((await get(`/v1/victims/${victimId}`, KEYS.prisonService)).status).toBe(200);
    // Another national body is still not in the journey.
    expect((await get(`/v1/victims/${victimId}`, KEYS.paroleBoard)).status).toBe(404);
  });

  describe('a PCC team', () => {
    let victims: string[];

    beforeEach(async () => {
      // Two victims reported on Mon 2 Mar, their suspects arrested on Tue 3 Mar; nobody tells them.
      api.clock.set('2026-03-02T12:00:00Z');
      victims = [await reported('13/800001/26'), await reported('13/800002/26')];
      api.clock.set('2026-03-03T12:00:00Z');
      for (const [i, victimId] of victims.entries()) {
        const arrested = await post(
          `/v1/victims/${victimId}/events`,
          KEYS.westYorkshirePolice,
          journeyEvent(
            'suspect-arrested',
            `wyp-arrest-ev-${i}`,
            '2026-03-03T09:00:00Z',
            { suspectNumber: 1 },
            {
              crimeReference: `13/80000${i + 1}/26`,
            },
          ),
        );
        expect(arrested.status).toBe(201);
      }
      api.clock.set('2026-04-30T12:00:00Z');
    });

    const noVictimDetails = (body: unknown) => {
      const text = JSON.stringify(body);
      for (const id of victims) expect(text).not.toContain(id);
      expect(text).not.toContain('13/80000');
      expect(text).not.toContain(DATE_OF_BIRTH);
      expect(text).not.toContain('wyp-arrest-ev');
    };

    it('reads breaches under a reference per victim, the same within the report, with the counts unchanged', async () => {
      const police = await get('/v1/breaches?owedBy=police', KEYS.westYorkshirePolice);
      const pcc = await get('/v1/breaches?owedBy=police', KEYS.westYorkshirePcc);
      expect(pcc.status).toBe(200);
      expect(police.body.total).toBeGreaterThanOrEqual(4);
      expect(pcc.body.total).toBe(police.body.total);
      expect(pcc.body.byStatus).toEqual(police.body.byStatus);
      noVictimDetails(pcc.body);

      const policeRows = police.body.breaches as { victimId: string }[];
      const pccRows = pcc.body.breaches as { reference: string }[];
      expect(pccRows).toHaveLength(policeRows.length);
      // Row for row (the same order), one reference for each victim and each victim its own.
      const referenceOf = new Map<string, string>();
      policeRows.forEach((row, i) => {
        const reference = pccRows[i]?.reference as string;
        expect(reference).toMatch(/^pcc-[0-9a-f]{32}$/);
        expect(referenceOf.get(row.victimId) ?? reference).toBe(reference);
        referenceOf.set(row.victimId, reference);
      });
      expect(new Set(referenceOf.values()).size).toBe(victims.length);

      // A caseload is another report: its references do not join with the breach list's.
      const caseload = await get('/v1/caseload?owedBy=police&due=overdue', KEYS.westYorkshirePcc);
      expect(caseload.status).toBe(200);
      noVictimDetails(caseload.body);
      const policeCaseload = await get('/v1/caseload?due=overdue', KEYS.westYorkshirePolice);
      expect(caseload.body.total).toBe(policeCaseload.body.total);
      const caseloadReferences = (caseload.body.entitlements as { reference: string }[]).map(
        (e) => e.reference,
      );
      expect(caseloadReferences.length).toBeGreaterThan(0);
      for (const reference of caseloadReferences) {
        expect(reference).toMatch(/^pcc-[0-9a-f]{32}$/);
        expect([...referenceOf.values()]).not.toContain(reference);
      }
    });

    it('gets other references from a deployment with another key', async () => {
      const here = await get('/v1/breaches?owedBy=police', KEYS.westYorkshirePcc);
      const elsewhere = await startTestApi('2026-04-30T12:00:00Z', {
        PSEUDONYM_KEY: 'another-deployment-pseudonym-key-0123456789',
      });
      try {
        // The same victims, posted the same way to the other deployment.
        const send = (path: string, key: string, body: unknown) =>
          elsewhere
            .http()
            .post(path)
            .set(bearer(key))
            .send(body as object);
        for (const [i, crime] of ['13/800001/26', '13/800002/26'].entries()) {
          elsewhere.clock.set('2026-03-02T12:00:00Z');
          const opened = await send(
            '/v1/victims',
            KEYS.westYorkshirePolice,
            crimeReported({ crimeReference: crime }, { victimDateOfBirth: DATE_OF_BIRTH }),
          );
          expect(opened.body.victimId).toBe(victims[i]);
          elsewhere.clock.set('2026-03-03T12:00:00Z');
          await send(
            `/v1/victims/${victims[i]}/events`,
            KEYS.westYorkshirePolice,
            journeyEvent(
              'suspect-arrested',
              `wyp-arrest-ev-${i}`,
              '2026-03-03T09:00:00Z',
              { suspectNumber: 1 },
              {
                crimeReference: crime,
              },
            ),
          );
        }
        elsewhere.clock.set('2026-04-30T12:00:00Z');
        const there = await elsewhere
          .http()
          .get('/v1/breaches?owedBy=police')
          .set(bearer(KEYS.westYorkshirePcc));
        expect(there.body.total).toBe(here.body.total);
        const references = (body: { breaches: { reference: string }[] }) =>
          new Set(body.breaches.map((b) => b.reference));
        const ours = references(here.body);
        for (const reference of references(there.body)) expect(ours.has(reference)).toBe(false);
      } finally {
        await elsewhere.close();
      }
    });
  });
});
