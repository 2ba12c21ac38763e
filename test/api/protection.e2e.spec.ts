import type { Response } from 'supertest';
import { cspHash, inlineCodeOf } from '../../apps/api/src/openapi/docs-content-security-policy';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

/** The directives of a Content-Security-Policy header, each with its sources. */
function directivesOf(header: string | undefined): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

function expectSecurityHeaders(res: Response): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{8,}; includeSubDomains/);
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['x-powered-by']).toBeUndefined();
  const csp = directivesOf(res.headers['content-security-policy']);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(res.headers['content-security-policy']).not.toContain("'unsafe-inline'");
}

describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('are on every /v1 answer, which no cache may keep: found, refused and not found', async () => {
    const answers = [
      await api.http().get('/v1/caseload').set(bearer(KEYS.westYorkshirePolice)),
      await api.http().get('/v1/caseload'),
      await api.http().get('/v1/caseload?due=someday').set(bearer(KEYS.westYorkshirePolice)),
      await api.http().get('/v1/no-such-thing').set(bearer(KEYS.westYorkshirePolice)),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 401, 400, 404]);
    for (const res of answers) {
      expectSecurityHeaders(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('are on /health and /metrics', async () => {
    for (const path of ['/health', '/metrics']) {
      const res = await api.http().get(path);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('give /docs a policy that allows exactly the inline code the page has', async () => {
    for (const path of ['/docs', '/docs/']) {
      const page = await api.http().get(path);
      expect(page.status).toBe(200);
      expect(page.headers['x-frame-options']).toBe('DENY');
      const header = page.headers['content-security-policy'] as string;
      expect(header).not.toContain("'unsafe-inline'");
      expect(header).not.toContain("'unsafe-eval'");
      const csp = directivesOf(header);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);

      const inline = inlineCodeOf(page.text);
      // Swagger UI's page has inline styles; were that to change, this test would say so.
      expect(inline.styles.length).toBeGreaterThan(0);
      for (const code of inline.scripts) expect(csp.get('script-src')).toContain(cspHash(code));
      for (const code of [...inline.styles, ...inline.styleAttributes])
        expect(csp.get('style-src')).toContain(cspHash(code));

      // Every script the page loads comes from this origin, which script-src allows.
      const sources = [...page.text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
      expect(sources.length).toBeGreaterThan(0);
      expect(csp.get('script-src')).toContain("'self'");
      for (const src of sources) {
        expect(src).toMatch(/^\.\//);
        const script = await api.http().get(new URL(src as string, `http://x${path}`).pathname);
        expect(script.status).toBe(200);
      }
    }
  });

  it('hash a page exactly as a browser does', () => {
    // The example in the CSP Level 3 specification: <script>alert('Hello, world.');</script>
    expect(cspHash("alert('Hello, world.');")).toBe(
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    );
  });
});

describe('rate limits', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('2026-03-10T12:00:00Z', {
      RATE_LIMIT_PER_MINUTE: '3',
      ANONYMOUS_RATE_LIMIT_PER_MINUTE: '2',
    });
  });
  afterAll(() => api.close());

  const caseload = (key: string) => api.http().get('/v1/caseload').set(bearer(key));

  it('answer 429 with Retry-After once a credential has used its minute, across routes', async () => {
    expect((await caseload(KEYS.westYorkshirePolice)).status).toBe(200);
    expect(
      (await api.http().get('/v1/breaches').set(bearer(KEYS.westYorkshirePolice))).status,
    ).not.toBe(429);
    expect((await caseload(KEYS.westYorkshirePolice)).status).toBe(200);

    const refused = await caseload(KEYS.westYorkshirePolice);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'urn:victim-journey:problem:too-many-requests',
      status: 429,
    });
    expect(refused.body.detail).toContain('3 a minute');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expectSecurityHeaders(refused);
  });

  it("count each credential apart: one agency's minute used up does not limit another", async () => {
    for (let i = 0; i < 4; i++) await caseload(KEYS.greaterManchesterPolice);
    expect((await caseload(KEYS.greaterManchesterPolice)).status).toBe(429);
    // From the same address: the credential, not the address, is what is counted.
    expect((await caseload(KEYS.yorkshireCps)).status).toBe(200);
  });

  it('count requests without a credential by address, at their own limit', async () => {
    const catalogue = () => api.http().get('/v1/event-schemas');
    expect((await catalogue()).status).toBe(200);
    // A refused key is counted as anonymous too, so trying keys meets the limit.
    expect((await caseload('dev-not-a-key')).status).toBe(401);
    const refused = await catalogue();
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toContain('2 a minute');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await caseload('dev-another-guess')).status).toBe(429);
    expect((await api.http().get('/v1/caseload')).status).toBe(429);
    // An agency from that same address is still served.
    expect((await caseload(KEYS.westYorkshireWcu)).status).toBe(200);
  });

  it('leave /health and /metrics to the probes that ask them often', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await api.http().get('/health')).status).toBe(200);
      expect((await api.http().get('/metrics')).status).toBe(200);
    }
  });
});
