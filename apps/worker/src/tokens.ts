export {
  AGENCY_DIRECTORY,
  APP_CONFIG,
  CLOCK,
  EVENT_STORE,
  METRICS,
  READ_MODELS,
} from '@vj/nest-edge';
export const JOURNEY_PROJECTOR = Symbol('JOURNEY_PROJECTOR');
export const REDIS = Symbol('REDIS');
