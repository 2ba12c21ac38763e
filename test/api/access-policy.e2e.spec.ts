import { crimeReported, journeyEvent } from '../support/journey-events';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

/**
 * Every endpoint against every kind of caller, by the one answer rule: a role that may never do
 * the action is 403 whatever the victim; a victim outside the caller's areas, or unknown, or whose
 * journey has not reached a national body's part, is 404; no key is 401. The victim's journey has
 * reached the Parole Board (a hearing listed), not the prison.
 */
const CALLERS = {
  'police in the area': KEYS.westYorkshirePolice,
  'police of another area': KEYS.greaterManchesterPolice,
  CPS: KEYS.yorkshireCps,
  'a national body in the journey': KEYS.paroleBoard,
  'a national body not in it': KEYS.prisonService,
  'a PCC team': KEYS.westYorkshirePcc,
  'an operator': KEYS.operator,
  'no key': undefined,
} as const;

type CallerName = keyof typeof CALLERS;
const NAMES = Object.keys(CALLERS) as CallerName[];

const UNKNOWN_VICTIM = '00000000-0000-4000-8000-000000000000';

interface Endpoint {
  method: 'get' | 'post';
  path: (victimId: string) => string;
  /** A body unique to the caller, so that each post is new. */
  body?: (caller: number) => unknown;
  expected: Record<CallerName, number>;
}

const complaint = (caller: number) =>
  journeyEvent('complaint-received', `complaint-${caller}`, '2026-03-06T16:30:00Z', {
    complaintId: `c-${caller}`,
    about: 'police',
  });

const JOURNEY_READ = {
  'police in the area': 200,
  'police of another area': 404,
  CPS: 200,
  'a national body in the journey': 200,
  'a national body not in it': 404,
  'a PCC team': 403,
  'an operator': 403,
  'no key': 401,
};

const UNKNOWN_VICTIM_READ = { ...JOURNEY_READ, CPS: 404, 'a national body in the journey': 404 };
const FOUND = { 'police in the area': 404, 'police of another area': 404 };

// Administrators erase; until people sign in with roles, the operator desk holds the right.
const ERASURE = {
  'police in the area': 403,
  'police of another area': 403,
  CPS: 403,
  'a national body in the journey': 403,
  'a national body not in it': 403,
  'a PCC team': 403,
  'an operator': 200,
  'no key': 401,
};

