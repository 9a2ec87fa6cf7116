/**
 * Starts runs for the admin API and the scheduler, one at a time per connector across every instance: the run takes
 * the connector's lease lock before it is reported started (a held lock is RunLockedError, the API's 409). On shutdown
 * it takes no new runs and stops the current ones at their next batch boundary.
 */
import { randomUUID } from 'node:crypto';
import { engineDeps } from '../cli/engine-setup.js';
import { syncSettings } from '../cli/context.js';
import type { RunRecord } from '../model/sync.js';
import { RunLease, runLockName } from '../sync/run-lease.js';
import { RunStoppedError } from '../sync/run-stop.js';
import { runSync } from '../sync/run-sync.js';
import { runAlerts } from './alerts.js';
import type { ServiceContext } from './service-context.js';

/** The newest dry-run plans kept per connector for GET /api/plan/:runId. */
const PLANS_KEPT = 20;

export interface StartOptions {
  full: boolean;
  dryRun: boolean;
  /** Who asked: `api`, or `schedule:<job>`. */
  trigger: string;
}

export interface ActiveRun {
  runId: string;
  connector: string;
  mode: RunRecord['mode'];
  trigger: string;
  startedAt: string;
  /** The run's record once it ended (null when even that could not be read). */
  done: Promise<RunRecord | null>;
}

export class ServiceClosedError extends Error {
  constructor() {
    super('the service is shutting down and starts no new runs');
    this.name = 'ServiceClosedError';
  }
}

export class UnknownConnectorError extends Error {
  constructor(name: string, configured: string[]) {
    super(`connector "${name}" is not served by this instance (served: ${configured.join(', ') || 'none'}); an instance serves its default connector and those with a schedule (or the one named by serve --connector)`);
    this.name = 'UnknownConnectorError';
  }
}

export class RunManager {
  private accepting = true;
  private readonly active = new Map<string, ActiveRun & { stop: AbortController }>();
  /** Work other than runs that holds a connector's lock (the intent import): waited for on shutdown too. */
  private readonly chores = new Set<Promise<unknown>>();

  constructor(private readonly ctx: ServiceContext) {}

  get isAccepting(): boolean {
    return this.accepting;
  }

  connectorNames(): string[] {
    return [...this.ctx.connectors.keys()];
  }

  /** Takes the connector's lock and starts the run in the background; throws RunLockedError when another run holds it. */
  async start(connector: string, options: StartOptions): Promise<ActiveRun> {
    const crm = this.connectorOf(connector);
    const runId = randomUUID();
    const lease = await this.acquire(connector, runId);
    const stop = new AbortController();
    const startedAt = this.ctx.now();
    const logger = this.ctx.logger.child({ runId, connector, trigger: options.trigger });
    logger.info('run started', { full: options.full, dryRun: options.dryRun });
    const done = (async (): Promise<RunRecord | null> => {
      const deps = engineDeps(this.ctx.app, connector, crm, this.ctx.store, runId);
      try {
        const result = await runSync(deps, { full: options.full, dryRun: options.dryRun, runId, lease, stop: stop.signal });
        if (options.dryRun) {
          await this.ctx.store.savePlan({ runId, connector, createdAt: this.ctx.now().toISOString(), plan: result.plan }, PLANS_KEPT);
        }
        const usage = crm.usage();
        const run: RunRecord = { ...result.run, rejects: result.rejects.slice(0, 100), apiBudget: { limit: usage.limit, remaining: usage.remaining } };
        await this.ctx.store.saveRun(run);
        this.finished(run, startedAt, false);
        logger.info('run finished', { status: run.status, ...run.counts });
        return run;
      } catch (error) {
        const stopped = error instanceof RunStoppedError;
        logger[stopped ? 'warn' : 'error']('run ended early', { error: error instanceof Error ? error.message : String(error) });
        const run = await this.ctx.store.getRun(runId).catch(() => null);
        if (run) this.finished(run, startedAt, stopped);
        return run;
      } finally {
        await lease.release().catch((error: unknown) => logger.warn('could not release the run lock', { error: String(error) }));
        this.active.delete(runId);
      }
    })();
    const entry = { runId, connector, mode: options.dryRun ? ('dry-run' as const) : ('run' as const), trigger: options.trigger, startedAt: startedAt.toISOString(), done, stop };
    this.active.set(runId, entry);
    return entry;
  }

  /** Runs `body` holding the connector's run lock (work that must not race a run, e.g. an intent import). */
  async withConnectorLock<T>(connector: string, owner: string, body: () => Promise<T>): Promise<T> {
    this.connectorOf(connector);
    const lease = await this.acquire(connector, owner);
    const work = body();
    this.chores.add(work);
    try {
      return await work;
    } finally {
      this.chores.delete(work);
      await lease.release().catch(() => undefined);
    }
  }

  activeRun(runId: string): ActiveRun | undefined {
    return this.active.get(runId);
  }

  activeRuns(): ActiveRun[] {
    return [...this.active.values()];
  }

  /**
   * Takes no new runs, asks the current ones to stop at their next batch boundary, and waits for them (and for any
   * intent import) up to `graceMs`. True when everything ended in time.
   */
  async shutdown(graceMs: number): Promise<boolean> {
    this.accepting = false;
    for (const run of this.active.values()) run.stop.abort('the service is shutting down (SIGTERM)');
    const all = Promise.all([...[...this.active.values()].map((r) => r.done), ...this.chores]).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private connectorOf(name: string) {
    const crm = this.ctx.connectors.get(name);
    if (!crm) throw new UnknownConnectorError(name, this.connectorNames());
    return crm;
  }

  private async acquire(connector: string, owner: string): Promise<RunLease> {
    if (!this.accepting) throw new ServiceClosedError();
    const settings = syncSettings(this.ctx.app);
    return RunLease.acquire({
      store: this.ctx.store,
      name: runLockName(connector),
      owner,
      leaseMs: settings.lockLeaseSeconds * 1000,
      renewMs: settings.lockRenewSeconds * 1000,
      now: this.ctx.now,
      logger: this.ctx.logger,
    });
  }

  private finished(run: RunRecord, startedAt: Date, stopped: boolean): void {
    this.ctx.metrics.recordRun(run, (this.ctx.now().getTime() - startedAt.getTime()) / 1000);
    // A run stopped by our own shutdown is not an incident: the next start finishes it.
    if (stopped) return;
    const budget = run.apiBudget ?? { limit: null, remaining: null };
    for (const alert of runAlerts({ run, budget, reservePercent: this.ctx.app.loaded.config.budgets.reservePercent })) this.ctx.alerts.send(alert);
  }
}
