/** Injection tokens: the ports the composition root binds to adapters chosen from configuration. */
export {
  AGENCY_DIRECTORY,
  APP_CONFIG,
  CLOCK,
  EVENT_STORE,
  JOURNEY_PROJECTOR,
  METRICS,
  READ_MODELS,
} from '@vj/nest-edge';