const ENDPOINTS: Record<string, Endpoint> = {
  'POST /v1/victims': {
    method: 'post',
    path: () => '/v1/victims',
    body: (caller) => crimeReported({ crimeReference: `99/${caller}/26` }),
    expected: {
      'police in the area': 201,
      'police of another area': 201,
      CPS: 403,
      'a national body in the journey': 403,
      'a national body not in it': 403,
      'a PCC team': 403,
      'an operator': 403,
      'no key': 401,
    },
  },
  'GET /v1/victims?crimeReference': {
    method: 'get',
    path: () => '/v1/victims?crimeReference=13/123456/26&victimNumber=1&policeArea=west-yorkshire',
    expected: JOURNEY_READ,
  },
  'GET /v1/victims?caseUrn': {
    method: 'get',
    path: () => '/v1/victims?caseUrn=13WY0012326&victimNumber=1&policeArea=west-yorkshire',
    expected: JOURNEY_READ,
  },
  'POST /v1/victims/{id}/events': {
    method: 'post',
    path: (id) => `/v1/victims/${id}/events`,
    body: complaint,
    expected: {
      ...JOURNEY_READ,
      'police in the area': 201,
      CPS: 201,
      'a national body in the journey': 201,
    },
  },
  'POST /v1/victims/{unknown}/events': {
    method: 'post',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/events`,
    body: complaint,
    expected: { ...UNKNOWN_VICTIM_READ, ...FOUND },
  },
  'GET /v1/victims/{id}/events': {
    method: 'get',
    path: (id) => `/v1/victims/${id}/events`,
    expected: JOURNEY_READ,
  },
  'GET /v1/victims/{unknown}/events': {
    method: 'get',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/events`,
    expected: { ...UNKNOWN_VICTIM_READ, ...FOUND },
  },
  'GET /v1/victims/{id}': {
    method: 'get',
    path: (id) => `/v1/victims/${id}`,
    expected: JOURNEY_READ,
  },
  'GET /v1/victims/{unknown}': {
    method: 'get',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}`,
    expected: { ...UNKNOWN_VICTIM_READ, ...FOUND },
  },
  'GET /v1/victims/{id}/vcs': {
    method: 'get',
    path: (id) => `/v1/victims/${id}/vcs`,
    expected: JOURNEY_READ,
  },
  'GET /v1/victims/{unknown}/vcs': {
    method: 'get',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/vcs`,
    expected: { ...UNKNOWN_VICTIM_READ, ...FOUND },
  },
  'POST /v1/victims/{id}/erasure': {
    method: 'post',
    path: (id) => `/v1/victims/${id}/erasure`,
    body: (caller) => ({ reason: `erasure test ${caller}` }),
    expected: ERASURE,
  },
  'POST /v1/victims/{unknown}/erasure': {
    method: 'post',
    path: () => `/v1/victims/${UNKNOWN_VICTIM}/erasure`,
    body: (caller) => ({ reason: `erasure test ${caller}` }),
    expected: { ...ERASURE, 'an operator': 404 },
  },
  'GET /v1/caseload (police, West Yorkshire)': {
    method: 'get',
    path: () => '/v1/caseload?owedBy=police&policeArea=west-yorkshire',
    expected: {
      'police in the area': 200,
      'police of another area': 403,
      CPS: 403,
      'a national body in the journey': 403,
      'a national body not in it': 403,
      'a PCC team': 200,
      'an operator': 403,
      'no key': 401,
    },
  },
  'GET /v1/breaches (West Yorkshire)': {
    method: 'get',
    path: () => '/v1/breaches?policeArea=west-yorkshire',
    expected: {
      'police in the area': 200,
      'police of another area': 403,
      CPS: 200,
      'a national body in the journey': 200,
      'a national body not in it': 200,
      'a PCC team': 200,
      'an operator': 403,
      'no key': 401,
    },
  },
  'POST /v1/forecasts (West Yorkshire)': {
    method: 'post',
    path: () => '/v1/forecasts?from=2026-03-01&to=2026-03-31&policeArea=west-yorkshire',
    body: (caller) => ({
      id: `access-test-${caller}`,
      title: 'The 2020 Code unchanged',
      effectiveFrom: '2027-01-01',
      basedOn: 'victims-code-2020',
      rules: [],
    }),
    expected: {
      'police in the area': 403,
      'police of another area': 403,
      CPS: 403,
      'a national body in the journey': 403,
      'a national body not in it': 403,
      'a PCC team': 200,
      'an operator': 200,
      'no key': 401,
    },
  },
  'GET /v1/audit': {
    method: 'get',
    path: () => '/v1/audit',
    expected: {
      'police in the area': 403,
      'police of another area': 403,
      CPS: 403,
      'a national body in the journey': 403,
      'a national body not in it': 403,
      'a PCC team': 403,
      'an operator': 200,
      'no key': 401,
    },
  },
};

describe('the access policy at every endpoint', () => {
  let api: TestApi;
  let victimId: string;

  beforeAll(async () => {
    api = await startTestApi('2026-03-06T17:00:00Z');
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
  });

  afterAll(() => api.close());

  const cases = Object.entries(ENDPOINTS).flatMap(([name, endpoint]) =>
    NAMES.map((caller, i) => [name, caller, endpoint.expected[caller], endpoint, i] as const),
  );

  it.each(cases)('%s by %s: %i', async (_, caller, status, endpoint, i) => {
    const key = CALLERS[caller];
    let req = api.http()[endpoint.method](endpoint.path(victimId));
    if (key) req = req.set(bearer(key));
    const res = endpoint.body ? await req.send(endpoint.body(i) as object) : await req;
    expect(res.status).toBe(status);
    if (status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('tells a role that may never read journeys nothing about whether the victim exists', async () => {
    const read = (id: string) =>
      api.http().get(`/v1/victims/${id}/events`).set(bearer(KEYS.westYorkshirePcc));
    const known = await read(victimId);
    const unknown = await read(UNKNOWN_VICTIM);
    expect(known.status).toBe(403);
    expect(unknown.body).toEqual(known.body);
  });
});
