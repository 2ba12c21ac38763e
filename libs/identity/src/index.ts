// Who is calling: agency API keys, bearer tokens of the configured issuer, the people directory,
// and the built-in development issuer. Framework-free; the Nest edge wraps it in a guard.
export * from './agency-clients';
export * from './caller-authenticator';
export * from './dev-issuer';
export * from './people-directory';
