import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { journeysOf, WORKLOAD_AREAS } from '@vj/demo-data';
import { victimIdFor } from '@vj/ingestion';
import { generate } from '../../scripts/generate';
import { bearer, startTestApi, type TestApi } from '../support/test-api';
import { asGenerated } from '../support/workload';

const quiet = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
const run = (args: string[]) => generate(args, { stdout: quiet(), stderr: quiet(), env: {} });

/** The workload posted through the API, by every area's agencies, from the load directory. */
describe('npm run generate -- --post', () => {
  let api: TestApi;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vj-generator-e2e-'));
    const agenciesFile = join(dir, 'agencies.load.json');
    await run(['--victims', '0', '--agencies-file', agenciesFile, '--out', join(dir, 'none')]);
    api = await startTestApi('2026-06-01T12:00:00Z', {
      AGENCIES_FILE: agenciesFile,
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    await api.app.listen(0, '127.0.0.1');
    url = await api.app.getUrl();
  });

  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const journeys = [
    ...journeysOf({
      victims: 20,
      seed: 9,
      from: new Date('2025-01-01T00:00:00Z'),
      to: new Date('2026-01-01T00:00:00Z'),
    }),
  ];
  const events = journeys.reduce((n, j) => n + j.posts.length, 0);

  it('stores each journey as generated, posted by its own agencies, and a second run stores nothing new', async () => {
    const first = await run([
      '--victims',
      '20',
      '--seed',
      '9',
      '--post',
      url,
      '--concurrency',
      '4',
    ]);
    expect(first).toEqual({ victims: 20, events, replayed: 0 });

    for (const journey of journeys) {
      const report = journey.posts[0]?.body;
      if (report?.type !== 'crime-reported') throw new Error('no crime report');
      const police = WORKLOAD_AREAS.find((a) => a.area === journey.area)?.police;
      const victimId = victimIdFor(journey.area, report.crimeReference, 1);
      const answer = await api
        .http()
        .get(`/v1/victims/${victimId}/events?limit=100`)
        .set(bearer(`dev-${police}`));
      expect(answer.status).toBe(200);
      expect(
        (answer.body as { events: Parameters<typeof asGenerated>[0][] }).events.map(asGenerated),
      ).toEqual(
        journey.posts.map(({ agencyId, body }) => ({ agencyId, event: body, area: journey.area })),
      );
    }

    const second = await run(['--victims', '20', '--seed', '9', '--post', url]);
    expect(second).toEqual({ victims: 20, events, replayed: events });
  });

  it("stops with the API's refusal when an agency is not in the directory the API was started with", async () => {
    const dev = await startTestApi('2026-06-01T12:00:00Z');
    try {
      await dev.app.listen(0, '127.0.0.1');
      // Victims outside West Yorkshire and Greater Manchester are posted by agencies the development directory lacks.
      await expect(
        run(['--victims', '20', '--seed', '9', '--post', await dev.app.getUrl()]),
      ).rejects.toThrow(
        /POST \/v1\/victims \(crime-reported wl-9-\d{4}-000 as police-[a-z-]+\) was refused: 401/,
      );
    } finally {
      await dev.close();
    }
  });
});
