import { HttpException } from '@nestjs/common';
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
  const controller = new OperationsController(
    scheduling,
    readModels,
    AgencyDirectory.fromConfig(readAgenciesFile('config/agencies.dev.json')),
  );

  const CALLERS: [string, string | undefined, number][] = [
    ['an operator', 'Bearer dev-operator-service-desk', 200],
    ['police', 'Bearer dev-police-west-yorkshire', 403],
    ['a national body', 'Bearer dev-prison-service', 403],
    ['a PCC team', 'Bearer dev-pcc-west-yorkshire', 403],
    ['an unknown key', 'Bearer not-a-key', 401],
    ['no key', undefined, 401],
  ];
  const ENDPOINTS: [string, (authorization: string | undefined) => Promise<unknown>][] = [
    ['GET /operations/notifications/failed', (a) => controller.failed(a)],
    ['POST /operations/notifications/{id}/retry', (a) => controller.retry(a, 'n-1')],
    ['GET /operations/parked-events', (a) => controller.parked(a)],
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
    async (_, __, authorization, status, call) => {
      expect(await statusOf(() => call(authorization))).toBe(status);
    },
  );

  it('declares the query parameters it reads, so the worker refuses any other (400)', () => {
    expect(declaredQueryParameters(OperationsController.prototype.failed)).toEqual(['limit']);
    expect(declaredQueryParameters(OperationsController.prototype.parked)).toEqual([]);
  });
});
