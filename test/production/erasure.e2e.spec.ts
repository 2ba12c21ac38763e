import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import request from 'supertest';
import { ReadModels } from '@vj/read-models';
import { loadConfig } from '@vj/runtime';
import { createApp } from '../../apps/api/src/app';
import { dropSchemas, POSTGRES_URL, productionEnv, runToEnd } from '../support/production';
import { bearer, KEYS } from '../support/test-api';

// Real processes on a shared 2-core machine: generous limits; the waits inside end as soon as they can.
jest.setTimeout(180_000);

const POLICE_KEY: Record<string, string> = {
  'west-yorkshire': KEYS.westYorkshirePolice,
  'greater-manchester': KEYS.greaterManchesterPolice,
};

/**
 * Erasure in production mode, on PostgreSQL: the demo data seeded through ingestion holds no date
 * of birth in the clear; an erased victim's stream reads "[erased]", and the read models, the
 * Code's counts included, are the same before the erasure, after it, and after `npm run rebuild`.
 */
describe('erasure in production, across a rebuild', () => {
  const env = productionEnv('2026-06-01T12:00:00Z', { DEMO_COUNT: '40' });
  let pool: Pool;
  let readModels: ReadModels;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await runToEnd('scripts/seed.ts', [], env);
    await runToEnd('scripts/rebuild.ts', ['victim-journey'], env);
    pool = new Pool({ connectionString: POSTGRES_URL });
    readModels = await ReadModels.openPostgres(POSTGRES_URL, `${env.POSTGRES_SCHEMA}_read`);
    app = await createApp(loadConfig(env), { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await readModels?.close();
    await pool?.end();
    await dropSchemas(env.POSTGRES_SCHEMA);
  });

  const count = async (where: string) =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${env.POSTGRES_SCHEMA}.events WHERE ${where}`,
        )
      ).rows[0]?.n,
    );

  it('stores every date of birth sealed, and each victim with one has a wrapped data key', async () => {
    expect(await count("jsonb_typeof(data->'victimDateOfBirth') = 'string'")).toBe(0);
    const sealed = await count("data->'victimDateOfBirth'->>'enc' = 'v1'");
    expect(sealed).toBeGreaterThan(10);
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${env.POSTGRES_SCHEMA}_keys.victim_data_keys WHERE wrapped_key IS NOT NULL`,
    );
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(sealed);
  });

  it('reads an erased victim\'s date of birth as "[erased]", and the read models stay the same through a rebuild', async () => {
    const { rows } = await pool.query<{ stream_id: string; area: string }>(
      `SELECT stream_id, metadata->>'policeArea' AS area FROM ${env.POSTGRES_SCHEMA}.events
        WHERE event_type = 'crime-reported' AND data->'victimDateOfBirth' ? 'enc' LIMIT 1`,
    );
    const victimId = rows[0]!.stream_id.replace(/^victim-/, '');
    const police = POLICE_KEY[rows[0]!.area] as string;
    const dateOfBirth = async () =>
      (
        (await http().get(`/v1/victims/${victimId}/events`).set(bearer(police))).body as {
          events: { type: string; data: { victimDateOfBirth?: string } }[];
        }
      ).events.find((e) => e.type === 'crime-reported')?.data.victimDateOfBirth;
    const journey = async () =>
      (await http().get(`/v1/victims/${victimId}`).set(bearer(police))).body as unknown;

    const plaintext = await dateOfBirth();
    expect(plaintext).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const before = await readModels.dump();
    const journeyBefore = await journey();
    expect(JSON.stringify(before)).not.toContain(`"${plaintext as string}"`);

    const erased = await http()
      .post(`/v1/victims/${victimId}/erasure`)
      .set(bearer(KEYS.operator))
      .send({ reason: 'the victim asked' });
    expect(erased.status).toBe(200);
    expect(await dateOfBirth()).toBe('[erased]');
    expect(await readModels.dump()).toEqual(before);

    await runToEnd('scripts/rebuild.ts', ['victim-journey', '--fresh'], env);
    expect(await readModels.dump()).toEqual(before);
    expect(await journey()).toEqual(journeyBefore);
    expect(await dateOfBirth()).toBe('[erased]');
  });
});
