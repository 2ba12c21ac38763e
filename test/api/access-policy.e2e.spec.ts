import { Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AuthenticationGuard, IDENTITY, READ_MODELS } from '@vj/nest-edge';
import type { Identity } from '@vj/runtime';
import { DeadlineScheduling } from '../../apps/worker/src/deadline-scheduling';
import { OperationsController } from '../../apps/worker/src/operations.controller';
import { agencyToken, personToken } from '../support/identity';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

/**
 * The role matrix: every role (each agency kind by API key and by client-credentials token, each
 * person role, nobody) against every endpoint of the API and the worker, by the one answer rule:
 * a role that may never do the action is 403 whatever the victim; a victim outside the caller's
 * areas, or unknown, or whose journey has not reached a national body's part, is 404; no
 * credential, or one that names nobody, is 401. A refused body carries no victim data. The
 * victim's journey has reached the Parole Board (a hearing listed), not the prison or a hospital.
 */
const ROLES = [
  'police in the area',
  'police of another area',
  'CPS',
  'a witness care unit',
  'a court',
  'probation',
  'a prison (national)',
  'a secure hospital (national)',
  'the Parole Board (national)',
  'a PCC team',
  'an operator',
  'a victim liaison officer',
  'a witness care officer',
  'a police victim-care officer',
  'a PCC analyst',
  'a national analyst',
  'an administrator',
  'an administrator with a reason',
  'nobody',
] as const;
type Role = (typeof ROLES)[number];

/** How a caller proves who it is. */
type Credential =
  | { key: string }
  | { agency: string }
  | { person: string; reason?: string }
  | { forged: string }
  | undefined;

const AGENCY_OF: Partial<Record<Role, string>> = {
  'police in the area': 'police-west-yorkshire',
  'police of another area': 'police-greater-manchester',
  CPS: 'cps-yorkshire-humberside',
  'a witness care unit': 'wcu-west-yorkshire',
  'a court': 'court-leeds',
  probation: 'probation-yorkshire',
  'a prison (national)': 'prison-service',
  'a secure hospital (national)': 'hospital-secure-services',
  'the Parole Board (national)': 'parole-board',
  'a PCC team': 'pcc-west-yorkshire',
  'an operator': 'operator-service-desk',
};

const CALLERS: [string, Role, Credential][] = [
  ...Object.entries(AGENCY_OF).flatMap(([role, id]): [string, Role, Credential][] => [
    [`${role} by API key`, role as Role, { key: `dev-${id}` }],
    [`${role} by token`, role as Role, { agency: id }],
  ]),
  ['a victim liaison officer', 'a victim liaison officer', { person: 'vlo-west-yorkshire' }],
  ['a witness care officer', 'a witness care officer', { person: 'wco-west-yorkshire' }],
  [
    'a police victim-care officer',
    'a police victim-care officer',
    { person: 'pvco-west-yorkshire' },
  ],
  ['a PCC analyst', 'a PCC analyst', { person: 'analyst-west-yorkshire' }],
  ['a national analyst', 'a national analyst', { person: 'analyst-national' }],
  ['an administrator', 'an administrator', { person: 'administrator' }],
  [
    'an administrator with a reason',
    'an administrator with a reason',
    { person: 'administrator', reason: 'checking parked event 7 for ticket OPS-1' },
  ],
  ['no credential', 'nobody', undefined],
  ['an unknown key', 'nobody', { key: 'dev-no-such-agency' }],
  ['a token signed by someone else', 'nobody', { forged: 'administrator' }],
];

const UNKNOWN_VICTIM = '00000000-0000-4000-8000-000000000000';

type Expected = Record<Role, number>;

