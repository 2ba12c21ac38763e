import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startApiProcess, type ApiProcess } from '../support/api-process';
import { crimeReported, journeyEvent } from '../support/journey-events';
import { KEYS } from '../support/test-api';

const headers = {
  Authorization: `Bearer ${KEYS.westYorkshirePolice}`,
  'Content-Type': 'application/json',
};

// Real processes on a shared 2-core machine: generous limits; the waits inside end as soon as they can.
jest.setTimeout(180_000);

/** An event the service acknowledged survives the service being killed; retrying never duplicates. */
describe('a killed and restarted service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vj-durability-'));
  let api: ApiProcess | undefined;

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('still has every acknowledged event, and retries store each event once', async () => {
    const port = await freePort();
    api = await startApiProcess(dataDir, port);
    const opened = await fetch(`${api.baseUrl}/v1/victims`, {
      method: 'POST',
      headers,
      body: JSON.stringify(crimeReported({ occurredAt: '2026-01-05T09:00:00Z' })),
    });
    expect(opened.status).toBe(201);
    const { victimId } = (await opened.json()) as { victimId: string };
    const eventsUrl = () => `${api?.baseUrl}/v1/victims/${victimId}/events`;
    const bail = (i: number) =>
      journeyEvent('suspect-bail-varied', `bail-${i}`, '2026-01-06T10:00:00Z', {
        suspectNumber: 1,
        change: 'extended',
      });
    const post = (i: number) =>
      fetch(eventsUrl(), { method: 'POST', headers, body: JSON.stringify(bail(i)) });

    // Four agencies' systems post as fast as they can; the service is killed under them.
    const acknowledged = new Set<string>();
    const attempted = new Set<number>();
    let next = 0;
    let killed = false;
    const poster = async () => {
      while (!killed) {
        const i = next++;
        attempted.add(i);
        try {
          const res = await post(i);
          if (res.status === 201) acknowledged.add(`bail-${i}`);
        } catch {
          return; // the connection died with the service
        }
      }
    };
    const posters = [poster(), poster(), poster(), poster()];
    while (acknowledged.size < 60) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await api.kill();
    await Promise.all(posters);

    api = await startApiProcess(dataDir, port);
    const read = async () => {
      const res = await fetch(`${eventsUrl()}?limit=500`, { headers });
      return ((await res.json()) as { events: { eventId: string; revision: number }[] }).events;
    };
    const afterRestart = await read();
    const stored = new Set(afterRestart.map((e) => e.eventId));
    for (const id of acknowledged) expect(stored).toContain(id);
    expect(afterRestart.map((e) => e.revision)).toEqual(afterRestart.map((_, i) => i));

    // Every system retries what it sent: acknowledged or not, each event ends up stored once.
    for (const i of attempted) {
      const res = await post(i);
      expect([200, 201]).toContain(res.status);
      if (acknowledged.has(`bail-${i}`)) expect(res.status).toBe(200);
    }
    const final = await read();
    expect(final).toHaveLength(1 + attempted.size);
    expect(new Set(final.map((e) => e.eventId)).size).toBe(final.length);
  });
});
