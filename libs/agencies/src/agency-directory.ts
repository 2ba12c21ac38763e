import { createHash } from 'node:crypto';
import { CALLER_KINDS, type Agency, type AgencyWebhook, type CallerKind } from './agency';
import { isPoliceArea } from './police-areas';

interface AgencyConfigEntry {
  id: string;
  name: string;
  kind: CallerKind;
  homeArea: string;
  areas: string[] | '*';
  /** SHA-256 (hex) of each API key the agency holds; several allow a key to be rotated. */
  apiKeySha256: string[];
  /** Optional: where its reminders and breach notifications go; the secret is in `secretEnv`. */
  webhook?: AgencyWebhook;
}

export class AgencyConfigError extends Error {
  constructor(message: string) {
    super(`agency configuration: ${message}`);
    this.name = 'AgencyConfigError';
  }
}

/**
 * A webhook is an http(s) URL with no credentials in it, and the name of the environment variable
 * holding its signing secret (never the secret itself: the file may be committed or shared).
 */
function validateWebhook(raw: unknown, where: string): void {
  const w = raw as Partial<Record<keyof AgencyWebhook, unknown>> | null;
  if (typeof w !== 'object' || w === null || Array.isArray(w))
    throw new AgencyConfigError(`${where} must be { "url", "secretEnv" }`);
  const extra = Object.keys(w).filter((k) => k !== 'url' && k !== 'secretEnv');
  if (extra.length > 0)
    throw new AgencyConfigError(
      `${where} has unknown field(s) ${extra.join(', ')} (the secret belongs in the environment)`,
    );
  let url: URL | undefined;
  try {
    url = typeof w.url === 'string' ? new URL(w.url) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new AgencyConfigError(`${where}.url must be an http(s) URL`);
  if (url.username || url.password)
    throw new AgencyConfigError(`${where}.url must not carry credentials`);
  if (typeof w.secretEnv !== 'string' || !/^[A-Z][A-Z0-9_]{0,127}$/.test(w.secretEnv))
    throw new AgencyConfigError(
      `${where}.secretEnv must name an environment variable (upper case, digits, _)`,
    );
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/**
 * The agencies that may call the API and their hashed keys. Keys are long random secrets, so a
 * plain SHA-256 is enough to keep them useless if the configuration leaks; no key is held in clear.
 */
export class AgencyDirectory {
  private readonly byKeyHash = new Map<string, Agency>();
  private readonly byAgencyId = new Map<string, Agency>();

  private constructor(
    readonly agencies: readonly Agency[],
    entries: readonly AgencyConfigEntry[],
  ) {
    entries.forEach((entry, i) => {
      for (const hash of entry.apiKeySha256) this.byKeyHash.set(hash, agencies[i] as Agency);
    });
    for (const agency of agencies) this.byAgencyId.set(agency.id, agency);
  }

  /** Validates the whole configuration and fails at start, naming the first bad entry. */
  static fromConfig(config: unknown): AgencyDirectory {
    const list = (config as { agencies?: unknown } | null)?.agencies;
    if (!Array.isArray(list) || list.length === 0) {
      throw new AgencyConfigError('expected { "agencies": [ ... ] } with at least one agency');
    }
    const ids = new Set<string>();
    const hashes = new Set<string>();
    const entries = list.map((raw: unknown, i): AgencyConfigEntry => {
      const e = raw as Partial<AgencyConfigEntry>;
      const where = `agencies[${i}]`;
      if (typeof e.id !== 'string' || !/^[a-z0-9-]{2,64}$/.test(e.id))
        throw new AgencyConfigError(`${where}.id must be kebab-case`);
      if (ids.has(e.id)) throw new AgencyConfigError(`${where}.id '${e.id}' is repeated`);
      ids.add(e.id);
      if (typeof e.name !== 'string' || e.name.length === 0)
        throw new AgencyConfigError(`${where}.name is required`);
      if (!CALLER_KINDS.includes(e.kind as CallerKind))
        throw new AgencyConfigError(`${where}.kind must be one of ${CALLER_KINDS.join(', ')}`);
      if (typeof e.homeArea !== 'string' || !isPoliceArea(e.homeArea))
        throw new AgencyConfigError(`${where}.homeArea must be a police area`);
      if (
        e.areas !== '*' &&
        !(Array.isArray(e.areas) && e.areas.every((a) => typeof a === 'string' && isPoliceArea(a)))
      ) {
        throw new AgencyConfigError(`${where}.areas must be '*' or a list of police areas`);
      }
      if (
        !Array.isArray(e.apiKeySha256) ||
        e.apiKeySha256.length === 0 ||
        !e.apiKeySha256.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))
      ) {
        throw new AgencyConfigError(`${where}.apiKeySha256 must list SHA-256 hex digests`);
      }
      if (e.webhook !== undefined) validateWebhook(e.webhook, `${where}.webhook`);
      for (const h of e.apiKeySha256) {
        if (hashes.has(h))
          throw new AgencyConfigError(`${where}: an API key hash is shared with another agency`);
        hashes.add(h);
      }
      return e as AgencyConfigEntry;
    });
    const agencies = entries.map(({ id, name, kind, homeArea, areas, webhook }): Agency => ({
      id,
      name,
      kind,
      homeArea,
      areas: areas === '*' ? ('*' as const) : [...new Set([homeArea, ...areas])],
      ...(webhook ? { webhook: { url: webhook.url, secretEnv: webhook.secretEnv } } : {}),
    }));
    return new AgencyDirectory(agencies, entries);
  }

  authenticate(apiKey: string): Agency | undefined {
    // Looked up by digest, so the lookup's timing says nothing useful about the key itself.
    return this.byKeyHash.get(hashApiKey(apiKey));
  }

  /** The agency with this id, for trusted in-process callers (the demo data seed); never for requests. */
  byId(id: string): Agency | undefined {
    return this.byAgencyId.get(id);
  }
}