/** Agencies of the journey, and the people who read victims. */
const JOURNEY_READ: Expected = {
  'police in the area': 200,
  'police of another area': 404,
  CPS: 200,
  'a witness care unit': 200,
  'a court': 200,
  probation: 200,
  'a prison (national)': 404,
  'a secure hospital (national)': 404,
  'the Parole Board (national)': 200,
  'a PCC team': 403,
  'an operator': 403,
  'a victim liaison officer': 200,
  'a witness care officer': 200,
  'a police victim-care officer': 200,
  'a PCC analyst': 403,
  'a national analyst': 403,
  'an administrator': 403,
  'an administrator with a reason': 200,
  nobody: 401,
};
const NO_OFFICERS = {
  'a victim liaison officer': 403,
  'a witness care officer': 403,
  'a police victim-care officer': 403,
};
/** People read the journey view; the raw stream is for agencies' systems (and administrators). */
const STREAM_READ: Expected = { ...JOURNEY_READ, ...NO_OFFICERS };
/** The Victim Contact Scheme is probation's: of the officers, only the VLO reads it. */
const VCS_READ: Expected = {
  ...JOURNEY_READ,
  'a witness care officer': 403,
  'a police victim-care officer': 403,
};
/** Agencies post; no person does. */
const POST: Expected = {
  ...JOURNEY_READ,
  ...Object.fromEntries(Object.entries(AGENCY_OF).map(([role]) => [role, 201])),
  'police of another area': 404,
  'a prison (national)': 404,
  'a secure hospital (national)': 404,
  'a PCC team': 403,
  'an operator': 403,
  ...NO_OFFICERS,
  'an administrator with a reason': 403,
};
/** A caller who may act finds an unknown victim not found; every refusal stays as it was. */
const ofUnknownVictim = (known: Expected): Expected =>
  Object.fromEntries(
    Object.entries(known).map(([role, status]) => [role, status < 300 ? 404 : status]),
  ) as Expected;
const OPERATIONS = (allowed: number): Expected => ({
  ...(Object.fromEntries(ROLES.map((role) => [role, 403])) as Expected),
  'an operator': allowed,
  'an administrator': allowed,
  'an administrator with a reason': allowed,
  nobody: 401,
});

interface Endpoint {
  app: 'api' | 'worker';
  method: 'get' | 'post';
  path: (victimId: string) => string;
  /** A body unique to the caller, so that each post is new. */
  body?: (caller: number) => unknown;
  expected: Expected;
}

const complaint = (caller: number) =>
  journeyEvent('complaint-received', `complaint-${caller}`, '2026-03-06T16:30:00Z', {
    complaintId: `c-${caller}`,
    about: 'police',
  });

