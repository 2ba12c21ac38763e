/**
 * BullMQ keeps every queued job in Redis memory. Under any maxmemory-policy but `noeviction`, a
 * full Redis silently drops keys, jobs among them; with `noeviction` it refuses writes instead,
 * which BullMQ reports. The deadline scheduler re-queues from the read model, so nothing is lost
 * for good either way, but an evicted job is a reminder or breach check late by up to a window.
 */

/** What is needed of a Redis client: ioredis's `config`. */
export interface RedisConfigReader {
  config(subcommand: 'GET', parameter: string): Promise<unknown>;
}

/**
 * A warning to log at start when Redis's maxmemory-policy is not `noeviction`, or cannot be read
 * (managed Redis services often disable or rename CONFIG); undefined when all is well.
 */
export async function checkMaxmemoryPolicy(redis: RedisConfigReader): Promise<string | undefined> {
  let reply: unknown;
  try {
    reply = await redis.config('GET', 'maxmemory-policy');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return (
      `could not read Redis maxmemory-policy (${reason}): make sure it is noeviction, ` +
      'or queued deadline jobs may be evicted when Redis is full'
    );
  }
  const policy = policyIn(reply);
  if (policy === 'noeviction') return undefined;
  if (policy === undefined) {
    return (
      'Redis did not report its maxmemory-policy (CONFIG GET answered nothing): make sure it ' +
      'is noeviction, or queued deadline jobs may be evicted when Redis is full'
    );
  }
  return (
    `Redis maxmemory-policy is ${policy}, not noeviction: when Redis is full it may evict ` +
    'queued deadline jobs (they are re-queued from the read model on the next scheduler run, ' +
    'late); set maxmemory-policy noeviction'
  );
}

/** RESP2 answers `[name, value]`; RESP3 a map (an object or a Map). */
function policyIn(reply: unknown): string | undefined {
  if (Array.isArray(reply)) {
    const i = reply.indexOf('maxmemory-policy');
    const value: unknown = i >= 0 ? reply[i + 1] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
  if (reply instanceof Map) {
    const value: unknown = reply.get('maxmemory-policy');
    return typeof value === 'string' ? value : undefined;
  }
  if (typeof reply === 'object' && reply !== null) {
    const value = (reply as Record<string, unknown>)['maxmemory-policy'];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
