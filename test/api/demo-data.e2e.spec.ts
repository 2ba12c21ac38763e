import { seedDemoDataInto } from '../../apps/api/src/demo-data';
import { loadConfig } from '@vj/runtime';
import { bearer, KEYS, startTestApi, type TestApi } from '../support/test-api';

/** A newcomer's first look: the demo caseload, loaded through the ingestion path, answers every query. */
describe('the demo dataset', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('2026-06-01T12:00:00Z');
    await seedDemoDataInto(api.app);
  });

  afterAll(() => api.close());

  const get = (path: string, key: string) => api.http().get(path).set(bearer(key));

  it('is loaded at start when SEED_DEMO_DATA=true, and into an empty store in development', () => {
    expect(loadConfig({ SEED_DEMO_DATA: 'true' }).seedDemoData).toBe('always');
    expect(loadConfig({}).seedDemoData).toBe('if-empty');
    expect(loadConfig({ NODE_ENV: 'test' }).seedDemoData).toBe('never');
    expect(loadConfig({ SEED_DEMO_DATA: 'false' }).seedDemoData).toBe('never');
    expect(() => loadConfig({ SEED_DEMO_DATA: 'yes' })).toThrow(
      'SEED_DEMO_DATA must be true or false',
    );
  });

  it('gives a PCC compliance team breaches across agencies, by area', async () => {
    const wy = await get('/v1/breaches?limit=5', KEYS.westYorkshirePcc);
    const gm = await get('/v1/breaches?limit=5', KEYS.greaterManchesterPcc);
    expect(wy.status).toBe(200);
    expect(wy.body.total).toBeGreaterThan(10);
    expect(wy.body.breaches).toHaveLength(5);
    expect(new Set(wy.body.breaches.map((b: { policeArea: string }) => b.policeArea))).toEqual(
      new Set(['west-yorkshire']),
    );
    expect(gm.body.total).toBeGreaterThan(10);
  });

  it("gives each agency its caseload, and a VLO the victim's journey and VCS status", async () => {
    const police = await get('/v1/caseload', KEYS.westYorkshirePolice);
    const probation = await get('/v1/caseload', KEYS.yorkshireProbation);
    expect(police.status).toBe(200);
    expect(police.body.total).toBeGreaterThan(0);
    expect(probation.status).toBe(200);

    const someone = police.body.entitlements[0] as { victimId: string };
    const journey = await get(`/v1/victims/${someone.victimId}`, KEYS.yorkshireProbation);
    const vcs = await get(`/v1/victims/${someone.victimId}/vcs`, KEYS.yorkshireProbation);
    expect(journey.status).toBe(200);
    expect(journey.body.entitlements.length).toBeGreaterThan(0);
    expect(journey.body.timeline[0].type).toBe('crime-reported');
    expect(vcs.status).toBe(200);
  });

  it.each([
    ['probation (the VLO)', KEYS.yorkshireProbation],
    ['the witness care unit', KEYS.westYorkshireWcu],
    ['the police (victim care)', KEYS.westYorkshirePolice],
  ])('gives %s in West Yorkshire overdue items and items due this week', async (_, key) => {
    const area = 'policeArea=west-yorkshire';
    const overdue = await get(`/v1/caseload?due=overdue&${area}`, key);
    const soon = await get(`/v1/caseload?due=soon&${area}`, key);
    expect(overdue.body.total).toBeGreaterThan(0);
    expect(soon.body.total).toBeGreaterThan(0);
  });

  it('is not loaded twice', async () => {
    const before = await get('/v1/breaches?limit=1', KEYS.westYorkshirePcc);
    await seedDemoDataInto(api.app);
    const after = await get('/v1/breaches?limit=1', KEYS.westYorkshirePcc);
    expect(after.body.total).toBe(before.body.total);
  });
});
