import { CALENDAR_DATE_RULE } from '@vj/event-schemas';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';
import type { ReadModels } from '@vj/read-models';
import { READ_MODELS } from '@vj/nest-edge';
import { crimeReported, journeyEvent } from '../support/journey-events';

const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('journey, VCS, caseload and breach queries', () => {
  let api: TestApi;
  let victimId: string;

  const post = (path: string, key: string, body: unknown) =>
    api.http().post(path).set(bearer(key)).set(JSON_TYPE).send(JSON.stringify(body));
  const get = (path: string, key: string) => api.http().get(path).set(bearer(key));
  const events = (key: string, body: unknown) => post(`/v1/victims/${victimId}/events`, key, body);

  beforeEach(async () => {
    // Mon 2 Mar 2026: a burglary reported; the suspect is arrested on Fri 6 Mar.
    api = await startTestApi('2026-03-02T10:20:00Z');
    const res = await post('/v1/victims', KEYS.westYorkshirePolice, crimeReported());
    victimId = (res.body as { victimId: string }).victimId;
    // The report acknowledged in writing on the day (Right 3), so only the rules below are owed.
    await events(
      KEYS.westYorkshirePolice,
      journeyEvent('victim-informed', 'acknowledged-1', '2026-03-02T10:15:00Z', {
        entitlement: 'report-acknowledgement',
        method: 'letter',
      }),
    );
    api.clock.set('2026-03-06T17:00:00Z');
    await events(
      KEYS.westYorkshirePolice,
      journeyEvent('suspect-arrested', 'arrest-1', '2026-03-06T16:30:00Z', { suspectNumber: 1 }),
    );
  });

  afterEach(() => api.close());

  it("shows the VLO the victim's entitlements with their deadlines, owing agency and status", async () => {
    const res = await get(`/v1/victims/${victimId}`, KEYS.yorkshireProbation);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      victimId,
      policeArea: 'west-yorkshire',
      enhancedRights: { enhanced: false, reasons: [] },
      cases: [{ crimeReference: '13/123456/26', offenceCategory: 'burglary', victimNumber: 1 }],
      timeline: [
        { type: 'crime-reported', agency: { id: 'police-west-yorkshire', kind: 'police' } },
        { type: 'victim-informed', eventId: 'acknowledged-1' },
        { type: 'suspect-arrested', eventId: 'arrest-1' },
      ],
    });
    const byRule = Object.fromEntries(
      (res.body.entitlements as { ruleId: string }[]).map((e) => [e.ruleId, e]),
    );
    // Reported Mon 2 Mar + 2 working days = Wed 4 Mar; now is Fri 6 Mar, no referral: breached.
    expect(byRule['support-referral']).toMatchObject({
      status: 'breached',
      owedBy: 'police',
      deadline: { localDate: '2026-03-04' },
      workingDaysLate: 2,
    });
    // Arrest Fri 6 Mar + 5 working days = Fri 13 Mar.
    expect(byRule['arrest-update']).toMatchObject({
      status: 'pending',
      right: 6,
      edition: 'victims-code-2020',
      deadline: { localDate: '2026-03-13', endsAt: '2026-03-14T00:00:00.000Z' },
      trigger: { eventId: 'arrest-1', type: 'suspect-arrested' },
    });
    expect(byRule['vps-offer']).toMatchObject({ status: 'owed', deadline: null });
  });

  it("charges a late court result to the court, and times the unit's telling from its receipt", async () => {
    api.clock.set('2026-03-19T12:00:00Z');
    const verdict = journeyEvent('verdict-given', 'verdict-1', '2026-03-09T15:00:00Z', {
      suspectNumber: 1,
      verdict: 'guilty',
    });
    const sent = journeyEvent('result-sent-to-witness-care', 'sent-1', '2026-03-17T10:00:00Z', {
      result: 'verdict',
      suspectNumber: 1,
    });
    expect((await events(KEYS.leedsCourt, { events: [verdict, sent] })).status).toBe(201);
    // Only the court posts its own step; the unit posts its receipt.
    const byUnit = await events(KEYS.westYorkshireWcu, { ...sent, eventId: 'sent-2' });
    expect(byUnit.status).toBe(403);
    const received = await events(KEYS.westYorkshireWcu, {
      events: [
        journeyEvent('court-result-received', 'received-1', '2026-03-17T14:00:00Z', {
          result: 'verdict',
          suspectNumber: 1,
        }),
        journeyEvent('victim-informed', 'told-1', '2026-03-18T10:00:00Z', {
          entitlement: 'verdict-outcome',
          method: 'phone',
        }),
      ],
    });
    expect(received.status).toBe(201);

    const res = await get(`/v1/victims/${victimId}`, KEYS.westYorkshireWcu);
    expect(res.status).toBe(200);
    const byRule = Object.fromEntries(
      (res.body.entitlements as { ruleId: string }[]).map((e) => [e.ruleId, e]),
    );
    // Verdict Mon 9 Mar + the court's 5 wd = Mon 16 Mar; sent Tue 17 Mar: 1 wd late.
    expect(byRule['court-verdict-sent']).toMatchObject({
      status: 'met-late',
      owedBy: 'court',
      deadline: { localDate: '2026-03-16' },
      workingDaysLate: 1,
    });
    // Received Tue 17 Mar + 1 wd = Wed 18 Mar; told Wed 18 Mar: met.
    expect(byRule['verdict-outcome']).toMatchObject({
      status: 'met',
      owedBy: 'witness-care-unit',
      deadline: { localDate: '2026-03-18' },
    });
  });

  it('turns a deadline that ends unmet into a breach, and a late telling into met late', async () => {
    api.clock.set('2026-03-16T09:00:00Z');
    const overdue = await get('/v1/caseload?due=overdue', KEYS.westYorkshirePolice);
    expect(overdue.status).toBe(200);
    expect(overdue.body).toMatchObject({
      owedBy: 'police',
      policeAreas: ['west-yorkshire'],
      today: '2026-03-16',
      total: 2,
    });
    expect(overdue.body.entitlements.map((e: { ruleId: string }) => e.ruleId).sort()).toEqual([
      'arrest-update',
      'support-referral',
    ]);
    expect(
      overdue.body.entitlements.find((e: { ruleId: string }) => e.ruleId === 'arrest-update'),
    ).toMatchObject({
      status: 'breached',
      urgency: 'overdue',
      workingDaysLate: 1,
    });

    await events(
      KEYS.westYorkshirePolice,
      journeyEvent('victim-informed', 'told-arrest-1', '2026-03-16T08:45:00Z', {
        entitlement: 'arrest-update',
        method: 'phone',
      }),
    );
    const breaches = await get('/v1/breaches?owedBy=police&right=6', KEYS.westYorkshirePolice);
    expect(breaches.status).toBe(200);
    expect(breaches.body).toMatchObject({ total: 1, byStatus: { 'met-late': 1 } });
    expect(breaches.body.breaches).toEqual([
      {
        entitlementId: expect.stringMatching(/^arrest-update\./),
        victimId,
        policeArea: 'west-yorkshire',
        crimeReference: '13/123456/26',
        owedBy: 'police',
        right: 6,
        ruleId: 'arrest-update',
        edition: 'victims-code-2020',
        enhanced: false,
        deadline: '2026-03-13',
        status: 'met-late',
        workingDaysLate: 1,
        fulfilledAt: '2026-03-16T08:45:00Z',
      },
    ]);
    // The PCC team sees the same breach under a reference, and the same counts.
    const pcc = await get('/v1/breaches?owedBy=police&right=6', KEYS.westYorkshirePcc);
    expect(pcc.body).toMatchObject({ total: 1, byStatus: { 'met-late': 1 } });
    expect(pcc.body.breaches).toEqual([
      {
        reference: expect.stringMatching(/^pcc-[0-9a-f]{32}$/),
        policeArea: 'west-yorkshire',
        owedBy: 'police',
        right: 6,
        ruleId: 'arrest-update',
        edition: 'victims-code-2020',
        enhanced: false,
        deadline: '2026-03-13',
        status: 'met-late',
        workingDaysLate: 1,
        fulfilledAt: '2026-03-16T08:45:00Z',
      },
    ]);
    const stillOverdue = await get('/v1/caseload?due=overdue', KEYS.westYorkshirePolice);
    expect(stillOverdue.body.entitlements.map((e: { ruleId: string }) => e.ruleId)).toEqual([
      'support-referral',
    ]);
  });

  it('lists what is due today and in the next five working days', async () => {
    api.clock.set('2026-03-13T09:00:00Z');
    const today = await get('/v1/caseload?due=today', KEYS.westYorkshirePolice);
    api.clock.set('2026-03-09T09:00:00Z');
    const soon = await get('/v1/caseload?due=soon', KEYS.westYorkshirePolice);
    expect(
      today.body.entitlements.map((e: { ruleId: string; urgency: string }) => [
        e.ruleId,
        e.urgency,
      ]),
    ).toEqual([['arrest-update', 'due-today']]);
    // Mon 9 Mar + 5 working days = Mon 16 Mar: Fri 13 Mar is within.
    expect(soon.body.dueSoonUntil).toBe('2026-03-16');
    expect(
      soon.body.entitlements.map((e: { ruleId: string; urgency: string }) => [e.ruleId, e.urgency]),
    ).toEqual([['arrest-update', 'due-soon']]);
  });

  it('gives the Victim Contact Scheme status from a sentence', async () => {
    await events(
      KEYS.leedsCourt,
      journeyEvent(
        'sentenced',
        'sentence-1',
        '2026-03-06T16:45:00Z',
        {
          suspectNumber: 1,
          offenceCategory: 'burglary',
          specifiedOffence: true,
          custodyMonths: 48,
          disposal: 'immediate-custody',
        },
        { schemaVersion: 2 },
      ),
    );
    const res = await get(`/v1/victims/${victimId}/vcs`, KEYS.yorkshireProbation);
    expect(res.status).toBe(200);
    expect(res.body.records).toEqual([
      expect.objectContaining({
        suspectNumber: 1,
        eligible: true,
        status: 'eligible-not-referred',
      }),
    ]);
  });

  it('finds a victim by case URN once charged', async () => {
    await events(
      KEYS.westYorkshirePolice,
      journeyEvent('suspect-charged', 'charge-1', '2026-03-06T16:50:00Z', {
        suspectNumber: 1,
        caseUrn: '13WY0012326',
      }),
    );
    const found = await get(
      '/v1/victims?caseUrn=13WY0012326&victimNumber=1&policeArea=west-yorkshire',
      KEYS.yorkshireCps,
    );
    const other = await get(
      '/v1/victims?caseUrn=13WY0012326&victimNumber=1',
      KEYS.greaterManchesterPolice,
    );
    expect(found.body).toEqual({ victimId });
    expect(other.status).toBe(404);
  });

  it('keeps each caller to what it may see', async () => {
    const pccJourney = await get(`/v1/victims/${victimId}`, KEYS.westYorkshirePcc);
    const otherArea = await get(`/v1/victims/${victimId}`, KEYS.greaterManchesterPolice);
    const otherKind = await get('/v1/breaches?owedBy=police', KEYS.yorkshireCps);
    const otherAreaBreaches = await get(
      '/v1/breaches?policeArea=west-yorkshire',
      KEYS.greaterManchesterPcc,
    );
    const pccPosts = await events(
      KEYS.westYorkshirePcc,
      journeyEvent('suspect-arrested', 'a-9', '2026-03-06T16:30:00Z', { suspectNumber: 1 }),
    );
    expect(pccJourney.status).toBe(403);
    expect(otherArea.status).toBe(404);
    expect(otherKind.status).toBe(403);
    expect(otherKind.body.errors).toEqual([{ field: 'owedBy', reason: 'must be cps' }]);
    expect(otherAreaBreaches.status).toBe(403);
    expect(pccPosts.status).toBe(403);
  });

  it.each([
    ['/v1/breaches?right=13', 'right', 'must be a whole number from 1 to 12'],
    ['/v1/breaches?ruleId=arrest', 'ruleId', "must be the id of a Victims' Code rule (see README)"],
    ['/v1/breaches?from=2026-13-01', 'from', CALENDAR_DATE_RULE],
    ['/v1/breaches?to=2026-W10-1', 'to', CALENDAR_DATE_RULE],
    ['/v1/breaches?from=2026-03-10&to=2026-03-01', 'to', 'must not be before from'],
    ['/v1/breaches?enhanced=yes', 'enhanced', 'must be true or false'],
    ['/v1/breaches?policeArea=atlantis', 'policeArea', 'must be a police area id'],
    [
      '/v1/breaches?owedBy=bank',
      'owedBy',
      'must be one of police, cps, witness-care-unit, court, probation, prison, hospital, parole-board',
    ],
    ['/v1/breaches?limit=1000', 'limit', 'must be a whole number from 1 to 500'],
    [
      '/v1/caseload?owedBy=police&due=yesterday',
      'due',
      'must be one of overdue, today, soon, open',
    ],
    ['/v1/caseload', 'owedBy', 'is required for a compliance team'],
  ])('answers %s with a 400 naming the parameter', async (path, field, reason) => {
    const res = await get(path, KEYS.westYorkshirePcc);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field, reason }]);
  });

  it('answers 404 for an unknown victim', async () => {
    const res = await get(
      '/v1/victims/00000000-0000-4000-8000-000000000000',
      KEYS.westYorkshirePolice,
    );
    const vcs = await get('/v1/victims/not-an-id/vcs', KEYS.westYorkshirePolice);
    expect(res.status).toBe(404);
    expect(vcs.status).toBe(404);
  });

  it('projects on its own as events are appended, and checks deadlines on a timer', async () => {
    const timed = await startTestApi('2026-03-06T17:00:00Z', { DEADLINE_CHECK_INTERVAL_MS: '50' });
    try {
      const readModels = timed.app.get<ReadModels>(READ_MODELS);
      const opened = await timed
        .http()
        .post('/v1/victims')
        .set(bearer(KEYS.westYorkshirePolice))
        .set(JSON_TYPE)
        .send(JSON.stringify(crimeReported({ occurredAt: '2026-03-06T16:00:00Z' })));
      const statusOf = async (ruleId: string) => {
        const rows = (await readModels.dump()).entitlements as {
          rule_id: string;
          status: string;
        }[];
        return rows.find((r) => r.rule_id === ruleId)?.status;
      };
      const waitFor = async (ruleId: string, status: string) => {
        for (let i = 0; i < 500 && (await statusOf(ruleId)) !== status; i++)
          await new Promise((r) => setTimeout(r, 20));
        return statusOf(ruleId);
      };
      expect(opened.status).toBe(201);
      // Reported Fri 6 Mar + 2 working days = Tue 10 Mar: pending, without any query asking.
      expect(await waitFor('support-referral', 'pending')).toBe('pending');
      timed.clock.set('2026-03-11T00:00:00Z');
      expect(await waitFor('support-referral', 'breached')).toBe('breached');
    } finally {
      await timed.close();
    }
  });
});
