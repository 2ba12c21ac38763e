import {
  DEFAULT_EVENTSTORE_CONNECTION_STRING,
  DEFAULT_EVENTSTOREDB_IMAGE,
  DEFAULT_POSTGRES_URL,
  DEFAULT_REDIS_URL,
  type ServerProbes,
  redacted,
  resolveTestServers,
  TestServerMissing,
} from './test-servers';

const EMBEDDED_URL = 'postgres://postgres:s3cret@127.0.0.1:54999/test';
const CONTAINER_ESDB = 'esdb://localhost:32771?tls=false';

/** Probes in which only the named servers answer; records what was asked. */
function world(answering: {
  postgres?: string[];
  redis?: string[];
  eventStoreDb?: boolean;
  /** Whether a Docker engine answers; `fails` when EventStoreDB does not start in it. */
  docker?: boolean | 'fails';
}) {
  const asked: string[] = [];
  const stop = jest.fn(() => Promise.resolve());
  const probes: ServerProbes = {
    postgres: (url) => {
      asked.push(`postgres ${url}`);
      return Promise.resolve(answering.postgres?.includes(url) ? undefined : 'ECONNREFUSED');
    },
    redis: (url) => {
      asked.push(`redis ${url}`);
      return Promise.resolve(answering.redis?.includes(url) ? undefined : 'ECONNREFUSED');
    },
    eventStoreDb: () => Promise.resolve(answering.eventStoreDb ?? false),
    startEmbeddedPostgres: () => {
      asked.push('start embedded');
      return Promise.resolve({ url: EMBEDDED_URL, stop });
    },
    dockerEngine: () =>
      Promise.resolve(answering.docker !== undefined && answering.docker !== false),
    startEventStoreDb: (image) => {
      asked.push(`start ${image}`);
      return answering.docker === 'fails'
        ? Promise.reject(new Error('pull access denied'))
        : Promise.resolve({ connectionString: CONTAINER_ESDB, stop });
    },
  };
  return { probes, asked, stop };
}

