import { createHash, timingSafeEqual } from 'node:crypto';

export class AgencyClientsConfigError extends Error {
  constructor(message: string) {
    super(`agency clients: ${message}`);
    this.name = 'AgencyClientsConfigError';
  }
}

/**
 * The development issuer's OAuth2 clients: one per agency (client id = agency id), with the
 * SHA-256 of its secret. A real issuer keeps its own clients; this file is for local use only.
 */
export class AgencyClients {
  private constructor(private readonly secretSha256: ReadonlyMap<string, Buffer>) {}

  static fromConfig(config: unknown, knownAgency: (id: string) => boolean): AgencyClients {
    const list = (config as { clients?: unknown } | null)?.clients;
    if (!Array.isArray(list)) throw new AgencyClientsConfigError('expected { "clients": [ ... ] }');
    const secrets = new Map<string, Buffer>();
    list.forEach((raw: unknown, i) => {
      const c = raw as { clientId?: unknown; secretSha256?: unknown };
      if (typeof c.clientId !== 'string' || !knownAgency(c.clientId))
        throw new AgencyClientsConfigError(`clients[${i}].clientId must be an agency id`);
      if (typeof c.secretSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(c.secretSha256))
        throw new AgencyClientsConfigError(
          `clients[${i}].secretSha256 must be a SHA-256 hex digest`,
        );
      secrets.set(c.clientId, Buffer.from(c.secretSha256, 'hex'));
    });
    return new AgencyClients(secrets);
  }

  /** Whether this is the client's secret, compared in constant time. */
  verify(clientId: string, secret: string): boolean {
    const expected = this.secretSha256.get(clientId);
    const actual = createHash('sha256').update(secret, 'utf8').digest();
    return expected !== undefined && timingSafeEqual(actual, expected);
  }
}
