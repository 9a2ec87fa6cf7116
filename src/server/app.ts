/**
 * The admin API (express 5). Unauthenticated: /healthz (the process answers), /readyz (store reachable, config still
 * valid, not shutting down), /metrics (Prometheus). Everything under /api needs the bearer token. Bodies are JSON
 * with a size limit; helmet sets the security headers; every error is `{error, message}` (http-errors.ts).
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Scheduler } from '../scheduler/scheduler.js';
import { requireToken } from './auth.js';
import { errorHandler, notFound } from './http-errors.js';
import type { RunManager } from './run-manager.js';
import { accountRoutes } from './routes/accounts.js';
import { eventRoutes } from './routes/events.js';
import { reportRoutes } from './routes/reports.js';
import { runRoutes } from './routes/runs.js';
import type { ServiceContext } from './service-context.js';

export interface AppOptions {
  /** Null only with --insecure-local on a loopback address. */
  token: string | null;
  scheduler: Scheduler | null;
  /** Re-reads the config files and throws when they no longer validate (readyz). */
  checkConfig: () => void;
}

export function createApp(ctx: ServiceContext, runs: RunManager, options: AppOptions): Express {
  const config = ctx.app.loaded.config;
  const connectors = () => runs.connectorNames();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.use(express.json({ limit: `${config.service.bodyLimitKb}kb`, strict: true }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    checks.accepting = runs.isAccepting ? 'ok' : 'shutting down';
    checks.store = await ctx.store.listRuns(1).then(
      () => 'ok',
      (error: unknown) => `unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
    try {
      options.checkConfig();
      checks.config = 'ok';
    } catch (error) {
      checks.config = error instanceof Error ? error.message : String(error);
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });

  const api = express.Router();
  api.use(requireToken(options.token));
  api.use('/runs', runRoutes(ctx.store, runs, config.defaultConnector));
  api.use('/accounts', accountRoutes(ctx.store, connectors));
  api.use('/events', eventRoutes({ store: ctx.store, connectors: connectors(), defaultConnector: config.defaultConnector, maxEvents: config.service.maxEventsPerRequest, metrics: ctx.metrics, now: ctx.now }));
  api.use(reportRoutes(ctx.store, connectors, options.scheduler, config.schedules.timezone));
  app.use('/api', api);

  app.use(notFound);
  app.use(errorHandler(ctx.logger));
  return app;
}

