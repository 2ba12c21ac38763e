import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../support/api-process';
import { crimeReported, journeyEvent } from '../support/journey-events';
import {
  dropSchemas,
  exited,
  productionEnv,
  REDIS_URL,
  ROOT,
  runScript,
  runToEnd,
} from '../support/production';
import { KEYS } from '../support/test-api';

interface Delivery {
  body: { id: string; kind: string; ruleId: string; victimId: string; owedBy: string };
  signature: string;
  timestamp: string;
  raw: string;
}

const SECRET = 'police-webhook-secret-for-tests';

// Real processes on a shared 2-core machine: generous limits; the waits inside end as soon as they can.
jest.setTimeout(180_000);

/**
 * Production mode, as deployed: the API and a worker as separate processes on PostgreSQL and
 * Redis, judged at a fixed test clock. Journeys posted to the API show up as entitlements, and the
 * owing agency's webhook receives a reminder and a breach, each once, signed.
 */
describe('the production runtime', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vj-prod-'));
  const deliveries: Delivery[] = [];
  let webhook: Server;
  let env: ReturnType<typeof productionEnv>;
  const processes: ReturnType<typeof runScript>[] = [];
  let apiUrl: string;
  let workerUrl: string;

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        deliveries.push({
          body: JSON.parse(raw) as Delivery['body'],
          raw,
          signature: String(req.headers['x-victim-journey-signature']),
          timestamp: String(req.headers['x-victim-journey-timestamp']),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    const address = webhook.address();
    const hookPort = typeof address === 'object' && address ? address.port : 0;

    // The development directory, with a webhook for West Yorkshire Police.
    const agencies = JSON.parse(readFileSync(join(ROOT, 'config/agencies.dev.json'), 'utf8')) as {
      agencies: { id: string; webhook?: unknown }[];
    };
    for (const a of agencies.agencies) {
      if (a.id === 'police-west-yorkshire')
        a.webhook = {
          url: `http://127.0.0.1:${hookPort}/victim-journey`,
          secretEnv: 'WYP_WEBHOOK_SECRET',
        };
    }
    const agenciesFile = join(dir, 'agencies.json');
    writeFileSync(agenciesFile, JSON.stringify(agencies));

    const [port, workerPort] = [await freePort(), await freePort()];
    // Friday 20 March 2026, noon.
    env = productionEnv('2026-03-20T12:00:00Z', {
      AGENCIES_FILE: agenciesFile,
      WYP_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      WORKER_PORT: String(workerPort),
      QUEUE_PREFIX: `vj-e2e-${port}`,
      DEADLINE_WINDOW_MS: '3600000',
      DEADLINE_SCHEDULE_EVERY_MS: '300',
      PROJECTOR_POLL_MS: '50',
    });
    apiUrl = `http://127.0.0.1:${port}`;
    workerUrl = `http://127.0.0.1:${workerPort}`;
    processes.push(
      runScript('apps/api/src/main.ts', [], env),
      runScript('apps/worker/src/main.ts', [], env),
    );
    await Promise.all([waitForHealth(apiUrl), waitForHealth(workerUrl)]);
  });

  afterAll(async () => {
    for (const p of processes) p.kill('SIGTERM');
    const codes = await Promise.all(processes.map(exited));
    await new Promise((r) => webhook.close(r));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await dropSchemas(env.POSTGRES_SCHEMA);
    rmSync(dir, { recursive: true, force: true });
    // Both stopped gracefully on SIGTERM.
    expect(codes).toEqual([0, 0]);
  });

  async function waitForHealth(url: string): Promise<void> {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${url} did not start: ${processes.map((p) => p.output()).join('\n')}`);
  }

  const post = (path: string, key: string, body: unknown) =>
    fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = async (path: string, key: string) =>
    (
      await fetch(`${apiUrl}${path}`, { headers: { Authorization: `Bearer ${key}` } })
    ).json() as Promise<Record<string, unknown>>;

  async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < 600; i++) {
      const found = await probe();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`never saw ${what}: ${processes.map((p) => p.output()).join('\n')}`);
  }

  it('projects posted journeys, and sends each reminder and breach once, signed', async () => {
    // Reported Tue 10 Mar: support referral due Thu 12 Mar (+2 wd), never made: breached.
    const opened = await post(
      '/v1/victims',
      KEYS.westYorkshirePolice,
      crimeReported({ occurredAt: '2026-03-10T10:00:00Z' }),
    );
    expect(opened.status).toBe(201);
    const { victimId } = (await opened.json()) as { victimId: string };
    // The report acknowledged in writing on the day (Right 3): the support referral is the breach.
    const acknowledged = await post(
      `/v1/victims/${victimId}/events`,
      KEYS.westYorkshirePolice,
      journeyEvent('victim-informed', 'acknowledged-1', '2026-03-10T10:30:00Z', {
        entitlement: 'report-acknowledgement',
        method: 'letter',
      }),
    );
    expect(acknowledged.status).toBe(201);
    // Arrest Mon 16 Mar: victim to be told by Mon 23 Mar (+5 wd); the reminder is due 1 wd before, Fri 20 Mar.
    const arrest = await post(
      `/v1/victims/${victimId}/events`,
      KEYS.westYorkshirePolice,
      journeyEvent('suspect-arrested', 'arrest-1', '2026-03-16T09:00:00Z', { suspectNumber: 1 }),
    );
    expect(arrest.status).toBe(201);

    const journey = await eventually('the journey projected by the worker', async () => {
      const view = await get(`/v1/victims/${victimId}`, KEYS.westYorkshirePolice);
      const entitlements = view.entitlements as { ruleId: string; status: string }[] | undefined;
      return entitlements?.some((e) => e.ruleId === 'arrest-update') ? entitlements : undefined;
    });
    expect(journey.find((e) => e.ruleId === 'arrest-update')).toMatchObject({
      status: 'pending',
      deadline: { localDate: '2026-03-23' },
    });

    const breach = await eventually('the breach delivered', () =>
      Promise.resolve(
        deliveries.find((d) => d.body.kind === 'breach' && d.body.ruleId === 'support-referral'),
      ),
    );
    const reminder = await eventually('the reminder delivered', () =>
      Promise.resolve(
        deliveries.find((d) => d.body.kind === 'reminder' && d.body.ruleId === 'arrest-update'),
      ),
    );
    for (const d of [breach, reminder]) {
      expect(d.body).toMatchObject({ victimId, owedBy: 'police' });
      const expected = createHmac('sha256', SECRET).update(`${d.timestamp}.${d.raw}`).digest('hex');
      expect(d.signature).toBe(`sha256=${expected}`);
    }

    const breaches = await eventually('the breach in the PCC report', async () => {
      const report = await get('/v1/breaches?owedBy=police', KEYS.westYorkshirePcc);
      return (report.total as number) > 0 ? report : undefined;
    });
    // The PCC team sees the victim under a reference only.
    expect(breaches.breaches).toEqual([
      expect.objectContaining({
        ruleId: 'support-referral',
        status: 'breached',
        reference: expect.stringMatching(/^pcc-/) as unknown,
      }),
    ]);
    expect(JSON.stringify(breaches)).not.toContain(victimId);

    // Several more scheduler runs later, nothing was sent twice.
    await new Promise((r) => setTimeout(r, 1500));
    const ids = deliveries.map((d) => d.body.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps one audit trail for the API and the worker in PostgreSQL, which audit:verify walks', async () => {
    const operator = { Authorization: `Bearer ${KEYS.operator}` };
    expect((await fetch(`${apiUrl}/v1/breaches`, { headers: operator })).status).toBe(403);
    expect(
      (await fetch(`${workerUrl}/operations/parked-events`, { headers: operator })).status,
    ).toBe(200);
    const trail = (await get(
      '/v1/audit?subject=operator-service-desk&limit=500',
      KEYS.operator,
    )) as { entries: { action: string; outcome: string; endpoint: string }[] };
    expect(
      trail.entries.map(({ action, outcome, endpoint }) => ({ action, outcome, endpoint })),
    ).toEqual([
      { action: 'read-breaches', outcome: 'refused', endpoint: 'GET /v1/breaches' },
      {
        action: 'read-parked-events',
        outcome: 'allowed',
        endpoint: 'GET /operations/parked-events',
      },
    ]);
    expect(await runToEnd('scripts/audit-verify.ts', [], env)).toMatch(
      /^audit trail: \d+ entries, OK; last \d+ [0-9a-f]{64}\n$/,
    );
  });

  it('answers with the security headers from both processes, and counts each credential in Redis', async () => {
    const operator = { headers: { Authorization: `Bearer ${KEYS.operator}` } };
    const answers = [
      await fetch(`${apiUrl}/v1/caseload`, {
        headers: { Authorization: `Bearer ${KEYS.westYorkshirePolice}` },
      }),
      await fetch(`${workerUrl}/health`),
      await fetch(`${workerUrl}/operations/parked-events`, operator),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    for (const res of answers) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    expect(answers[0]?.headers.get('x-ratelimit-limit')).toBe('1200');

    const redis = new Redis(REDIS_URL);
    const counted = await redis.keys(`${env.QUEUE_PREFIX}:rate-limit:*`);
    redis.disconnect();
    expect(counted).toContain(
      `${env.QUEUE_PREFIX}:rate-limit:default:agency:police-west-yorkshire`,
    );
  });
});
