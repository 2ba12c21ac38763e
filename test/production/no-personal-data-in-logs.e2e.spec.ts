import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
} from '../support/production';
import { KEYS } from '../support/test-api';

// Real processes on a shared 2-core machine: generous limits; the waits end as soon as they can.
jest.setTimeout(240_000);

/** Dates of birth seeded into journeys, valid and refused: none may reach a log or a metric. */
const DATES_OF_BIRTH = {
  reported: '1937-08-19',
  inCustody: '1961-12-03',
  refused: '1948-05-27',
  conflicting: '1953-10-09',
  malformed: '1944-06-11',
  notJson: '1966-01-29',
  tooLarge: '1972-09-08',
};
/** Free text an agency might write about a victim. */
const FREE_TEXT = 'FREETEXT-SENTINEL-Q7X victim lives at 12 Wren Close';
const KEY_SENTINEL = 'KEY-SENTINEL-Z3K';
const SENTINELS = [...Object.values(DATES_OF_BIRTH), 'FREETEXT-SENTINEL', KEY_SENTINEL];
const CLOCK_NOW = '2026-03-20T12:00:00Z';
const MAX_BODY_BYTES = 8192;

interface Running {
  apiUrl: string;
  /** The API's and, in production, the worker's base URLs, for /metrics. */
  serviceUrls: string[];
  processes: ReturnType<typeof runScript>[];
  cleanUp: () => Promise<void>;
}

