import { agencyCaller } from '@vj/access-policy';
import type { Agency, AgencyDirectory } from '@vj/agencies';
import type { JourneyIngestion } from '@vj/ingestion';
import type { WorkloadJourney, WorkloadPost } from './journeys';

/**
 * Posting generated journeys: straight into an event store through the ingestion use case (as
 * the API and the demo seed do), or over HTTP to a running API. Each journey's events go in its
 * own order, one after another; several journeys are in flight at once.
 */

/** What posting one journey did: events stored, and how many of them were already there. */
export interface Posted {
  events: number;
  replayed: number;
}

/** Posts one journey's events in order. */
export type JourneyPoster = (journey: WorkloadJourney) => Promise<Posted>;

export interface PostProgress {
  victims: number;
  events: number;
  replayed: number;
}

/**
 * Posts every journey with at most `concurrency` in flight: memory holds those journeys only.
 * Stops at the first journey that fails, after the ones in flight end.
 */
export async function postJourneys(
  journeys: Iterator<WorkloadJourney>,
  poster: JourneyPoster,
  options: { concurrency: number; onPosted?: (progress: PostProgress) => void },
): Promise<PostProgress> {
  const progress: PostProgress = { victims: 0, events: 0, replayed: 0 };
  let failure: Error | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined) {
      const next = journeys.next();
      if (next.done) return;
      try {
        const posted = await poster(next.value);
        progress.victims += 1;
        progress.events += posted.events;
        progress.replayed += posted.replayed;
        options.onPosted?.(progress);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
  if (failure !== undefined) throw failure;
  return progress;
}

/** Posts through the ingestion use case: the same checks, ids and stored metadata as the API. */
export function ingestionPoster(
  ingestion: JourneyIngestion,
  agencies: AgencyDirectory,
): JourneyPoster {
  const asAgency = (id: string): Agency => {
    const agency = agencies.byId(id);
    if (!agency) {
      throw new Error(
        `the agency directory has no '${id}': use the load directory (--agencies-file)`,
      );
    }
    return agency;
  };
  return async (journey) => {
    const [report, ...rest] = journey.posts;
    if (!report) return { events: 0, replayed: 0 };
    const opened = await ingestion.registerVictim(
      agencyCaller(asAgency(report.agencyId)),
      report.body,
    );
    let replayed = opened.replayed ? 1 : 0;
    for (const post of rest) {
      const result = await ingestion.postEvents(
        agencyCaller(asAgency(post.agencyId)),
        opened.victimId,
        post.body,
      );
      if (result.replayed) replayed += 1;
    }
    return { events: journey.posts.length, replayed };
  };
}

export interface HttpPosterOptions {
  /** The API key of an agency (the development and load directories': `dev-<agency id>`). */
  keyOf?: (agencyId: string) => string;
  /** Attempts per post before giving up (network errors, 429, 502, 503, 504). */
  attempts?: number;
  /** Waits between attempts, doubling from this many milliseconds (a 429's Retry-After wins). */
  backoffMs?: number;
}

/**
 * Posts over HTTP: `POST /v1/victims` for the crime report, then each event to the victim's
 * stream. A post that fails on the way or is refused for now (429, 502-504) is sent again with
 * the same event id, which the API answers from what it stored, so a retry never duplicates.
 */
export function httpPoster(baseUrl: string, options: HttpPosterOptions = {}): JourneyPoster {
  const keyOf = options.keyOf ?? ((id: string) => `dev-${id}`);
  const attempts = options.attempts ?? 8;
  const backoffMs = options.backoffMs ?? 200;
  const base = baseUrl.replace(/\/+$/, '');

  const send = async (path: string, post: WorkloadPost): Promise<PostAnswer> => {
    const body = JSON.stringify(post.body);
    for (let attempt = 1; ; attempt++) {
      let wait = backoffMs * 2 ** (attempt - 1);
      try {
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${keyOf(post.agencyId)}`,
            'content-type': 'application/json',
          },
          body,
        });
        const text = await response.text();
        if (response.status === 200 || response.status === 201)
          return JSON.parse(text) as PostAnswer;
        if (![429, 502, 503, 504].includes(response.status)) {
          throw new PostRefused(
            `POST ${path} (${post.body.type} ${post.body.eventId} as ${post.agencyId}) was refused: ${response.status} ${text.slice(0, 500)}`,
          );
        }
        const retryAfter = Number(response.headers.get('retry-after'));
        if (Number.isFinite(retryAfter) && retryAfter > 0) wait = retryAfter * 1000;
        if (attempt >= attempts) {
          throw new PostRefused(
            `POST ${path}: still ${response.status} after ${attempts} attempts`,
          );
        }
      } catch (error) {
        if (error instanceof PostRefused || attempt >= attempts) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 30_000)));
    }
  };

  return async (journey) => {
    const [report, ...rest] = journey.posts;
    if (!report) return { events: 0, replayed: 0 };
    const opened = await send('/v1/victims', report);
    let replayed = opened.replayed ? 1 : 0;
    const stream = `/v1/victims/${encodeURIComponent(opened.victimId)}/events`;
    for (const post of rest) {
      if ((await send(stream, post)).replayed) replayed += 1;
    }
    return { events: journey.posts.length, replayed };
  };
}

interface PostAnswer {
  victimId: string;
  replayed: boolean;
}

/** The API refused a post for good (a 4xx other than 429): sending it again would not help. */
export class PostRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostRefused';
  }
}
