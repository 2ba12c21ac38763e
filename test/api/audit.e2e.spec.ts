import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { AuditEntry, AuditLog, AuditPage } from '@vj/audit';
import { AUDITED_ROUTE, PUBLIC_ROUTE } from '@vj/nest-edge';
import { crimeReported } from '../support/journey-events';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

const ENTRY_FIELDS = [
  'sequence',
  'at',
  'subject',
  'role',
  'action',
  'outcome',
  'status',
  'victimId',
  'endpoint',
  'reason',
  'requestId',
  'prevHash',
  'hash',
];

describe('the audit trail', () => {
  let api: TestApi;
  let victimId: string;

  beforeAll(async () => {
    api = await startTestApi('2026-03-06T17:00:00Z');
    const opened = await api
      .http()
      .post('/v1/victims')
      .set(bearer(KEYS.westYorkshirePolice))
      .send(crimeReported());
    expect(opened.status).toBe(201);
    victimId = (opened.body as { victimId: string }).victimId;
  });
  afterAll(() => api.close());

  /**
   * What the trail holds after `sequence`, as an operator reads it. That read is recorded too,
   * after the page it answers: a test marks the last sequence, then reads after the mark's own entry.
   */
  const entriesAfter = async (sequence: number): Promise<AuditPage['entries']> => {
    const res = await api
      .http()
      .get(`/v1/audit?after=${sequence}&limit=500`)
      .set(bearer(KEYS.operator));
    expect(res.status).toBe(200);
    return (res.body as AuditPage).entries;
  };
  const lastSequence = async () => {
    const entries = await entriesAfter(0);
    return entries[entries.length - 1]?.sequence ?? 0;
  };

  it('covers every route: each is public or audited, so no refusal goes unrecorded', () => {
    const handlers = [...api.app.get(ModulesContainer).values()].flatMap((module) =>
      [...module.controllers.values()].flatMap(({ metatype, name: controller }) => {
        const proto = (metatype as { prototype: Record<string, unknown> }).prototype;
        return Object.getOwnPropertyNames(proto)
          .filter((name) => name !== 'constructor')
          .map((name) => [`${controller}.${name}`, proto[name]] as const)
          .filter(([, fn]) => typeof fn === 'function' && Reflect.hasMetadata(PATH_METADATA, fn));
      }),
    );
    expect(handlers.length).toBeGreaterThan(8);
    const uncovered = handlers
      .filter(
        ([, fn]) =>
          !Reflect.hasMetadata(AUDITED_ROUTE, fn as object) &&
          !Reflect.hasMetadata(PUBLIC_ROUTE, fn as object),
      )
      .map(([name]) => name);
    expect(uncovered).toEqual([]);
  });

  it('records a read of a stream: who, role, which victim, the route, the reason given', async () => {
    const before = await lastSequence();
    const read = await api
      .http()
      .get(`/v1/victims/${victimId}/events?fromRevision=0&limit=10`)
      .set(bearer(KEYS.westYorkshirePolice))
      .set('X-Access-Reason', '  Victim called about the arrest  ')
      .set('X-Request-Id', 'req-stream-1');
    expect(read.status).toBe(200);
    const [entry] = await entriesAfter(before + 1);
    expect(Object.keys(entry ?? {}).sort()).toEqual([...ENTRY_FIELDS].sort());
    expect(entry).toMatchObject({
      sequence: before + 2,
      at: '2026-03-06T17:00:00.000Z',
      subject: 'police-west-yorkshire',
      role: 'police',
      action: 'read-stream',
      outcome: 'allowed',
      status: 200,
      victimId,
      endpoint: 'GET /v1/victims/:victimId/events',
      reason: 'Victim called about the arrest',
      requestId: 'req-stream-1',
    } satisfies AuditEntry & { sequence: number });
  });

  it('records the victim a lookup found, and nothing of the crime reference asked with', async () => {
    const before = await lastSequence();
    const found = await api
      .http()
      .get('/v1/victims?crimeReference=13/123456/26&victimNumber=1')
      .set(bearer(KEYS.westYorkshirePolice));
    expect(found.status).toBe(200);
    const [entry] = await entriesAfter(before + 1);
    expect(entry).toMatchObject({ action: 'find-victim', victimId, endpoint: 'GET /v1/victims' });
    expect(JSON.stringify(entry)).not.toContain('123456');
  });

  it('records reports: caseload and breaches', async () => {
    const before = await lastSequence();
    for (const path of ['/v1/caseload', '/v1/breaches']) {
      const res = await api.http().get(path).set(bearer(KEYS.westYorkshirePolice));
      expect(res.status).toBe(200);
    }
    const entries = await entriesAfter(before + 1);
    expect(entries.slice(0, 2)).toMatchObject([
      { action: 'read-caseload', endpoint: 'GET /v1/caseload', victimId: null, status: 200 },
      { action: 'read-breaches', endpoint: 'GET /v1/breaches', victimId: null, status: 200 },
    ]);
  });

  it('records compliance reports read and refused', async () => {
    const before = await lastSequence();
    const read = await api
      .http()
      .get('/v1/reports/compliance?from=2026-02&to=2026-03')
      .set(bearer(KEYS.westYorkshirePcc));
    expect(read.status).toBe(200);
    const refused = await api
      .http()
      .get('/v1/reports/compliance-dataset?from=2026-02&to=2026-03')
      .set(bearer(KEYS.westYorkshirePolice));
    expect(refused.status).toBe(403);
    const entries = await entriesAfter(before + 1);
    expect(entries.slice(0, 2)).toMatchObject([
      {
        subject: 'pcc-west-yorkshire',
        action: 'read-compliance-report',
        outcome: 'allowed',
        endpoint: 'GET /v1/reports/compliance',
        victimId: null,
        status: 200,
      },
      {
        subject: 'police-west-yorkshire',
        action: 'read-compliance-report',
        outcome: 'refused',
        endpoint: 'GET /v1/reports/compliance-dataset',
        status: 403,
      },
    ]);
  });

  it('records a read out of the area (404), a role that may not (403) and no key (401) as refusals', async () => {
    const before = await lastSequence();
    const elsewhere = await api
      .http()
      .get(`/v1/victims/${victimId}`)
      .set(bearer(KEYS.greaterManchesterPolice));
    const pcc = await api
      .http()
      .get(`/v1/victims/${victimId}/vcs`)
      .set(bearer(KEYS.westYorkshirePcc));
    const noKey = await api.http().get(`/v1/victims/${victimId}/events`);
    expect([elsewhere.status, pcc.status, noKey.status]).toEqual([404, 403, 401]);
    const entries = await entriesAfter(before + 1);
    expect(entries.slice(0, 3)).toMatchObject([
      {
        subject: 'police-greater-manchester',
        role: 'police',
        action: 'read-journey',
        outcome: 'refused',
        status: 404,
        victimId,
        endpoint: 'GET /v1/victims/:victimId',
      },
      {
        subject: 'pcc-west-yorkshire',
        role: 'pcc',
        action: 'read-vcs',
        outcome: 'refused',
        status: 403,
        victimId,
      },
      {
        subject: null,
        role: null,
        action: 'read-stream',
        outcome: 'refused',
        status: 401,
        victimId,
      },
    ]);
  });

  it('records a refused post, but not a stored one: the event store holds what was posted', async () => {
    const before = await lastSequence();
    const refused = await api
      .http()
      .post('/v1/victims')
      .set(bearer(KEYS.yorkshireCps))
      .send(crimeReported({ eventId: 'cps-tries' }));
    expect(refused.status).toBe(403);
    const stored = await api
      .http()
      .post('/v1/victims')
      .set(bearer(KEYS.westYorkshirePolice))
      .send(crimeReported({ eventId: 'second-crime', crimeReference: '13/222222/26' }));
    expect(stored.status).toBe(201);
    const entries = await entriesAfter(before + 1);
    expect(entries).toMatchObject([
      {
        action: 'open-journey',
        outcome: 'refused',
        status: 403,
        subject: 'cps-yorkshire-humberside',
      },
    ]);
  });

  it('records a malformed victim id as no victim: it could be anything typed', async () => {
    const before = await lastSequence();
    const res = await api
      .http()
      .get('/v1/victims/13-123456-26/events')
      .set(bearer(KEYS.westYorkshirePolice));
    expect(res.status).toBe(404);
    const [entry] = await entriesAfter(before + 1);
    expect(entry).toMatchObject({ outcome: 'refused', status: 404, victimId: null });
    expect(JSON.stringify(entry)).not.toContain('123456');
  });

  it('answers a reason over the bound with 400 naming the header, and records nothing', async () => {
    const before = await lastSequence();
    const res = await api
      .http()
      .get(`/v1/victims/${victimId}`)
      .set(bearer(KEYS.westYorkshirePolice))
      .set('X-Access-Reason', 'x'.repeat(501));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 400,
      errors: [{ field: 'X-Access-Reason', reason: 'must be at most 500 characters' }],
    });
    expect(await entriesAfter(before + 1)).toEqual([]);
  });

  it('lets an operator filter by victim, subject and period, and records that read with its victim', async () => {
    const before = await lastSequence();
    const byVictim = await api
      .http()
      .get(`/v1/audit?victimId=${victimId}&subject=police-greater-manchester`)
      .set(bearer(KEYS.operator));
    expect(byVictim.status).toBe(200);
    const { entries } = byVictim.body as AuditPage;
    expect(entries.length).toBeGreaterThan(0);
    expect(
      entries.every((e) => e.victimId === victimId && e.subject === 'police-greater-manchester'),
    ).toBe(true);
    const later = await api.http().get('/v1/audit?from=2026-03-07').set(bearer(KEYS.operator));
    expect((later.body as AuditPage).entries).toEqual([]);
    const [entry] = await entriesAfter(before + 1);
    expect(entry).toMatchObject({
      action: 'read-audit',
      subject: 'operator-service-desk',
      victimId,
      endpoint: 'GET /v1/audit',
    });
  });

  it('answers bad filters with 400 naming each', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['victimId=13/123456/26', 'victimId'],
      ['limit=0', 'limit'],
      ['after=-1', 'after'],
      ['from=2026-03-07&to=2026-03-06', 'to'],
    ]) {
      const res = await api.http().get(`/v1/audit?${query}`).set(bearer(KEYS.operator));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errors: [{ field }] });
    }
  });

  it('refuses the trail to everyone but operators, and records the refusal', async () => {
    const before = await lastSequence();
    const res = await api.http().get('/v1/audit').set(bearer(KEYS.westYorkshirePcc));
    expect(res.status).toBe(403);
    expect(await entriesAfter(before + 1)).toMatchObject([
      { action: 'read-audit', subject: 'pcc-west-yorkshire', outcome: 'refused', status: 403 },
    ]);
  });
});