describe('finding the test servers', () => {
  it('uses the local default ports when nothing is set and both answer', async () => {
    const { probes, asked } = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
    });
    const servers = await resolveTestServers({}, probes);
    expect(servers.env).toEqual({
      POSTGRES_URL: DEFAULT_POSTGRES_URL,
      REDIS_URL: DEFAULT_REDIS_URL,
    });
    expect(servers.embeddedPostgres).toBeUndefined();
    expect(asked).not.toContain('start embedded');
  });

  it('uses POSTGRES_URL and REDIS_URL when set', async () => {
    const pg = 'postgres://ci@db:5432/ci';
    const redis = 'redis://cache:6380';
    const { probes, asked } = world({ postgres: [pg], redis: [redis] });
    const servers = await resolveTestServers({ POSTGRES_URL: pg, REDIS_URL: redis }, probes);
    expect(servers.env).toEqual({ POSTGRES_URL: pg, REDIS_URL: redis });
    expect(asked).toEqual([`redis ${redis}`, `postgres ${pg}`]);
  });

  it('starts an embedded PostgreSQL when none answers at the default URL', async () => {
    const { probes } = world({ redis: [DEFAULT_REDIS_URL] });
    const servers = await resolveTestServers({}, probes);
    expect(servers.env.POSTGRES_URL).toBe(EMBEDDED_URL);
    expect(servers.embeddedPostgres?.url).toBe(EMBEDDED_URL);
    const line = servers.report.find((l) => l.startsWith('PostgreSQL:'));
    expect(line).toContain('embedded');
    expect(line).toContain('ECONNREFUSED');
    expect(line).not.toContain('s3cret');
  });

  it('starts an embedded PostgreSQL without probing when TEST_EMBEDDED_POSTGRES=1', async () => {
    const { probes, asked } = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
    });
    const servers = await resolveTestServers({ TEST_EMBEDDED_POSTGRES: '1' }, probes);
    expect(servers.env.POSTGRES_URL).toBe(EMBEDDED_URL);
    expect(asked).not.toContain(`postgres ${DEFAULT_POSTGRES_URL}`);
  });

  it('fails, starting nothing, when the PostgreSQL named by POSTGRES_URL does not answer', async () => {
    const { probes, asked } = world({ redis: [DEFAULT_REDIS_URL] });
    const failure = resolveTestServers({ POSTGRES_URL: 'postgres://u:pw@db:5432/x' }, probes);
    await expect(failure).rejects.toThrow(TestServerMissing);
    await expect(failure).rejects.toThrow('postgres://u:***@db:5432/x');
    expect(asked).not.toContain('start embedded');
  });

  it('fails at once with what to start when Redis does not answer, before starting PostgreSQL', async () => {
    const { probes, asked } = world({});
    const failure = resolveTestServers({ REDIS_URL: 'redis://127.0.0.1:1' }, probes);
    await expect(failure).rejects.toThrow(TestServerMissing);
    await expect(failure).rejects.toThrow(
      /Redis does not answer at redis:\/\/127\.0\.0\.1:1 .*`redis-server`.*`docker compose up -d redis`/,
    );
    expect(asked).toEqual(['redis redis://127.0.0.1:1']);
  });

  it('runs the EventStoreDB contract against a server found at the default address', async () => {
    const { probes } = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
      eventStoreDb: true,
    });
    const servers = await resolveTestServers({}, probes);
    expect(servers.env.EVENTSTORE_CONNECTION_STRING).toBe(DEFAULT_EVENTSTORE_CONNECTION_STRING);
  });

  it('says the EventStoreDB contract suite is NOT RUN when no server and no Docker engine answer', async () => {
    const { probes, asked } = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
    });
    const servers = await resolveTestServers({}, probes);
    expect(servers.env.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
    expect(servers.report.join('\n')).toMatch(
      /EventStoreDB contract suite NOT RUN: .*no Docker engine answers/,
    );
    expect(asked.filter((step) => step.startsWith('start'))).toEqual([]);
  });

  it('starts EventStoreDB in Docker when only a Docker engine answers, and hands it to the run', async () => {
    const { probes, asked, stop } = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
      docker: true,
    });
    const servers = await resolveTestServers({}, probes);
    expect(asked).toContain(`start ${DEFAULT_EVENTSTOREDB_IMAGE}`);
    expect(servers.env.EVENTSTORE_CONNECTION_STRING).toBe(CONTAINER_ESDB);
    expect(servers.report.join('\n')).toContain('started in Docker for this run');
    await servers.eventStoreDbContainer?.stop();
    expect(stop).toHaveBeenCalledTimes(1);

    const other = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
      docker: true,
    });
    await resolveTestServers(
      { TEST_EVENTSTOREDB_IMAGE: 'eventstore/eventstore:22.10' },
      other.probes,
    );
    expect(other.asked).toContain('start eventstore/eventstore:22.10');
  });

  it('stops the run with what to do when Docker answers but EventStoreDB does not start in it', async () => {
    const { probes } = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
      docker: 'fails',
    });
    const refusal = resolveTestServers({}, probes);
    await expect(refusal).rejects.toBeInstanceOf(TestServerMissing);
    await expect(refusal).rejects.toThrow(/pull access denied.*EVENTSTORE_CONNECTION_STRING/);
  });

  it('prefers a server that answers to starting one in Docker', async () => {
    const { probes, asked } = world({
      postgres: [DEFAULT_POSTGRES_URL],
      redis: [DEFAULT_REDIS_URL],
      eventStoreDb: true,
      docker: true,
    });
    const servers = await resolveTestServers({}, probes);
    expect(servers.env.EVENTSTORE_CONNECTION_STRING).toBe(DEFAULT_EVENTSTORE_CONNECTION_STRING);
    expect(asked.filter((step) => step.startsWith('start'))).toEqual([]);
  });

  it('keeps an EVENTSTORE_CONNECTION_STRING that is set', async () => {
    const esdb = 'esdb://esdb:2113?tls=false';
    const { probes } = world({ postgres: [DEFAULT_POSTGRES_URL], redis: [DEFAULT_REDIS_URL] });
    const servers = await resolveTestServers({ EVENTSTORE_CONNECTION_STRING: esdb }, probes);
    expect(servers.env.EVENTSTORE_CONNECTION_STRING).toBe(esdb);
  });

  it('masks passwords in the URLs it prints', () => {
    expect(redacted('postgres://u:pw@h:5432/d')).toBe('postgres://u:***@h:5432/d');
    expect(redacted(DEFAULT_POSTGRES_URL)).toBe(DEFAULT_POSTGRES_URL);
  });
});
