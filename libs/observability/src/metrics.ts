import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** The product's Prometheus metrics. Labels carry kinds and types, never anything about a victim. */
export interface Metrics {
  registry: Registry;
  eventsIngested: Counter<'agency_kind'>;
  eventsProjected: Counter<'projection'>;
  eventsParked: Counter<'projection'>;
  projectionPosition: Gauge<'projection'>;
  projectionLagSeconds: Gauge<'projection'>;
  eventFeedStalls: Counter;
}

export function createMetrics(process: 'api' | 'worker'): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    eventsIngested: new Counter({
      name: 'vj_events_ingested_total',
      help: 'Events stored from agency posts (retries that stored nothing are not counted)',
      labelNames: ['agency_kind'],
      registers: [registry],
    }),
    eventsProjected: new Counter({
      name: 'vj_projection_events_applied_total',
      help: 'Events applied to a projection',
      labelNames: ['projection'],
      registers: [registry],
    }),
    eventsParked: new Counter({
      name: 'vj_projection_events_parked_total',
      help: 'Events a projection could not apply, parked with their error',
      labelNames: ['projection'],
      registers: [registry],
    }),
    projectionPosition: new Gauge({
      name: 'vj_projection_position',
      help: 'Global position of the last event a projection applied',
      labelNames: ['projection'],
      registers: [registry],
    }),
    projectionLagSeconds: new Gauge({
      name: 'vj_projection_lag_seconds',
      help: 'How long ago the last event a projection applied was recorded (0 when caught up)',
      labelNames: ['projection'],
      registers: [registry],
    }),
    eventFeedStalls: new Counter({
      name: 'vj_event_feed_stalls_total',
      help: 'Times the subscription to EventStoreDB $all sent nothing while $all had victim events, and was restarted',
      registers: [registry],
    }),
  };
}
