import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startApiProcess } from '../support/api-process';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { dropSchemas, exited, productionEnv, runScript } from '../support/production';
import { KEYS } from '../support/test-api';
import { FAULTS_PROFILE, rounds } from './profile';

/** Concurrent clients, each posting to a victim of its own, so appends share commits. */
const CLIENTS = 16;
/** Kills, each after this many more acknowledged posts. */
const KILLS = rounds(2, 8);
const ACKS_BEFORE_KILL = rounds(60, 300);
/** Every fourth post is a batch of this many events: a batch must be stored whole or not at all. */
const BATCH = 3;

jest.setTimeout(FAULTS_PROFILE === 'full' ? 900_000 : 180_000);

const headers = {
  Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
  'Content-Type': 'application/json',
};

interface Post {
  victimId: string;
  body: unknown;
  /** The agency's event ids the post holds. */
  eventIds: string[];
}

interface StoredView {
  eventId: string;
  revision: number;
}

interface PostAnswer {
  replayed: boolean;
  streamRevision: number;
  events: StoredView[];
}

/** A running API and how to start it again on the same store. */
interface Service {
  baseUrl: string;
  kill(): Promise<void>;
}

/**
 * The API SIGKILLed while concurrent clients post: every acknowledged event is in the store, at
 * the revision it was acknowledged with, none twice, and a client that posts again gets the
 * original answer (200, replayed, the same revisions). Posts that were in flight at the kill may or
 * may not have been stored; sent again, each is stored once.
 */
describe.each([
  ['the embedded store (SQLite)', 'embedded'],
  ['PostgreSQL, production mode', 'postgres'],
] as const)('the API killed during a burst of posts, on %s', (_label, mode) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-faults-killed-api-'));
  const env = productionEnv('2026-03-20T12:00:00Z', {
    POSTGRES_SCHEMA: `vj_faults_killapi_${process.pid}`,
    QUEUE_PREFIX: `vj-faults-killapi-${process.pid}`,
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  let service: Service | undefined;

  async function start(): Promise<Service> {
    const port = await freePort();
    if (mode === 'embedded') {
      return startApiProcess(dataDir, port, {
        CLOCK_NOW: '2026-03-20T12:00:00Z',
        RATE_LIMIT_PER_MINUTE: '1000000',
      });
    }
    const child = runScript('apps/api/src/main.ts', [], { ...env, PORT: String(port) });
    const baseUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`API exited: ${child.output()}`);
      try {
        if ((await fetch(`${baseUrl}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600) throw new Error(`API did not start: ${child.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      baseUrl,
      kill: async () => {
        child.kill('SIGKILL');
        await exited(child);
      },
    };
  }

  afterAll(async () => {
    await service?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    if (mode === 'postgres') await dropSchemas(env.POSTGRES_SCHEMA);
  });

  const send = async (post: Post): Promise<{ status: number; answer?: PostAnswer }> => {
    const res = await fetch(`${service!.baseUrl}/v1/victims/${post.victimId}/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify(post.body),
    });
    return {
      status: res.status,
      answer: res.status < 300 ? ((await res.json()) as PostAnswer) : undefined,
    };
  };

  it('loses no acknowledged event, stores none twice, and answers a retry with the original', async () => {
    service = await start();
    const victims: string[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const res = await fetch(`${service.baseUrl}/v1/victims`, {
        method: 'POST',
        headers,
        body: JSON.stringify(
          crimeReported({ eventId: `open-${c}`, crimeReference: `13/${70000 + c}/26` }),
        ),
      });
      expect(res.status).toBe(201);
      victims.push(((await res.json()) as { victimId: string }).victimId);
    }

    const postsOf = (client: number, n: number): Post => {
      const victimId = victims[client]!;
      const crimeReference = `13/${70000 + client}/26`;
      const event = (id: string) =>
        journeyEvent(
          'suspect-bail-varied',
          id,
          '2026-03-06T10:00:00Z',
          { suspectNumber: 1, change: 'extended' },
          { crimeReference },
        );
      if (n % 4 === 3) {
        const ids = Array.from({ length: BATCH }, (_, k) => `c${client}-p${n}-e${k}`);
        return { victimId, body: { events: ids.map(event) }, eventIds: ids };
      }
      const id = `c${client}-p${n}`;
      return { victimId, body: event(id), eventIds: [id] };
    };

    const sent: Post[] = [];
    const acknowledged = new Map<Post, PostAnswer>();
    let next = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const target = acknowledged.size + ACKS_BEFORE_KILL;
      let killed = false;
      const killedService = service;
      // Each client posts in order until the service is gone; the kill comes while posts are in flight.
      await Promise.all(
        victims.map(async (_v, client) => {
          for (;;) {
            if (killed) return;
            const post = postsOf(client, next++);
            sent.push(post);
            let outcome: { status: number; answer?: PostAnswer };
            try {
              outcome = await send(post);
            } catch {
              return; // the connection died with the process: not acknowledged
            }
            if (outcome.status === 201 && outcome.answer) acknowledged.set(post, outcome.answer);
            else if (!killed) throw new Error(`a post was answered ${outcome.status}`);
            if (acknowledged.size >= target && !killed) {
              killed = true;
              await killedService.kill();
            }
          }
        }),
      );
      service = await start();
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS * ACKS_BEFORE_KILL);

    // Every acknowledged event is stored, at its acknowledged revision; no event id twice.
    const storedOf = async (victimId: string): Promise<StoredView[]> => {
      const stored: StoredView[] = [];
      for (let from: number | null = 0; from !== null;) {
        const res = await fetch(
          `${service!.baseUrl}/v1/victims/${victimId}/events?fromRevision=${from}&limit=500`,
          { headers },
        );
        expect(res.status).toBe(200);
        const page = (await res.json()) as {
          events: StoredView[];
          nextFromRevision: number | null;
        };
        stored.push(...page.events);
        from = page.nextFromRevision;
      }
      return stored;
    };
    const checkStreams = async () => {
      for (const victimId of victims) {
        const stored = await storedOf(victimId);
        const ids = stored.map((e) => e.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(stored.map((e) => e.revision)).toEqual(stored.map((_e, i) => i));
        const revisionOf = new Map(stored.map((e) => [e.eventId, e.revision]));
        for (const [post, answer] of acknowledged) {
          if (post.victimId !== victimId) continue;
          for (const view of answer.events)
            expect(revisionOf.get(view.eventId)).toBe(view.revision);
        }
        // A batch is whole or absent.
        for (const post of sent.filter((p) => p.victimId === victimId && p.eventIds.length > 1)) {
          const present = post.eventIds.filter((id) => revisionOf.has(id)).length;
          expect([0, post.eventIds.length]).toContain(present);
        }
      }
    };
    await checkStreams();

    // Posting everything again: the acknowledged get their original answer; the rest are stored once.
    for (const post of sent) {
      const { status, answer } = await send(post);
      const original = acknowledged.get(post);
      if (original) {
        expect(status).toBe(200);
        expect(answer?.replayed).toBe(true);
        expect(answer?.events.map((e) => [e.eventId, e.revision])).toEqual(
          original.events.map((e) => [e.eventId, e.revision]),
        );
      } else {
        expect([200, 201]).toContain(status);
      }
    }
    await checkStreams();
    for (const victimId of victims) {
      const expected = sent.filter((p) => p.victimId === victimId).flatMap((p) => p.eventIds);
      expect((await storedOf(victimId)).length).toBe(expected.length + 1);
    }
  });
});
