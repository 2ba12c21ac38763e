export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODELS = Symbol('READ_MODELS');
export const CLOCK = Symbol('CLOCK');
export const METRICS = Symbol('METRICS');
export const JOURNEY_PROJECTOR = Symbol('JOURNEY_PROJECTOR');
export const REDIS = Symbol('REDIS');
export const AGENCY_DIRECTORY = Symbol('AGENCY_DIRECTORY');
