import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POSTGRES_URL, REDIS_URL } from '../test/support/server-urls';

// `npm run bench` runs outside jest: nothing it loads may need the test tiers' global setup.
describe('npm run bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vj-bench-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs without the test tiers’ environment and writes its table and its JSON file', () => {
    const json = join(dir, 'figures.json');
    const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL };
    delete env.POSTGRES_URL;
    const run = spawnSync(
      process.execPath,
      [
        ...['-r', '@swc-node/register', 'bench/run.ts'],
        ...['--only', 'redis', '--postgres', POSTGRES_URL, '--json', json],
      ],
      { cwd: join(__dirname, '..'), env, encoding: 'utf8' },
    );
    expect(run.stderr).not.toMatch(/is not set/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /100,000 open deadlines, +1,000 due in the 1-hour window: 2,000 jobs/,
    );
    const figures = JSON.parse(readFileSync(json, 'utf8')) as { redis: string[] };
    expect(figures.redis).toHaveLength(3);
    expect(figures.redis[2]).toMatch(/2,000 jobs, \d+ KiB of Redis/);
  }, 60_000);
});
