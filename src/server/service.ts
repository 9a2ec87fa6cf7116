/**
 * `scoresync serve` put together: config, store, one connector per configured connector, the run manager, the
 * scheduler and the admin API on one port. `close()` is the graceful shutdown: stop accepting connections and new
 * runs, let the current run finish its batch and checkpoint, close everything, all within the grace period.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { loadApp, openAppStore, openConnector, type AppContext, type GlobalOptions } from '../cli/context.js';
import { loadConfig } from '../config/load-config.js';
import type { Connector } from '../connector/connector.js';
import { serviceJobRunner } from '../scheduler/job-runner.js';
import { scheduledJobs } from '../scheduler/jobs.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { StateStore } from '../store/store.js';
import { UserError } from '../cli/user-error.js';
import { alertWebhook, apiToken } from './access.js';
import { AlertSender } from './alerts.js';
import { createApp } from './app.js';
import { createMetrics } from './metrics.js';
import { RunManager } from './run-manager.js';
import type { ServiceContext } from './service-context.js';

export interface ServeOptions {
  host: string;
  port: number;
  insecureLocal: boolean;
  /** false: the admin API only (no scheduled runs on this instance). */
  scheduler: boolean;
  env?: NodeJS.ProcessEnv;
  /** Overrides service.shutdownGraceSeconds. */
  graceMs?: number;
}

export interface RunningService {
  url: string;
  port: number;
  context: ServiceContext;
  runs: RunManager;
  scheduler: Scheduler | null;
  /** Graceful shutdown; true when the current runs ended within the grace period. */
  close(reason?: string): Promise<boolean>;
}

/**
 * The connectors this instance serves: `--connector` alone when given, otherwise the default connector and every
 * connector with a schedule. Only those are opened (and their credentials required): a configured but unused
 * connector, such as the shipped Salesforce section without SALESFORCE_* variables, must not stop the service.
 */
export function servedConnectors(app: AppContext, global: GlobalOptions): string[] {
  if (global.connector !== undefined) return [global.connector];
  const { defaultConnector, schedules } = app.loaded.config;
  const scheduled = scheduledJobs(schedules).map((job) => job.connector);
  return [...new Set([defaultConnector, ...scheduled])];
}

export async function startService(global: GlobalOptions, options: ServeOptions): Promise<RunningService> {
  const env = options.env ?? process.env;
  // Check what the operator must fix before opening anything.
  const token = apiToken(env, options.host, options.insecureLocal);
  const alertUrl = alertWebhook(env);
  const app: AppContext = { ...loadApp({ ...global, json: true }), interactive: false };
  const logger = app.logger.child({ component: 'serve' });
  const connectors = new Map<string, Connector>();
  let store: StateStore | null = null;
  try {
    for (const name of servedConnectors(app, global)) {
      const connector = openConnector(app, name, app.logger);
      connectors.set(name, connector);
      await connector.check();
    }
    store = await openAppStore(app);
  } catch (error) {
    for (const c of connectors.values()) await c.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    throw error;
  }
  const openStore = store;
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const now = () => new Date();
  const metrics = createMetrics({
    connectors: () => [...connectors.keys()],
    budget: (name) => {
      const usage = connectors.get(name)!.usage();
      return { calls: usage.calls, remaining: usage.remaining };
    },
    outboxDepth: (name) => openStore.countPendingOutbox(name),
  });
  const alerts = new AlertSender({ url: alertUrl, logger });
  const context: ServiceContext = { app, store: openStore, connectors, instanceId, logger, now, metrics, alerts };
  const runs = new RunManager(context);
  const jobs = options.scheduler ? scheduledJobs(app.loaded.config.schedules).filter((job) => connectors.has(job.connector)) : [];
  const scheduler =
    jobs.length > 0
      ? new Scheduler({ jobs, timezone: app.loaded.config.schedules.timezone, store: openStore, instanceId, runner: serviceJobRunner(runs, openStore, instanceId, now), logger, now })
      : null;
  const checkConfig = () => void loadConfig(app.loaded.configPath, { ...(global.data !== undefined ? { dataDir: global.data } : {}), env });
  const server: Server = createApp(context, runs, { token, scheduler, checkConfig }).listen(options.port, options.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    for (const c of connectors.values()) await c.close().catch(() => undefined);
    await openStore.close().catch(() => undefined);
    throw listenError(error, options);
  }
  scheduler?.start();
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info('admin API listening', { url, instanceId, auth: token === null ? 'none (--insecure-local)' : 'bearer token', scheduledJobs: jobs.length });

  let closing: Promise<boolean> | null = null;
  const graceMs = options.graceMs ?? app.loaded.config.service.shutdownGraceSeconds * 1000;
  const close = (reason = 'shutdown requested'): Promise<boolean> =>
    (closing ??= (async () => {
      logger.info('shutting down: no new requests or runs; the current run stops after its batch', { reason, graceSeconds: graceMs / 1000 });
      const started = Date.now();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await scheduler?.stop();
      const clean = await runs.shutdown(graceMs);
      if (!clean) logger.warn('the current run did not stop within the grace period; its lock is taken over by the next run', { graceSeconds: graceMs / 1000 });
      const left = Math.max(0, graceMs - (Date.now() - started));
      // Requests still in flight get what is left of the grace period, then their connections are cut.
      const cut = setTimeout(() => server.closeAllConnections(), left);
      await serverClosed;
      clearTimeout(cut);
      // Alerts in flight get a moment, not the whole retry schedule.
      await Promise.race([alerts.flush(), new Promise((resolve) => setTimeout(resolve, Math.min(2000, left)).unref())]);
      if (clean) {
        for (const c of connectors.values()) await c.close().catch(() => undefined);
        await openStore.close().catch(() => undefined);
      }
      logger.info('stopped', { clean });
      return clean;
    })());
  return { url, port, context, runs, scheduler, close };
}

/** A port in use or an address this machine does not have is the operator's to fix. */
function listenError(error: unknown, options: ServeOptions): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new UserError(`port ${options.port} on ${options.host} is already in use. Fix: stop what listens there, or pass --port with a free port.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UserError(`--host ${options.host} is not an address of this machine. Fix: use 127.0.0.1, or 0.0.0.0 for every interface.`);
  if (code === 'EACCES') return new UserError(`port ${options.port} needs privileges this user lacks. Fix: use a port above 1023, e.g. --port 8080.`);
  return error instanceof Error ? error : new Error(String(error));
}
