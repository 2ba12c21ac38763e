/**
 * The peer for HTTP ingest: what a team would write first with Emmett, a minimal Express service
 * that takes the same posts as our API and appends each event to the victim's stream in Emmett's
 * PostgreSQL store. It checks little (a caller, a type and an id), judges nothing and keeps no
 * read models; that is the point of a baseline. The victim's id is derived as ours is, so the
 * same follow-up paths reach the same streams.
 */
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { victimIdFor } from '@vj/ingestion';

interface PostedBody {
  eventId?: unknown;
  type?: unknown;
  occurredAt?: unknown;
  crimeReference?: unknown;
  data?: { victimNumber?: unknown } & Record<string, unknown>;
}

export interface ExpressEmmettPeer {
  server: Server;
  close(): Promise<void>;
}

export async function startExpressEmmettPeer(options: {
  connectionString: string;
  /** An agency's home area by its id (the bearer token names the agency: `dev-<id>`). */
  homeAreaOf: (agencyId: string) => string | undefined;
  port?: number;
}): Promise<ExpressEmmettPeer> {
  const store = getPostgreSQLEventStore(options.connectionString);
  const app = express();
  app.use(express.json({ limit: '64kb' }));

  const agencyOf = (req: Request): string | undefined => {
    const id = /^Bearer dev-(.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return id !== undefined && options.homeAreaOf(id) !== undefined ? id : undefined;
  };
  const append = async (
    res: Response,
    agencyId: string,
    victimId: string,
    body: PostedBody,
    opens: boolean,
  ) => {
    if (typeof body.type !== 'string' || typeof body.eventId !== 'string') {
      res.status(400).json({ title: 'an event needs a type and an eventId' });
      return;
    }
    const { type, eventId, data, ...rest } = body;
    await store.appendToStream(
      `victim-${victimId}`,
      [{ type, data: data ?? {}, metadata: { ...rest, agencyId, messageId: eventId } }],
      opens ? { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' } : {},
    );
    res.status(201).json({ victimId });
  };
  const handle =
    (opens: boolean) =>
    (req: Request, res: Response): void => {
      const agencyId = agencyOf(req);
      if (!agencyId) {
        res.status(401).end();
        return;
      }
      const body = req.body as PostedBody;
      const victimId = opens
        ? victimIdFor(
            options.homeAreaOf(agencyId) as string,
            String(body.crimeReference),
            Number(body.data?.victimNumber ?? 1),
          )
        : String(req.params.victimId);
      append(res, agencyId, victimId, body, opens).catch((error: unknown) => {
        res.status(500).json({ title: error instanceof Error ? error.message : String(error) });
      });
    };
  // The benchmark opens each connection with it.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.post('/v1/victims', handle(true));
  app.post('/v1/victims/:victimId/events', handle(false));

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(listening));
  });
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