const ENDPOINTS: Record<string, Endpoint> = {
  'POST /v1/victims': {
    app: 'api',
    method: 'post',
    path: () => '/v1/victims',
    body: (caller) => crimeReported({ crimeReference: `99/${caller}/26` }),
    expected: {
      ...POST,
      'police in the area': 201,
      'police of another area': 201,
      ...Object.fromEntries(
        ['CPS', 'a witness care unit', 'a court', 'probation'].map((role) => [role, 403]),
      ),
      'a prison (national)': 403,
      'a secure hospital (national)': 403,
      'the Parole Board (national)': 403,
    },
  },
  'GET /v1/victims?crimeReference': {
    app: 'api',
    method: 'get',
    path: () => '/v1/victims?crimeReference=13/123456/26&victimNumber=1&policeArea=west-yorkshire',
    expected: JOURNEY_READ,
  },
  'GET /v1/victims?caseUrn': {
    app: 'api',
    method: 'get',
    path: () => '/v1/victims?caseUrn=13WY0012326&victimNumber=1&policeArea=west-yorkshire',
    expected: JOURNEY_READ,
  },
  'POST /v1/victims/{id}/events': {
    app: 'api',
    method: 'post',
    path: (id) => `/v1/victims/${id}/events`,
    body: complaint,
    expected: POST,
  },
  'POST /v1/victims/{unknown}/events': {
    app: 'api',
    method: 'post',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/events`,
    body: complaint,
    expected: ofUnknownVictim(POST),
  },
  'GET /v1/victims/{id}/events': {
    app: 'api',
    method: 'get',
    path: (id) => `/v1/victims/${id}/events`,
    expected: STREAM_READ,
  },
  'GET /v1/victims/{unknown}/events': {
    app: 'api',
    method: 'get',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/events`,
    expected: ofUnknownVictim(STREAM_READ),
  },
  'GET /v1/victims/{id}': {
    app: 'api',
    method: 'get',
    path: (id) => `/v1/victims/${id}`,
    expected: JOURNEY_READ,
  },
  'GET /v1/victims/{unknown}': {
    app: 'api',
    method: 'get',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}`,
    expected: ofUnknownVictim(JOURNEY_READ),
  },
  'GET /v1/victims/{id}/vcs': {
    app: 'api',
    method: 'get',
    path: (id) => `/v1/victims/${id}/vcs`,
    expected: VCS_READ,
  },
  'GET /v1/victims/{unknown}/vcs': {
    app: 'api',
    method: 'get',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/vcs`,
    expected: ofUnknownVictim(VCS_READ),
  },
  // The operator desk and administrators erase (the body carries the reason).
  'POST /v1/victims/{id}/erasure': {
    app: 'api',
    method: 'post',
    path: (id) => `/v1/victims/${id}/erasure`,
    body: (caller) => ({ reason: `erasure test ${caller}` }),
    expected: OPERATIONS(200),
  },
  'POST /v1/victims/{unknown}/erasure': {
    app: 'api',
    method: 'post',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/erasure`,
    body: (caller) => ({ reason: `erasure test ${caller}` }),
    expected: ofUnknownVictim(OPERATIONS(200)),
  },
  'GET /v1/caseload (police, West Yorkshire)': {
    app: 'api',
    method: 'get',
    path: () => '/v1/caseload?owedBy=police&policeArea=west-yorkshire',
    expected: {
      ...(Object.fromEntries(ROLES.map((role) => [role, 403])) as Expected),
      'police in the area': 200,
      'a PCC team': 200,
      'a police victim-care officer': 200,
      'a PCC analyst': 200,
      nobody: 401,
    },
  },
  'GET /v1/breaches (West Yorkshire)': {
    app: 'api',
    method: 'get',
    path: () => '/v1/breaches?policeArea=west-yorkshire',
    expected: {
      ...JOURNEY_READ,
      ...NO_OFFICERS,
      'police of another area': 403,
      // Reports name no victim: a national body reads its own kind's, involved or not.
      'a prison (national)': 200,
      'a secure hospital (national)': 200,
      'a PCC team': 200,
      'a PCC analyst': 200,
      'an administrator with a reason': 403,
    },
  },
  'POST /v1/forecasts (West Yorkshire)': {
    app: 'api',
    method: 'post',
    path: () => '/v1/forecasts?from=2026-03-01&to=2026-03-31&policeArea=west-yorkshire',
    body: (caller) => ({
      id: `access-test-${caller}`,
      title: 'The 2020 Code unchanged',
      effectiveFrom: '2027-01-01',
      basedOn: 'victims-code-2020',
      rules: [],
    }),
    // Counts for those who answer for compliance: PCC teams and analysts, operators, administrators.
    expected: {
      ...OPERATIONS(200),
      'a PCC team': 200,
      'a PCC analyst': 200,
    },
  },
  'GET /v1/reports/compliance (West Yorkshire)': {
    app: 'api',
    method: 'get',
    path: () => '/v1/reports/compliance?from=2026-03&to=2026-03&policeArea=west-yorkshire',
    // Counts only, suppressed: PCC teams and analysts of the area, national analysts.
    expected: {
      ...(Object.fromEntries(ROLES.map((role) => [role, 403])) as Expected),
      'a PCC team': 200,
      'a PCC analyst': 200,
      'a national analyst': 200,
      nobody: 401,
    },
  },
  'GET /v1/reports/compliance-dataset': {
    app: 'api',
    method: 'get',
    path: () => '/v1/reports/compliance-dataset?from=2026-03&to=2026-03',
    expected: {
      ...(Object.fromEntries(ROLES.map((role) => [role, 403])) as Expected),
      'a PCC team': 200,
      'a PCC analyst': 200,
      'a national analyst': 200,
      nobody: 401,
    },
  },
  'GET /v1/audit': {
    app: 'api',
    method: 'get',
    path: () => '/v1/audit',
    expected: OPERATIONS(200),
  },
  'GET /operations/notifications/failed (worker)': {
    app: 'worker',
    method: 'get',
    path: () => '/operations/notifications/failed',
    expected: OPERATIONS(200),
  },
  'POST /operations/notifications/{id}/retry (worker)': {
    app: 'worker',
    method: 'post',
    path: () => '/operations/notifications/n-1/retry',
    expected: OPERATIONS(202),
  },
  'GET /operations/parked-events (worker)': {
    app: 'worker',
    method: 'get',
    path: () => '/operations/parked-events',
    expected: OPERATIONS(200),
  },
};

/**
 * The worker's operations endpoints behind the same authentication guard and identity as the
 * API; the scheduler and read models they report on are stand-ins (the worker needs Redis).
 */
async function startOperations(identity: Identity): Promise<INestApplication> {
  @Module({
    controllers: [OperationsController],
    providers: [
      { provide: IDENTITY, useValue: identity },
      {
        provide: DeadlineScheduling,
        useValue: {
          scheduler: {
            failedNotifications: () => Promise.resolve([]),
            retryNotification: () => Promise.resolve(true),
          },
        },
      },
      { provide: READ_MODELS, useValue: { parkedEvents: () => Promise.resolve([]) } },
      { provide: APP_GUARD, useClass: AuthenticationGuard },
    ],
  })
  class OperationsOnly {}
  const app = await NestFactory.create(OperationsOnly, { logger: false });
  await app.init();
  return app;
}

describe('the role matrix at every endpoint of both apps', () => {
  let api: TestApi;
  let worker: INestApplication;
  let victimId: string;
  const tokens = new Map<string, string>();
  let forged: string;

  beforeAll(async () => {
    // Every anonymous case and token request comes from one address: room for all of them.
    api = await startTestApi('2026-03-06T17:00:00Z', { ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000' });
    worker = await startOperations(api.app.get<Identity>(IDENTITY));
    const opened = await api
      .http()
      .post('/v1/victims')
      .set(bearer(KEYS.westYorkshirePolice))
      .send(crimeReported());
    victimId = (opened.body as { victimId: string }).victimId;
    const charged = await api
      .http()
      .post(`/v1/victims/${victimId}/events`)
      .set(bearer(KEYS.westYorkshirePolice))
      .send(
        journeyEvent('suspect-charged', 'charge-1', '2026-03-06T16:50:00Z', {
          suspectNumber: 1,
          caseUrn: '13WY0012326',
        }),
      );
    expect(charged.status).toBe(201);
    const listed = await api
      .http()
      .post(`/v1/victims/${victimId}/events`)
      .set(bearer(KEYS.paroleBoard))
      .send(
        journeyEvent('parole-hearing-listed', 'pb-listed-1', '2026-03-06T16:55:00Z', {
          suspectNumber: 1,
          paroleHearingId: 'PB-1',
          hearingDate: '2026-06-01',
        }),
      );
    expect(listed.status).toBe(201);
    for (const id of Object.values(AGENCY_OF)) tokens.set(id, await agencyToken(api.http, id));
    for (const [, , credential] of CALLERS) {
      if (credential && 'person' in credential && !tokens.has(credential.person))
        tokens.set(credential.person, await personToken(api.http, credential.person));
    }
    // A well-formed token of the right shape and claims, but not signed by the issuer.
    const [header, payload] = (tokens.get('administrator') as string).split('.');
    forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const headersOf = (credential: Credential): Record<string, string> => {
    if (!credential) return {};
    if ('key' in credential) return bearer(credential.key);
    if ('forged' in credential) return bearer(forged);
    const token = tokens.get('agency' in credential ? credential.agency : credential.person);
    return {
      ...bearer(token as string),
      ...('reason' in credential && credential.reason
        ? { 'X-Access-Reason': credential.reason }
        : {}),
    };
  };

  const cases = Object.entries(ENDPOINTS).flatMap(([name, endpoint]) =>
    CALLERS.map(
      ([caller, role, credential], i) =>
        [name, caller, endpoint.expected[role], endpoint, credential, i] as const,
    ),
  );

  it.each(cases)('%s by %s: %i', async (_, __, status, endpoint, credential, i) => {
    const server = (endpoint.app === 'api' ? api.app : worker).getHttpServer() as Parameters<
      typeof request
    >[0];
    const path = endpoint.path(victimId);
    const req = request(server)[endpoint.method](path).set(headersOf(credential));
    const res = endpoint.body ? await req.send(endpoint.body(i) as object) : await req;
    expect(res.status).toBe(status);
    if (status >= 400) {
      if (endpoint.app === 'api')
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // A refusal names no victim but the one asked about, and carries nothing of the journey.
      const body = JSON.stringify(res.body);
      if (!path.includes(victimId)) expect(body).not.toContain(victimId);
      expect(body).not.toMatch(/1988-07-14|victimDateOfBirth|offenceCategory|"events"|"data"/);
    }
  });

  it('tells a role that may never read journeys nothing about whether the victim exists', async () => {
    const read = (id: string) =>
      api.http().get(`/v1/victims/${id}/events`).set(bearer(KEYS.westYorkshirePcc));
    const known = await read(victimId);
    const unknown = await read(UNKNOWN_VICTIM);
    expect(known.status).toBe(403);
    expect(unknown.body).toEqual(known.body);
  });

  it('tells an administrator without a reason which header to send, known victim or not', async () => {
    const read = (id: string) =>
      api
        .http()
        .get(`/v1/victims/${id}`)
        .set(bearer(tokens.get('administrator') as string));
    const known = await read(victimId);
    expect(known.status).toBe(403);
    expect(known.body).toMatchObject({
      errors: [{ field: 'X-Access-Reason', reason: expect.stringMatching(/is required/) }],
    });
    expect((await read(UNKNOWN_VICTIM)).body).toEqual(known.body);
  });
});
