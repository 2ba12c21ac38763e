import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startApiProcess } from '../support/api-process';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { exited, ROOT } from '../support/production';
import { KEYS } from '../support/test-api';
import { FAULTS_PROFILE, rounds } from './profile';

const POSTS = rounds(120, 1500);

jest.setTimeout(FAULTS_PROFILE === 'full' ? 900_000 : 120_000);

/**
 * The embedded API (SQLite files in DATA_DIR) on a data directory it cannot use, or on a disk that
 * fills up while agencies post. As root (CI) chmod stops nothing and mounting a small filesystem
 * needs privileges a container may not have, so the faults are made without either: a DATA_DIR
 * below a plain file (it cannot be made), and a file-size limit on the process (`prlimit --fsize`,
 * util-linux), which makes every write past it fail with EFBIG, as root too.
 */
describe('the embedded store on a data directory it cannot use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vj-faults-data-'));

  beforeAll(() => {
    if (spawnSync('prlimit', ['--version']).error)
      throw new Error('these tests need prlimit (util-linux): apt-get install util-linux');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The API from source on the embedded store, its files limited to `fileSizeLimit` bytes. */
  function startLimited(
    dataDir: string,
    port: number,
    fileSizeLimit?: number,
  ): ChildProcess & { output: () => string } {
    const api = [process.execPath, '-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')];
    const [command, ...args] =
      fileSizeLimit === undefined ? api : ['prlimit', `--fsize=${fileSizeLimit}`, '--', ...api];
    const child = spawn(command as string, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DEADLINE_CHECK_INTERVAL_MS: '0',
        // Many posts from one agency: its rate limit is not what is under test.
        RATE_LIMIT_PER_MINUTE: '1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return Object.assign(child, { output: () => output });
  }

  async function listening(url: string, child: ChildProcess & { output: () => string }) {
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`API exited: ${child.output()}`);
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`API did not start: ${child.output()}`);
  }

  interface Refused {
    path: string;
    body: unknown;
    status: number;
    problem: unknown;
  }
  interface Posted {
    statuses: number[];
    /** The event ids each 201 gave back, by victim. */
    acknowledged: Map<string, string[]>;
    refused: Refused[];
  }

  const post = (url: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  /** A fixed number of posts: a new victim every tenth (a data key and a stream), else an arrest. */
  async function postUntilFull(url: string): Promise<Posted> {
    const posted: Posted = { statuses: [], acknowledged: new Map(), refused: [] };
    const victims: string[] = [];
    for (let n = 0; n < POSTS; n++) {
      const victim = victims.at(-1);
      const { path, body } =
        n % 10 === 0 || victim === undefined
          ? {
              path: '/v1/victims',
              body: crimeReported({ crimeReference: `13/${String(100000 + n)}/26` }),
            }
          : {
              path: `/v1/victims/${victim}/events`,
              body: journeyEvent('suspect-arrested', `arrest-${n}`, '2026-03-16T09:00:00Z', {
                suspectNumber: 1 + (n % 9),
              }),
            };
      const res = await post(url, path, body);
      posted.statuses.push(res.status);
      const answer = (await res.json()) as { victimId?: string; events?: { eventId: string }[] };
      if (res.status !== 201) {
        posted.refused.push({ path, body, status: res.status, problem: answer });
        continue;
      }
      const id = answer.victimId as string;
      if (!posted.acknowledged.has(id)) victims.push(id);
      posted.acknowledged.set(id, [
        ...(posted.acknowledged.get(id) ?? []),
        ...(answer.events ?? []).map((e) => e.eventId),
      ]);
    }
    return posted;
  }

  it('refuses to start on a DATA_DIR that cannot be made, naming the directory and why', async () => {
    const file = join(dir, 'a-plain-file');
    writeFileSync(file, '');
    const dataDir = join(file, 'data');
    const api = startLimited(dataDir, await freePort());
    expect(await exited(api)).not.toBe(0);
    expect(api.output()).toContain(`DATA_DIR ${dataDir}`);
    expect(api.output()).toContain('ENOTDIR');
  });

  it('refuses to start on a DATA_DIR whose disk is full, naming the directory and why', async () => {
    const dataDir = mkdtempSync(join(dir, 'full-'));
    const api = startLimited(dataDir, await freePort(), 16 * 1024);
    expect(await exited(api)).not.toBe(0);
    expect(api.output()).toContain(`DATA_DIR ${dataDir}`);
    expect(api.output()).toMatch(/disk I\/O error|EFBIG|file too large/);
  });

  it('answers 503 once the disk fills, and every post it acknowledged is there after a restart', async () => {
    const dataDir = mkdtempSync(join(dir, 'filling-'));
    const port = await freePort();
    // Room to start (the read models' migrations), not for many posts.
    const api = startLimited(dataDir, port, 320 * 1024);
    let posted: Posted;
    try {
      await listening(`http://127.0.0.1:${port}`, api);
      posted = await postUntilFull(`http://127.0.0.1:${port}`);
    } finally {
      // Gone without a chance to flush anything.
      api.kill('SIGKILL');
      await exited(api);
    }
    // The disk filled part-way: some posts were stored, later ones refused, each with a 503.
    expect(posted.statuses).toContain(201);
    expect(posted.refused.length).toBeGreaterThan(0);
    expect(posted.refused.map(({ status }) => status)).toEqual(posted.refused.map(() => 503));

    const healthy = await startApiProcess(dataDir, await freePort(), { LOG_LEVEL: 'warn' });
    try {
      for (const [victimId, eventIds] of posted.acknowledged) {
        const res = await fetch(`${healthy.baseUrl}/v1/victims/${victimId}/events?limit=500`, {
          headers: { Authorization: `Bearer ${KEYS.westYorkshirePolice}` },
        });
        expect(res.status).toBe(200);
        const page = (await res.json()) as { events: { eventId: string }[] };
        expect(page.events.map((e) => e.eventId)).toEqual(expect.arrayContaining(eventIds));
      }
      // What the 503 asked for: the same post again, once there is room, is taken.
      const first = posted.refused[0] as Refused;
      expect([200, 201]).toContain((await post(healthy.baseUrl, first.path, first.body)).status);
    } finally {
      await healthy.kill();
    }
  });
});
