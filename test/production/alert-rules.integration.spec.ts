import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeadlineScheduler } from '@vj/deadline-scheduling';
import { createMetrics } from '@vj/observability';
import { REDIS_URL } from '../support/server-urls';

const ALERTS_FILE = join(__dirname, '..', '..', 'deploy', 'alerts.yml');

/** The metric names the alert rules' expressions use (ours and prom-client's defaults). */
function metricsNamedByAlerts(text: string): { alerts: string[]; metrics: Set<string> } {
  const alerts = [...text.matchAll(/^\s*- alert: (\S+)$/gm)].map((m) => m[1] as string);
  // An expression is `expr: …` on one line or a folded block (`expr: >-`) indented below it.
  const exprs = [...text.matchAll(/^(\s*)expr: (.*)$((?:\n\1 +.*)*)/gm)].map(
    (m) => `${m[2]} ${m[3]}`,
  );
  const metrics = new Set(
    exprs.flatMap((expr) => [...expr.matchAll(/\b(?:vj|nodejs|process)_[a-z0-9_]+/g)].map(String)),
  );
  return { alerts, metrics };
}

/** Every metric the API and the worker register, as their modules build them. */
async function registeredMetricNames(): Promise<Set<string>> {
  const api = createMetrics('api');
  const worker = createMetrics('worker');
  const scheduler = new DeadlineScheduler({
    redisUrl: REDIS_URL,
    queueName: `vj-ops-alerts-${process.pid}-${randomUUID().slice(0, 6)}`,
    // Only its metrics are looked at: it never runs a window or a job here.
    dueDeadlines: {} as never,
    outbox: {} as never,
    projector: { recheckVictims: () => Promise.resolve() },
    agencies: [],
    clock: { now: () => new Date('2026-06-01T12:00:00Z') },
    registry: worker.registry,
  });
  try {
    return new Set(
      [...api.registry.getMetricsAsArray(), ...worker.registry.getMetricsAsArray()].map(
        (metric) => metric.name,
      ),
    );
  } finally {
    await scheduler.close();
  }
}

describe('the Prometheus alert rules (deploy/alerts.yml)', () => {
  const { alerts, metrics } = metricsNamedByAlerts(readFileSync(ALERTS_FILE, 'utf8'));

  it('name only metrics that the API and the worker register', async () => {
    const registered = await registeredMetricNames();
    expect(metrics.size).toBeGreaterThan(5);
    expect([...metrics].filter((name) => !registered.has(name))).toEqual([]);
  });

  it('cover projection lag, parked events, failed notifications and the deadline queue', () => {
    for (const name of [
      'vj_projection_lag_seconds',
      'vj_projection_events_parked_total',
      'vj_notification_failures_total',
      'vj_deadline_queue_depth',
    ]) {
      expect(metrics).toContain(name);
    }
  });

  it('are each explained in the runbook', () => {
    const runbook = readFileSync(join(__dirname, '..', '..', 'docs', 'operations.md'), 'utf8');
    expect(alerts.length).toBeGreaterThan(5);
    expect(alerts.filter((alert) => !runbook.includes(`\`${alert}\``))).toEqual([]);
  });
});
