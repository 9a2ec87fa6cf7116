/**
 * Prometheus metrics (GET /metrics). One registry per service, so tests can run several in one process. Counters count
 * what this process did; the outbox depth and the API budget are read when scraped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunRecord } from '../model/sync.js';

export interface ServiceMetrics {
  registry: Registry;
  recordRun(run: RunRecord, durationSeconds: number): void;
  eventsIngested(connector: string, count: number): void;
}

export interface ScrapeSources {
  connectors(): string[];
  /** The connector's API budget as its responses last reported it (null: unknown). */
  budget(connector: string): { calls: number; remaining: number | null };
  outboxDepth(connector: string): Promise<number>;
}

export function createMetrics(sources: ScrapeSources): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'scoresync_' });
  const runs = new Counter({ name: 'scoresync_runs_total', help: 'Finished runs by connector, mode and status', labelNames: ['connector', 'mode', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'scoresync_run_duration_seconds',
    help: 'Run duration',
    labelNames: ['connector', 'mode'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [registry],
  });
  const scored = new Counter({ name: 'scoresync_records_scored_total', help: 'Accounts, contacts and leads scored', labelNames: ['connector', 'kind'], registers: [registry] });
  const writes = new Counter({ name: 'scoresync_writes_total', help: 'CRM writes by outcome', labelNames: ['connector', 'outcome'], registers: [registry] });
  const events = new Counter({ name: 'scoresync_events_ingested_total', help: 'First-party events stored from POST /api/events', labelNames: ['connector'], registers: [registry] });
  new Gauge({
    name: 'scoresync_api_calls_total',
    help: 'CRM API calls this process made (its connectors since start)',
    labelNames: ['connector'],
    registers: [registry],
    collect() {
      for (const name of sources.connectors()) this.set({ connector: name }, sources.budget(name).calls);
    },
  });
  new Gauge({
    name: 'scoresync_api_budget_remaining',
    help: "The CRM's remaining API budget as last reported (absent when the CRM reports none)",
    labelNames: ['connector'],
    registers: [registry],
    collect() {
      this.reset();
      for (const name of sources.connectors()) {
        const remaining = sources.budget(name).remaining;
        if (remaining !== null) this.set({ connector: name }, remaining);
      }
    },
  });
  new Gauge({
    name: 'scoresync_outbox_depth',
    help: 'Planned writes waiting to be pushed',
    labelNames: ['connector'],
    registers: [registry],
    async collect() {
      for (const name of sources.connectors()) this.set({ connector: name }, await sources.outboxDepth(name).catch(() => NaN));
    },
  });
  return {
    registry,
    recordRun(run, seconds) {
      const { connector, mode, status } = run;
      runs.inc({ connector, mode, status });
      duration.observe({ connector, mode }, seconds);
      scored.inc({ connector, kind: 'account' }, run.counts.scoredAccounts);
      scored.inc({ connector, kind: 'contact' }, run.counts.scoredContacts);
      scored.inc({ connector, kind: 'lead' }, run.counts.scoredLeads);
      writes.inc({ connector, outcome: 'written' }, run.counts.recordsWritten);
      writes.inc({ connector, outcome: 'failed' }, run.counts.writeFailures);
      writes.inc({ connector, outcome: 'task_created' }, run.counts.tasksCreated);
    },
    eventsIngested(connector, count) {
      events.inc({ connector }, count);
    },
  };
}
