import { HttpException } from '@nestjs/common';
import { agencyCaller, type Caller, type PersonCaller } from '@vj/access-policy';
import { AgencyDirectory } from '@vj/agencies';
import type { ReadModels } from '@vj/read-models';
import { readAgenciesFile } from '@vj/runtime';
import type { DeadlineScheduling } from './deadline-scheduling';
import { declaredQueryParameters } from '@vj/nest-edge';
import { OperationsController } from './operations.controller';

/** The worker's operations endpoints against every kind of caller: operators only, by the access policy. */
describe('operations endpoints', () => {
  const scheduling = {
    scheduler: {
      failedNotifications: () => Promise.resolve([]),
      retryNotification: () => Promise.resolve(true),
    },
  } as unknown as DeadlineScheduling;
  const readModels = { parkedEvents: () => Promise.resolve([]) } as unknown as ReadModels;
  const controller = new OperationsController(scheduling, readModels);
  const agencies = AgencyDirectory.fromConfig(readAgenciesFile('config/agencies.dev.json'));
  const agency = (id: string) => agencyCaller(agencies.byId(id)!);
  const person = (role: PersonCaller['role']): PersonCaller => ({
    kind: 'person',
    subject: role,
    role,
    areas: role === 'administrator' ? '*' : ['west-yorkshire'],
  });

  // Who gets past the authentication guard; a missing or unknown credential is its 401.
  const CALLERS: [string, Caller, number][] = [
    ['an operator', agency('operator-service-desk'), 200],
    ['an administrator', person('administrator'), 200],
    ['police', agency('police-west-yorkshire'), 403],
    ['a national body', agency('prison-service'), 403],
    ['a PCC team', agency('pcc-west-yorkshire'), 403],
    ['a PCC analyst', person('pcc-analyst'), 403],
    ['a victim liaison officer', person('victim-liaison-officer'), 403],
  ];
  const ENDPOINTS: [string, (caller: Caller) => Promise<unknown>][] = [
    ['GET /operations/notifications/failed', (c) => controller.failed(c)],
    ['POST /operations/notifications/{id}/retry', (c) => controller.retry(c, 'n-1')],
    ['GET /operations/parked-events', (c) => controller.parked(c)],
  ];

  const statusOf = async (call: () => Promise<unknown>): Promise<number> => {
    try {
      await call();
      return 200;
    } catch (error) {
      if (error instanceof HttpException) return error.getStatus();
      throw error;
    }
  };

  it.each(ENDPOINTS.flatMap(([name, call]) => CALLERS.map((c) => [name, ...c, call] as const)))(
    '%s by %s',
    async (_, __, caller, status, call) => {
      expect(await statusOf(() => call(caller))).toBe(status);
    },
  );

  it('declares the query parameters it reads, so the worker refuses any other (400)', () => {
    expect(declaredQueryParameters(OperationsController.prototype.failed)).toEqual(['limit']);
    expect(declaredQueryParameters(OperationsController.prototype.parked)).toEqual([]);
  });
});
