import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@vj/event-store/postgres';
import { ReadModels } from '@vj/read-models';
import {
  dropSchemas,
  exited,
  POSTGRES_URL,
  productionEnv,
  runScript,
  runToEnd,
} from '../test/support/production';

// Real processes on a shared 2-core machine: generous limits; the waits inside end as soon as they can.
jest.setTimeout(240_000);

/**
 * `npm run rebuild -- victim-journey --partitions 2` on PostgreSQL: two processes build their
 * shares of the victims beside the live read models, then one catches up and switches over. A
 * partition killed half-way is resumed by the next run, which finishes equal to a single rebuild.
 */
describe('rebuilding a projection in partitions', () => {
  const env = productionEnv('2026-06-01T12:00:00Z', { DEMO_COUNT: '150' });
  const readSchema = `${env.POSTGRES_SCHEMA}_read`;
  let readModels: ReadModels;
  let pool: Pool;

  const outcome = async () => ({
    ...(await readModels.dump()),
    parked: await readModels.parkedEvents(),
  });
  const checkpoints = async () =>
    new Map(
      (
        await pool.query<{ projection: string; position: string }>(
          'SELECT projection, position FROM checkpoints',
        )
      ).rows.map((r) => [r.projection, Number(r.position)]),
    );

  beforeAll(async () => {
    await runToEnd('scripts/seed.ts', [], env);
    // A stored event no reader can lift to the latest schema: the rebuild parks it.
    const events = await PostgresEventStore.open({
      connectionString: POSTGRES_URL,
      schema: env.POSTGRES_SCHEMA,
    });
    const [first] = await events.readAll({ maxCount: 1 });
    const {
      events: [last],
    } = await events.appendToStream(first?.streamId as string, [
      {
        eventId: randomUUID(),
        type: 'sentenced',
        data: {},
        metadata: { ...first?.metadata, schemaVersion: 0 },
      },
    ]);
    // Readers see an event only once every transaction begun before it has ended, and this
    // PostgreSQL may be shared with others' long ones: every rebuild here must read to the end.
    const before = (last?.globalPosition as bigint) - 1n;
    for (
      let i = 0;
      i < 600 && (await events.readAll({ after: before, maxCount: 1 })).length === 0;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    await events.close();
    // A single rebuild: what the one in partitions must equal.
    await runToEnd('scripts/rebuild.ts', ['victim-journey'], env);
    readModels = await ReadModels.openPostgres(POSTGRES_URL, readSchema);
    pool = new Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${readSchema}` });
  });

  afterAll(async () => {
    await pool?.end();
    await readModels?.close();
    await dropSchemas(env.POSTGRES_SCHEMA);
  });

  it('resumes a partition killed half-way, and finishes equal to a single rebuild', async () => {
    const single = await outcome();
    expect(single.parked).toEqual([
      expect.objectContaining({ projection: 'victim-journey', event_type: 'sentenced' }),
    ]);

    const rebuild = runScript(
      'scripts/rebuild.ts',
      ['victim-journey', '--fresh', '--partitions', '2', '--batch-size', '20'],
      env,
    );
    // Kill one partition's process once it has landed some pages of its own.
    const partition = 'victim-journey-rebuild.1-of-2';
    for (let i = 0; i < 2000 && !((await checkpoints()).get(partition)! > 200); i++)
      await new Promise((r) => setTimeout(r, 25));
    const [child] = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(rebuild.pid)])
      .toString()
      .split('\n')
      .filter((line) => line.includes('--partition 1/2'))
      .map((line) => Number(line.trim().split(' ')[0]));
    process.kill(child as number, 'SIGKILL');
    expect(await exited(rebuild)).toBe(1);
    expect(rebuild.output()).toMatch(/partition 1\/2 stopped \(SIGKILL\); run again to resume/);
    const killedAt = (await checkpoints()).get(partition);
    expect(killedAt).toBeGreaterThan(200);
    // The live read models answered throughout, untouched.
    expect(await outcome()).toEqual(single);

    // Resumed in another count, or in one, it is refused: the partitions' work is kept.
    for (const args of [['--partitions', '3'], []]) {
      const refused = runScript('scripts/rebuild.ts', ['victim-journey', ...args], env);
      expect(await exited(refused)).toBe(1);
      expect(refused.output()).toMatch(
        /an unfinished rebuild in 2 partitions is stored: resume it with --partitions 2, or start again with --fresh/,
      );
    }

    const output = await runToEnd(
      'scripts/rebuild.ts',
      ['victim-journey', '--partitions', '2', '--batch-size', '20'],
      env,
    );
    const [, applied] = /rebuilt victim-journey: (\d+) events .* switched over/.exec(output) ?? [];
    // Only what was left: the killed partition resumed from its checkpoint.
    expect(Number(applied)).toBeGreaterThan(0);
    expect(Number(applied)).toBeLessThan((await checkpoints()).get('victim-journey')!);
    expect(await outcome()).toEqual(single);
    expect([...(await checkpoints()).keys()]).toEqual(['victim-journey']);
  });

  it('counts every event once when rebuilt in partitions from the start', async () => {
    const single = await outcome();
    const total = (await checkpoints()).get('victim-journey');
    const output = await runToEnd(
      'scripts/rebuild.ts',
      ['victim-journey', '--fresh', '--partitions', '2'],
      env,
    );
    expect(output).toMatch(new RegExp(`rebuilt victim-journey: ${total} events .* switched over`));
    expect(await outcome()).toEqual(single);
  });

  it('refuses partitions on the embedded read models, which rebuild in place', async () => {
    const embedded = runScript('scripts/rebuild.ts', ['victim-journey', '--partitions', '2'], {
      ...env,
      EVENT_STORE: 'sqlite',
    });
    expect(await exited(embedded)).toBe(1);
    expect(embedded.output()).toMatch(
      /--partitions needs the production read models \(PostgreSQL\)/,
    );
  });
});
