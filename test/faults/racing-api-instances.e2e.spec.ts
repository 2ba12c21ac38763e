import { Pool } from 'pg';
import { freePort } from '../support/api-process';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { dropSchemas, exited, POSTGRES_URL, productionEnv, runScript } from '../support/production';
import { KEYS } from '../support/test-api';
import { FAULTS_PROFILE, rounds } from './profile';

const ROUNDS = rounds(60, 1000);
/** Events in each post: a batch, so that interleaving inside the stream would show. */
const BATCH = 3;

jest.setTimeout(FAULTS_PROFILE === 'full' ? 900_000 : 120_000);

/**
 * Two API processes on their own ports, one PostgreSQL event store: both post to one victim at the
 * same expected revision, round after round. Exactly one is stored each round and the other is
 * told, with a 409 naming expectedRevision, that the stream has moved on; the stream is every
 * stored batch whole, in order, once.
 */
describe('two API instances racing on one victim', () => {
  const env = productionEnv('2026-03-20T12:00:00Z', {
    POSTGRES_SCHEMA: `vj_faults_race_${process.pid}`,
    QUEUE_PREFIX: `vj-faults-race-${process.pid}`,
    // Many rounds from one agency: its rate limit is not what is under test.
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const apis: ReturnType<typeof runScript>[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      urls.push(`http://127.0.0.1:${port}`);
      // Both start at once: both run the store's migrations against the same schema.
      apis.push(runScript('apps/api/src/main.ts', [], { ...env, PORT: String(port) }));
    }
    await Promise.all(urls.map((url) => waitForHealth(url)));
  });

  afterAll(async () => {
    for (const api of apis) api.kill('SIGTERM');
    await Promise.all(apis.map(exited));
    await dropSchemas(env.POSTGRES_SCHEMA);
  });

  async function waitForHealth(url: string): Promise<void> {
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${url} did not start: ${apis.map((a) => a.output()).join('\n')}`);
  }

  const post = (url: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  it('stores exactly one of two posts at one expected revision, each round, and the stream stays whole', async () => {
    const opened = await post(urls[0] as string, '/v1/victims', crimeReported());
    expect(opened.status).toBe(201);
    const { victimId, streamRevision } = (await opened.json()) as {
      victimId: string;
      streamRevision: number;
    };
    let revision = streamRevision;
    const winners: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const batchOf = (instance: number) => ({
        events: Array.from({ length: BATCH }, (_, n) =>
          journeyEvent(
            'suspect-arrested',
            `round-${round}-api-${instance}-event-${n}`,
            '2026-03-16T09:00:00Z',
            { suspectNumber: 1 },
          ),
        ),
      });
      const answers = await Promise.all(
        urls.map((url, instance) =>
          post(
            url,
            `/v1/victims/${victimId}/events?expectedRevision=${revision}`,
            batchOf(instance),
          ),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect({ round, statuses }).toEqual({ round, statuses: [201, 409] });
      const won = answers.findIndex((a) => a.status === 201);
      const lost = answers[1 - won] as Response;
      expect(lost.headers.get('content-type')).toContain('application/problem+json');
      expect(await lost.json()).toMatchObject({
        status: 409,
        errors: [{ field: 'expectedRevision' }],
      });
      const stored = (await (answers[won] as Response).json()) as { streamRevision: number };
      expect(stored.streamRevision).toBe(revision + BATCH);
      revision = stored.streamRevision;
      winners.push(`round-${round}-api-${won}`);
    }

    // The stream as stored: one crime report, then each round's winning batch whole, in order.
    const pool = new Pool({ connectionString: POSTGRES_URL });
    try {
      const { rows } = await pool.query<{
        stream_revision: number;
        agency_event_id: string;
      }>(
        `SELECT stream_revision, metadata->>'agencyEventId' AS agency_event_id
           FROM ${env.POSTGRES_SCHEMA}.events WHERE stream_id = $1 ORDER BY global_position`,
        [`victim-${victimId}`],
      );
      expect(rows.map((r) => r.stream_revision)).toEqual(
        Array.from({ length: 1 + ROUNDS * BATCH }, (_, i) => i),
      );
      expect(rows.map((r) => r.agency_event_id)).toEqual([
        'crime-report-1',
        ...winners.flatMap((w) => Array.from({ length: BATCH }, (_, n) => `${w}-event-${n}`)),
      ]);
    } finally {
      await pool.end();
    }
  });
});
