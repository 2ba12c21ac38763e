export {
  AGENCY_DIRECTORY,
  APP_CONFIG,
  CLOCK,
  EVENT_STORE,
  JOURNEY_PROJECTOR,
  METRICS,
  READ_MODELS,
} from '@vj/nest-edge';
export const REDIS = Symbol('REDIS');
export const DEADLINE_PORTS = Symbol('DEADLINE_PORTS');
