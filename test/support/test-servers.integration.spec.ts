import { createServer } from 'node:net';
import { POSTGRES_URL, REDIS_URL } from './server-urls';
import { dockerEngineAnswers } from './docker-engine';
import { serverProbes } from './test-servers';

/** A port on which nothing listens: bound, read, released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

describe('the probes of the test servers', () => {
  it('find the servers the global setup handed to this run', async () => {
    await expect(serverProbes.postgres(POSTGRES_URL)).resolves.toBeUndefined();
    await expect(serverProbes.redis(REDIS_URL)).resolves.toBeUndefined();
  });

  it('say why nothing answers on a closed port, promptly', async () => {
    const port = await closedPort();
    const started = Date.now();
    await expect(serverProbes.postgres(`postgres://root@127.0.0.1:${port}/test`)).resolves.toMatch(
      /ECONNREFUSED/,
    );
    await expect(serverProbes.redis(`redis://127.0.0.1:${port}`)).resolves.toMatch(/ECONNREFUSED/);
    await expect(serverProbes.eventStoreDb(`esdb://127.0.0.1:${port}?tls=false`)).resolves.toBe(
      false,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answer that no Docker engine answers where none listens, without hanging', async () => {
    const port = await closedPort();
    const env = { DOCKER_HOST: `tcp://127.0.0.1:${port}` };
    await expect(dockerEngineAnswers(env, 2000)).resolves.toBe(false);
    await expect(
      dockerEngineAnswers({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }),
    ).resolves.toBe(false);
  });
});
