/** Injection tokens of the ports both apps bind to adapters chosen from configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
export const AGENCY_DIRECTORY = Symbol('AGENCY_DIRECTORY');
export const READ_MODELS = Symbol('READ_MODELS');
export const METRICS = Symbol('METRICS');
/** The journey projector: run in process by the embedded API, by the projector runner in workers. */
export const JOURNEY_PROJECTOR = Symbol('JOURNEY_PROJECTOR');
/** Dependencies an app adds to `/health` beyond the event store and the read models. */
export const EXTRA_HEALTH_CHECKS = Symbol('EXTRA_HEALTH_CHECKS');
/** Who is calling: the authenticator, and the development issuer when no OIDC_ISSUER is set. */
export const IDENTITY = Symbol('IDENTITY');
/** The audit trail (`@vj/audit`): every read, export and refusal. */
export const AUDIT_LOG = Symbol('AUDIT_LOG');