/** Embedded: one API process on SQLite, projecting and checking deadlines itself. */
async function embedded(dir: string): Promise<Running> {
  const port = await freePort();
  const api = runScript('apps/api/src/main.ts', [], {
    ...process.env,
    NODE_ENV: 'test',
    EVENT_STORE: 'sqlite',
    DATA_DIR: dir,
    PORT: String(port),
    CLOCK_NOW,
    LOG_LEVEL: 'debug',
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    DEADLINE_CHECK_INTERVAL_MS: '200',
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  return { apiUrl, serviceUrls: [apiUrl], processes: [api], cleanUp: () => Promise.resolve() };
}

/** Production: the API and a worker on PostgreSQL and Redis, with a webhook nobody answers. */
async function production(dir: string): Promise<Running> {
  const [port, workerPort, deadPort] = [await freePort(), await freePort(), await freePort()];
  const agencies = JSON.parse(readFileSync(join(ROOT, 'config/agencies.dev.json'), 'utf8')) as {
    agencies: { id: string; webhook?: unknown }[];
  };
  for (const a of agencies.agencies) {
    if (a.id === 'police-west-yorkshire')
      a.webhook = { url: `http://127.0.0.1:${deadPort}/hook`, secretEnv: 'WYP_WEBHOOK_SECRET' };
  }
  const agenciesFile = join(dir, 'agencies.json');
  writeFileSync(agenciesFile, JSON.stringify(agencies));
  const env = productionEnv(CLOCK_NOW, {
    AGENCIES_FILE: agenciesFile,
    WYP_WEBHOOK_SECRET: 'webhook-secret-for-tests',
    PORT: String(port),
    WORKER_PORT: String(workerPort),
    QUEUE_PREFIX: `vj-logs-${port}`,
    LOG_LEVEL: 'debug',
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    DEADLINE_WINDOW_MS: '3600000',
    DEADLINE_SCHEDULE_EVERY_MS: '300',
    PROJECTOR_POLL_MS: '50',
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  return {
    apiUrl,
    serviceUrls: [apiUrl, `http://127.0.0.1:${workerPort}`],
    processes: [
      runScript('apps/api/src/main.ts', [], env),
      runScript('apps/worker/src/main.ts', [], env),
    ],
    cleanUp: async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await dropSchemas(env.POSTGRES_SCHEMA);
    },
  };
}

/**
 * Item 7 of the security issue: no personal data in logs or metrics. Each runtime runs as it is
 * deployed, logging at debug; journeys with sentinel dates of birth and free text are posted, read,
 * refused and got wrong in every way a caller can; then every line the processes wrote and every
 * metric they expose is searched for the sentinels.
 */
describe.each([
  ['embedded', embedded],
  ['production', production],
] as const)('the %s runtime, logging at debug', (_, start) => {
  const dir = mkdtempSync(join(tmpdir(), 'vj-logs-'));
  let running: Running;
  let api: string;

  beforeAll(async () => {
    running = await start(dir);
    api = running.apiUrl;
    await Promise.all(running.serviceUrls.map(waitForHealth));
  });

  afterAll(async () => {
    for (const p of running.processes) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(running.processes.map(exited));
    await running.cleanUp();
    rmSync(dir, { recursive: true, force: true });
  });

  async function waitForHealth(url: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${url} did not start: ${output()}`);
  }

  const output = () => running.processes.map((p) => p.output()).join('\n');

  const send = (method: string, path: string, key: string, body?: string, type?: string) =>
    fetch(`${api}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'Content-Type': type ?? 'application/json' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    });
  const post = (path: string, key: string, body: unknown) =>
    send('POST', path, key, JSON.stringify(body));
  const get = (path: string, key: string) => send('GET', path, key);

  async function opened(crimeReference: string, dateOfBirth: string): Promise<string> {
    const res = await post(
      '/v1/victims',
      KEYS.westYorkshirePolice,
      crimeReported({ crimeReference }, { victimDateOfBirth: dateOfBirth }),
    );
    expect(res.status).toBe(201);
    return ((await res.json()) as { victimId: string }).victimId;
  }

  async function eventually(what: string, probe: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 600; i++) {
      if (await probe()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`never saw ${what}: ${output()}`);
  }

  it('writes no date of birth or free text to its logs or metrics, whatever callers do', async () => {
    // Posted: one journey ended with free text, one through to custody.
    const reported = await opened('13/500001/26', DATES_OF_BIRTH.reported);
    const onEvent = (victimId: string, key: string, body: unknown) =>
      post(`/v1/victims/${victimId}/events`, key, body);
    expect(
      (
        await onEvent(
          reported,
          KEYS.westYorkshirePolice,
          journeyEvent(
            'decided-not-to-investigate',
            'no-investigation-1',
            '2026-03-03T10:00:00Z',
            { reason: FREE_TEXT },
            { crimeReference: '13/500001/26' },
          ),
        )
      ).status,
    ).toBe(201);
    const inCustody = await opened('13/500002/26', DATES_OF_BIRTH.inCustody);
    const onCustody = (
      type: string,
      id: string,
      key: string,
      data: Record<string, unknown>,
      version = 1,
    ) =>
      onEvent(
        inCustody,
        key,
        journeyEvent(type, id, '2026-03-04T10:00:00Z', data, {
          crimeReference: '13/500002/26',
          schemaVersion: version,
        }),
      );
    expect(
      (
        await onCustody('suspect-arrested', 'arrest-1', KEYS.westYorkshirePolice, {
          suspectNumber: 1,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await onCustody('decided-not-to-prosecute', 'nfa-1', KEYS.westYorkshirePolice, {
          suspectNumber: 1,
          reason: FREE_TEXT,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await onCustody(
          'sentenced',
          'sentence-1',
          KEYS.leedsCourt,
          {
            suspectNumber: 1,
            offenceCategory: 'burglary',
            specifiedOffence: false,
            custodyMonths: 24,
            disposal: 'immediate-custody',
          },
          2,
        )
      ).status,
    ).toBe(201);

    // Read: by the area's police (the sentinels are really there), a national body, a PCC team.
    const stream = await get(`/v1/victims/${reported}/events`, KEYS.westYorkshirePolice);
    const streamText = await stream.text();
    expect(streamText).toContain(DATES_OF_BIRTH.reported);
    expect(streamText).toContain(FREE_TEXT);
    await eventually('the journeys projected', async () => {
      const res = await get(`/v1/victims/${inCustody}`, KEYS.prisonService);
      return res.status === 200;
    });
    for (const [path, key] of [
      [`/v1/victims/${inCustody}/events`, KEYS.prisonService],
      [`/v1/victims/${inCustody}/vcs`, KEYS.prisonService],
      [`/v1/victims/${reported}`, KEYS.westYorkshirePolice],
      ['/v1/victims?crimeReference=13/500002/26&victimNumber=1', KEYS.westYorkshirePolice],
      ['/v1/caseload?due=open', KEYS.westYorkshirePolice],
      ['/v1/breaches', KEYS.westYorkshirePcc],
      ['/v1/caseload?owedBy=police', KEYS.westYorkshirePcc],
    ] as const) {
      expect((await get(path, key)).status).toBe(200);
    }

    // Refused: a body not yet in the journey, another area, a role that never may, no key, a wrong key.
    const refusals = [
      await get(`/v1/victims/${reported}/events`, KEYS.prisonService),
      await get(`/v1/victims/${reported}`, KEYS.greaterManchesterPolice),
      await get(`/v1/victims/${reported}/events`, KEYS.westYorkshirePcc),
      await fetch(`${api}/v1/victims/${reported}/events`),
      await get(`/v1/victims/${reported}/events`, `${KEY_SENTINEL}-${DATES_OF_BIRTH.reported}`),
      await onEvent(
        reported,
        KEYS.prisonService,
        journeyEvent('complaint-received', 'c-1', '2026-03-05T10:00:00Z', {
          complaintId: FREE_TEXT.slice(0, 60),
          about: 'police',
        }),
      ),
    ];
    expect(refusals.map((r) => r.status)).toEqual([404, 404, 403, 401, 401, 404]);

    // Got wrong: invalid fields, a conflicting retry, malformed JSON, not JSON, too large, bad queries.
    const wrong = [
      await post(
        '/v1/victims',
        KEYS.westYorkshirePolice,
        crimeReported(
          { crimeReference: '13/500003/26' },
          { victimDateOfBirth: DATES_OF_BIRTH.refused, offenceCategory: FREE_TEXT },
        ),
      ),
      await post(
        '/v1/victims',
        KEYS.westYorkshirePolice,
        crimeReported(
          { crimeReference: '13/500004/26' },
          { victimDateOfBirth: `${DATES_OF_BIRTH.refused}T${FREE_TEXT}` },
        ),
      ),
      await onEvent(
        reported,
        KEYS.westYorkshirePolice,
        journeyEvent(
          'decided-not-to-investigate',
          'no-investigation-1',
          '2026-03-03T10:00:00Z',
          {
            reason: `${FREE_TEXT} ${DATES_OF_BIRTH.conflicting}`,
          },
          { crimeReference: '13/500001/26' },
        ),
      ),
      await onEvent(
        reported,
        KEYS.westYorkshirePolice,
        journeyEvent(
          'decided-not-to-investigate',
          'too-long-1',
          '2026-03-03T10:00:00Z',
          {
            reason: `${FREE_TEXT} `.repeat(20),
          },
          { crimeReference: '13/500001/26' },
        ),
      ),
      await send(
        'POST',
        '/v1/victims',
        KEYS.westYorkshirePolice,
        `{"victimDateOfBirth":"${DATES_OF_BIRTH.malformed}", "reason": "${FREE_TEXT}"`,
      ),
      await send(
        'POST',
        `/v1/victims/${reported}/events`,
        KEYS.westYorkshirePolice,
        `${DATES_OF_BIRTH.notJson} ${FREE_TEXT}`,
        'text/plain',
      ),
      await send(
        'POST',
        `/v1/victims/${reported}/events`,
        KEYS.westYorkshirePolice,
        JSON.stringify({ reason: `${DATES_OF_BIRTH.tooLarge} ${FREE_TEXT} `.repeat(400) }),
      ),
      await get(`/v1/caseload?due=${encodeURIComponent(FREE_TEXT)}`, KEYS.westYorkshirePolice),
      await get(
        `/v1/victims?crimeReference=${encodeURIComponent(FREE_TEXT)}&victimNumber=1`,
        KEYS.westYorkshirePolice,
      ),
      await get(`/v1/no-such-route/${DATES_OF_BIRTH.refused}`, KEYS.westYorkshirePolice),
    ];
    expect(wrong.map((r) => r.status)).toEqual([400, 400, 409, 400, 400, 415, 413, 400, 400, 404]);
    // Nor do the answers to bad bodies and queries quote them back: a problem body names the field and the reason.
    const answers = await Promise.all(wrong.slice(0, 9).map((r) => r.text()));
    for (const answer of answers)
      for (const sentinel of SENTINELS) expect(answer).not.toContain(sentinel);

    // Let the projections, deadline checks and (in production) webhook attempts run a while.
    await new Promise((r) => setTimeout(r, 2000));
    const metrics = await Promise.all(
      running.serviceUrls.map(async (url) => (await fetch(`${url}/metrics`)).text()),
    );
    expect(metrics.join('\n')).toContain('vj_events_ingested_total');

    for (const p of running.processes) p.kill('SIGTERM');
    await Promise.all(running.processes.map(exited));
    const logs = output();
    // The scan reads real logs: the processes did write them.
    expect(logs).toContain('listening on');
    for (const sentinel of SENTINELS) {
      expect({ sentinel, inLogs: logs.includes(sentinel) }).toEqual({ sentinel, inLogs: false });
      expect({ sentinel, inMetrics: metrics.some((m) => m.includes(sentinel)) }).toEqual({
        sentinel,
        inMetrics: false,
      });
    }
  });
});
