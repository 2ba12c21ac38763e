import createClient from 'openapi-fetch';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { NotificationPayload } from '@vj/deadline-scheduling';
import type { Problem } from '../../apps/api/src/http/problem';
import type { AuditController } from '../../apps/api/src/audit/audit.controller';
import type { EventSchemasController } from '../../apps/api/src/catalogue/event-schemas.controller';
import type { ComplianceController } from '../../apps/api/src/compliance/compliance.controller';
import type { ForecastController } from '../../apps/api/src/forecast/forecast.controller';
import type { JourneysController } from '../../apps/api/src/journeys/journeys.controller';
import type { VictimsController } from '../../apps/api/src/victims/victims.controller';
import type { ComplianceReport, DatasetRow } from '@vj/projections';
import type { components, paths } from '../support/api-types';
import { KEYS, startTestApi, type TestApi } from '../support/test-api';

type Schemas = components['schemas'];
type Returned<Handler extends (...args: never[]) => unknown> = Awaited<ReturnType<Handler>>;
/**
 * A value as JSON carries it: class instances become plain objects (which TypeScript lets fit a
 * map), and an object with no members it names (an event's empty data, or a JSON Schema typed
 * only as `object`) a map that fits any other.
 */
type Json<T> = T extends object
  ? [keyof T] extends [never]
    ? Record<string, never>
    : { [K in keyof T]: Json<T[K]> }
  : T;
/** What the service returns fits what the contract promises: `tsc` fails here when they drift. */
type Fits<Service, Contract> = [Json<Service>] extends [Contract] ? true : false;
const serviceFitsContract: true[] = [
  true satisfies Fits<Returned<VictimsController['registerVictim']>, Schemas['PostResult']>,
  true satisfies Fits<Returned<VictimsController['postEvents']>, Schemas['PostResult']>,
  true satisfies Fits<Returned<VictimsController['findVictim']>, Schemas['VictimFound']>,
  true satisfies Fits<Returned<VictimsController['readEvents']>, Schemas['EventPage']>,
  true satisfies Fits<Returned<JourneysController['journey']>, Schemas['VictimJourney']>,
  true satisfies Fits<Returned<JourneysController['vcs']>, Schemas['VictimContactScheme']>,
  true satisfies Fits<Returned<ComplianceController['caseload']>, Schemas['Caseload']>,
  true satisfies Fits<Returned<ComplianceController['breaches']>, Schemas['Breaches']>,
  true satisfies Fits<Returned<EventSchemasController['getCatalogue']>, Schemas['EventCatalogue']>,
  true satisfies Fits<Returned<AuditController['list']>, Schemas['AuditPage']>,
  true satisfies Fits<Returned<ForecastController['forecast']>, Schemas['Forecast']>,
  true satisfies Fits<ComplianceReport, Schemas['ComplianceReport']>,
  true satisfies Fits<DatasetRow, Schemas['ComplianceDatasetRow']>,
  true satisfies Fits<HealthCheckResult, Schemas['Health']>,
  true satisfies Fits<Problem, Schemas['Problem']>,
  true satisfies Fits<NotificationPayload, Schemas['Notification']>,
];
void serviceFitsContract; // checked when compiled, not when run

describe('a client generated from the OpenAPI document (test/support/api-types.ts)', () => {
  let api: TestApi;
  let client: ReturnType<typeof createClient<paths>>;
  const as = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    api = await startTestApi('2026-03-06T17:00:00Z');
    await api.app.listen(0, '127.0.0.1');
    client = createClient<paths>({ baseUrl: await api.app.getUrl() });
  });
  afterAll(() => api.close());

  it('records a crime, posts an event and reads the journey back through the typed client', async () => {
    const crime: Schemas['CrimeReportedEvent'] = {
      eventId: 'typed-client-crime-1',
      type: 'crime-reported',
      schemaVersion: 1,
      occurredAt: '2026-03-02T10:15:00Z',
      crimeReference: '13/777777/26',
      data: {
        victimNumber: 1,
        offenceCategory: 'burglary',
        victimDateOfBirth: '1988-07-14',
        enhancedRights: {
          vulnerable: false,
          intimidated: false,
          persistentlyTargeted: false,
          mostSeriousCrime: false,
          bereaved: false,
        },
      },
    };
    const opened = await client.POST('/v1/victims', {
      body: crime,
      ...as(KEYS.westYorkshirePolice),
    });
    expect(opened.response.status).toBe(201);
    const victimId = opened.data?.victimId as string;
    expect(opened.data).toMatchObject({ replayed: false, streamRevision: 0 });
    expect(opened.response.headers.get('location')).toBe(`/v1/victims/${victimId}`);

    const arrest: Schemas['SuspectArrestedEvent'] = {
      eventId: 'typed-client-arrest-1',
      type: 'suspect-arrested',
      schemaVersion: 1,
      occurredAt: '2026-03-06T16:30:00Z',
      crimeReference: '13/777777/26',
      data: { suspectNumber: 1 },
    };
    const posted = await client.POST('/v1/victims/{victimId}/events', {
      params: { path: { victimId }, query: { expectedRevision: 0 } },
      body: { events: [arrest] },
      ...as(KEYS.westYorkshirePolice),
    });
    expect(posted.response.status).toBe(201);
    expect(posted.data?.events.map((e) => [e.eventId, e.revision])).toEqual([
      ['typed-client-arrest-1', 1],
    ]);

    const found = await client.GET('/v1/victims', {
      params: { query: { crimeReference: '13/777777/26', victimNumber: 1 } },
      ...as(KEYS.yorkshireCps),
    });
    expect(found.data).toEqual({ victimId });

    const stream = await client.GET('/v1/victims/{victimId}/events', {
      params: { path: { victimId } },
      ...as(KEYS.westYorkshirePolice),
    });
    expect(stream.data?.events.map((e) => e.type)).toEqual(['crime-reported', 'suspect-arrested']);
    expect(stream.data?.nextFromRevision).toBeNull();
    // Each stored event's data is typed by its type and version.
    const stored = stream.data?.events[1];
    expect(stored?.type === 'suspect-arrested' && stored.data.suspectNumber).toBe(1);

    const journey = await client.GET('/v1/victims/{victimId}', {
      params: { path: { victimId } },
      ...as(KEYS.yorkshireProbation),
    });
    expect(journey.data?.victimId).toBe(victimId);
    expect(journey.data?.timeline.map((t) => t.eventId)).toEqual([
      'typed-client-crime-1',
      'typed-client-arrest-1',
    ]);
    const arrestUpdate = journey.data?.entitlements.find((e) => e.ruleId === 'arrest-update');
    expect(arrestUpdate?.deadline?.localDate).toBe('2026-03-13');
  });

  it('reads a refusal as the declared problem details', async () => {
    const refused = await client.GET('/v1/victims/{victimId}/events', {
      params: { path: { victimId: 'not-a-victim' }, query: { limit: 0 } },
      ...as(KEYS.westYorkshirePolice),
    });
    expect(refused.response.status).toBe(400);
    expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.error).toMatchObject({
      status: 400,
      errors: [{ field: 'limit', reason: expect.any(String) as string }],
    });
  });
});
