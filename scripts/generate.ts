/**
 * The workload generator's command: `npm run generate -- --victims N --seed S` writes synthetic
 * journeys across the 43 areas as NDJSON (stdout, or `--out file.ndjson`), posts them to a
 * running API (`--post URL`), or loads them straight into an event store through the ingestion
 * use case (`--store sqlite:DIR`, `--store postgres:URL`). `--agencies-file PATH` writes the load
 * agency directory the API needs to take posts for every area. docs/workload.md has the rest.
 */
import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AgencyDirectory } from '@vj/agencies';
import {
  feedOf,
  httpPoster,
  ingestionPoster,
  journeysOf,
  loadAgencyDirectory,
  postJourneys,
  type PostProgress,
  type WorkloadOptions,
} from '@vj/demo-data';
import { loadConfig, openIngestion, readAgenciesFile } from '@vj/runtime';

export const GENERATE_DEFAULTS = {
  victims: 1000,
  seed: 1,
  from: '2025-01-01T00:00:00Z',
  to: '2026-01-01T00:00:00Z',
  concurrency: 8,
} as const;

export class UsageError extends Error {}

interface Io {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${name} must be a whole number of at least ${min}, not '${raw}'`);
  }
  return value;
}

function instant(name: string, raw: string): Date {
  const value = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(value.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    throw new UsageError(`${name} must be a date (YYYY-MM-DD) or an instant, not '${raw}'`);
  }
  return value;
}

/** Runs the command; resolves with what it did, or rejects (a UsageError for bad arguments). */
export async function generate(args: readonly string[], io: Io): Promise<PostProgress> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      victims: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      order: { type: 'string' },
      out: { type: 'string' },
      post: { type: 'string' },
      store: { type: 'string' },
      concurrency: { type: 'string' },
      'agencies-file': { type: 'string' },
    },
    strict: true,
  });
  const options: WorkloadOptions = {
    victims: wholeNumber('--victims', values.victims, GENERATE_DEFAULTS.victims),
    seed: wholeNumber('--seed', values.seed, GENERATE_DEFAULTS.seed, Number.MIN_SAFE_INTEGER),
    from: instant('--from', values.from ?? GENERATE_DEFAULTS.from),
    to: instant('--to', values.to ?? GENERATE_DEFAULTS.to),
  };
  if (options.to.getTime() - options.from.getTime() < 2 * 3_600_000) {
    throw new UsageError('--to must be at least two hours after --from');
  }
  const order = values.order ?? 'victim';
  if (order !== 'victim' && order !== 'time') {
    throw new UsageError(`--order must be 'victim' or 'time', not '${order}'`);
  }
  const targets = [values.out, values.post, values.store].filter((v) => v !== undefined);
  if (targets.length > 1) throw new UsageError('choose one of --out, --post and --store');
  if (order === 'time' && (values.post || values.store)) {
    throw new UsageError('--order time is for NDJSON output: posting goes victim by victim');
  }
  const concurrency = wholeNumber(
    '--concurrency',
    values.concurrency,
    GENERATE_DEFAULTS.concurrency,
    1,
  );
  const progress = progressReporter(io.stderr, options.victims);

  if (values['agencies-file']) {
    const base = loadConfig(io.env).agenciesFile;
    const directory = loadAgencyDirectory(readAgenciesFile(base) as { agencies: { id: string }[] });
    AgencyDirectory.fromConfig(directory); // it must load as the API will load it
    writeFileSync(values['agencies-file'], `${JSON.stringify(directory, null, 2)}\n`);
    io.stderr.write(`generate: wrote the load agency directory to ${values['agencies-file']}\n`);
  }

  if (values.post) {
    const done = await postJourneys(journeysOf(options), httpPoster(values.post), {
      concurrency,
      onPosted: progress.tick,
    });
    return progress.end(done, `posted to ${values.post}`);
  }

  if (values.store) {
    return progress.end(
      await loadIntoStore(values.store, options, concurrency, io, progress.tick),
      `loaded into ${values.store.replace(/\/\/[^@/]*@/, '//')}`,
    );
  }

  const out = values.out ? createWriteStream(values.out) : io.stdout;
  const done: PostProgress = { victims: 0, events: 0, replayed: 0 };
  let chunk = '';
  const flush = async () => {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  };
  if (order === 'time') {
    let last = -1;
    for (const post of feedOf(options)) {
      chunk += `${JSON.stringify({ journey: post.journey, agencyId: post.agencyId, event: post.body })}\n`;
      done.events += 1;
      if (post.journey > last) {
        last = post.journey;
        done.victims = last + 1;
        progress.tick(done);
      }
      if (chunk.length > 65_536) await flush();
    }
  } else {
    for (const journey of journeysOf(options)) {
      for (const { agencyId, body } of journey.posts) {
        chunk += `${JSON.stringify({ journey: journey.index, agencyId, event: body })}\n`;
      }
      done.victims += 1;
      done.events += journey.posts.length;
      progress.tick(done);
      if (chunk.length > 65_536) await flush();
    }
  }
  await flush();
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  return progress.end(done, `written to ${values.out ?? 'stdout'}`);
}

/** Through the ingestion use case into the store `sqlite:DIR` or `postgres:URL` names. */
async function loadIntoStore(
  target: string,
  options: WorkloadOptions,
  concurrency: number,
  io: Io,
  onPosted: (progress: PostProgress) => void,
): Promise<PostProgress> {
  const colon = target.indexOf(':');
  const kind = target.slice(0, colon);
  const where = target.slice(colon + 1);
  if (colon < 0 || (kind !== 'sqlite' && kind !== 'postgres') || where === '') {
    throw new UsageError(`--store must be sqlite:DIR or postgres:URL, not '${target}'`);
  }
  const config = loadConfig({
    ...io.env,
    EVENT_STORE: kind,
    ...(kind === 'sqlite' ? { DATA_DIR: where } : { POSTGRES_URL: where }),
  });
  const agencies = AgencyDirectory.fromConfig(
    loadAgencyDirectory(readAgenciesFile(config.agenciesFile) as { agencies: { id: string }[] }),
  );
  const { ingestion, close } = await openIngestion(config);
  try {
    return await postJourneys(journeysOf(options), ingestionPoster(ingestion, agencies), {
      concurrency,
      onPosted,
    });
  } finally {
    await close();
  }
}

/** Progress to stderr every two seconds, and a summary with the rates at the end. */
function progressReporter(stderr: Writable, victims: number) {
  const started = performance.now();
  let lastReport = started;
  const rate = (n: number, ms: number) =>
    Math.round((n * 1000) / Math.max(ms, 1)).toLocaleString('en-GB');
  return {
    tick: (progress: PostProgress): void => {
      const now = performance.now();
      if (now - lastReport < 2000) return;
      lastReport = now;
      stderr.write(
        `generate: ${progress.victims.toLocaleString('en-GB')} of ${victims.toLocaleString('en-GB')} victims, ` +
          `${progress.events.toLocaleString('en-GB')} events (${rate(progress.events, now - started)} events/s)\n`,
      );
    },
    end: (progress: PostProgress, what: string): PostProgress => {
      const ms = performance.now() - started;
      stderr.write(
        `generate: ${progress.victims.toLocaleString('en-GB')} victims, ${progress.events.toLocaleString('en-GB')} events ` +
          `${what}` +
          (progress.replayed > 0
            ? ` (${progress.replayed.toLocaleString('en-GB')} already stored)`
            : '') +
          ` in ${(ms / 1000).toFixed(1)} s: ${rate(progress.victims, ms)} journeys/s, ${rate(progress.events, ms)} events/s\n`,
      );
      return progress;
    },
  };
}

if (require.main === module) {
  generate(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  }).catch((error: unknown) => {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
