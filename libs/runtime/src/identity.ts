import type { AgencyDirectory } from '@vj/agencies';
import {
  AgencyClients,
  CallerAuthenticator,
  DEV_ISSUER_PATH,
  DevIssuer,
  devIssuerKey,
  issuerKeySet,
  localKeySet,
  PeopleDirectory,
} from '@vj/identity';
import { readJsonFile, type AppConfig } from './config';

/** Who may call: the authenticator every request goes through, and the development issuer if used. */
export interface Identity {
  authenticator: CallerAuthenticator;
  /** The built-in issuer the API serves under DEV_ISSUER_PATH; only without OIDC_ISSUER, never in production. */
  devIssuer: DevIssuer | undefined;
  /** The issuer people sign in with: OIDC_ISSUER, or the built-in one. */
  issuer: string;
}

/** The composition root's choice of issuer: the configured one, or the built-in development issuer. */
export async function openIdentity(
  config: AppConfig,
  agencies: AgencyDirectory,
): Promise<Identity> {
  const { identity } = config;
  const people = PeopleDirectory.fromConfig(
    readJsonFile('PEOPLE_FILE', identity.peopleFile),
    agencies,
  );
  if (identity.oidcIssuer) {
    const issuer = identity.oidcIssuer.replace(/\/+$/, '');
    return {
      authenticator: new CallerAuthenticator(agencies, people, {
        issuer,
        audience: identity.oidcAudience,
        keys: issuerKeySet(issuer),
      }),
      devIssuer: undefined,
      issuer,
    };
  }
  const issuer = `${identity.publicUrl}${DEV_ISSUER_PATH}`;
  const key = await devIssuerKey(config.dataDir);
  const devIssuer = new DevIssuer({
    issuer,
    audience: identity.oidcAudience,
    signInClientId: identity.oidcClientId,
    // The API's JSON sign-in and the web pages' (see docs/web.md): a real issuer registers both.
    redirectUris: [`${identity.publicUrl}/auth/callback`, `${identity.publicUrl}/sign-in/callback`],
    people,
    agencyClients: AgencyClients.fromConfig(
      readJsonFile('the development agency clients file', identity.agencyClientsFile),
      (id) => agencies.byId(id) !== undefined,
    ),
    key,
  });
  return {
    authenticator: new CallerAuthenticator(agencies, people, {
      issuer,
      audience: identity.oidcAudience,
      keys: localKeySet(key),
    }),
    devIssuer,
    issuer,
  };
}