describe('when the audit trail cannot record', () => {
  let api: TestApi;
  const broken: AuditLog = {
    append: () => Promise.reject(new Error('disk full')),
    list: () => Promise.reject(new Error('disk full')),
    verify: () => Promise.reject(new Error('disk full')),
    close: () => Promise.resolve(),
  };

  beforeAll(async () => {
    api = await startTestApi('2026-03-06T17:00:00Z', {}, { auditLog: broken });
  });
  afterAll(() => api.close());

  it('answers a read with 503 rather than unrecorded, and stores what is posted', async () => {
    const opened = await api
      .http()
      .post('/v1/victims')
      .set(bearer(KEYS.westYorkshirePolice))
      .send(crimeReported());
    expect(opened.status).toBe(201);
    const { victimId } = opened.body as { victimId: string };
    const read = await api
      .http()
      .get(`/v1/victims/${victimId}/events`)
      .set(bearer(KEYS.westYorkshirePolice));
    expect(read.status).toBe(503);
    expect(read.body).toMatchObject({ status: 503 });
    expect(JSON.stringify(read.body)).not.toContain('crime-reported');
  });

  it('answers a refusal it cannot record with 503 too', async () => {
    const res = await api.http().get('/v1/caseload');
    expect(res.status).toBe(503);
  });
});
