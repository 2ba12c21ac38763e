import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { FixedClock } from '@vj/clock';
import { createApp } from '../../apps/api/src/app';
import type { AppOverrides } from '../../apps/api/src/app.module';
import { loadConfig } from '@vj/runtime';

/** The development key of each agency in config/agencies.dev.json is 'dev-' + its id. */
export const KEYS = {
  westYorkshirePolice: 'dev-police-west-yorkshire',
  greaterManchesterPolice: 'dev-police-greater-manchester',
  yorkshireCps: 'dev-cps-yorkshire-humberside',
  westYorkshireWcu: 'dev-wcu-west-yorkshire',
  leedsCourt: 'dev-court-leeds',
  yorkshireProbation: 'dev-probation-yorkshire',
  prisonService: 'dev-prison-service',
  paroleBoard: 'dev-parole-board',
  westYorkshirePcc: 'dev-pcc-west-yorkshire',
  greaterManchesterPcc: 'dev-pcc-greater-manchester',
  operator: 'dev-operator-service-desk',
} as const;

export interface TestApi {
  app: NestExpressApplication;
  clock: FixedClock;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The API on the embedded store in a fresh data directory, with a clock the test sets. */
export async function startTestApi(
  now = '2026-03-10T12:00:00Z',
  env: NodeJS.ProcessEnv = {},
  overrides: Omit<AppOverrides, 'clock' | 'logger'> = {},
): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-api-'));
  const clock = new FixedClock(now);
  const config = loadConfig({ DATA_DIR: dataDir, DEADLINE_CHECK_INTERVAL_MS: '0', ...env });
  const app = await createApp(config, { ...overrides, clock, logger: false });
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  return {
    app,
    clock,
    dataDir,
    http: () => request(server),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
