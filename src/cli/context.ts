/**
 * Builds what every command needs from the global options: config, logger, store, connector.
 * Each command closes the store and connector it opens.
 */
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import type { Connector } from '../connector/connector.js';
import { createConnector } from '../connector/registry.js';
import { createLogger, type Logger, type LogLevel } from '../log/logger.js';
import { openStore, type StoreOptions } from '../store/open-store.js';
import type { StateStore } from '../store/store.js';
import { type SyncSettings } from '../sync/settings.js';
import { UserError } from './user-error.js';

export interface GlobalOptions {
  config: string;
  state?: string;
  data?: string;
  connector?: string;
  logLevel?: LogLevel;
  json?: boolean;
  debug?: boolean;
}

export interface AppContext {
  loaded: LoadedConfig;
  logger: Logger;
  interactive: boolean;
}

export function isInteractive(options: GlobalOptions): boolean {
  return Boolean(process.stdout.isTTY) && !options.json && process.env.CI === undefined;
}

export function loadApp(options: GlobalOptions): AppContext {
  // SCORESYNC_DATABASE_URL (the container's way to point every command at Postgres) counts as --state; the flag wins.
  const statePath = options.state ?? (process.env.SCORESYNC_DATABASE_URL?.trim() || undefined);
  const loaded = loadConfig(options.config, { dataDir: options.data, statePath });
  const interactive = isInteractive(options);
  const logger = createLogger({
    level: options.logLevel ?? loaded.config.logging.level,
    format: interactive ? 'pretty' : 'json',
  });
  for (const warning of loaded.warnings) logger.warn(warning);
  return { loaded, logger, interactive };
}

export function appStoreOptions(app: AppContext): StoreOptions {
  const state = app.loaded.config.state;
  return state.driver === 'postgres' ? { driver: 'postgres', url: state.url, schema: state.schema } : { driver: 'sqlite', path: state.path };
}

export async function openAppStore(app: AppContext): Promise<StateStore> {
  return openStore(appStoreOptions(app));
}

export function connectorName(app: AppContext, options: GlobalOptions): string {
  return options.connector ?? app.loaded.config.defaultConnector;
}

export function openConnector(app: AppContext, name: string, logger: Logger): Connector {
  const settings = (app.loaded.config.connectors as Record<string, Record<string, unknown> | undefined>)[name];
  const mapping = app.loaded.mappings[name];
  if (!settings || !mapping) {
    const configured = Object.keys(app.loaded.config.connectors).join(', ') || 'none';
    throw new UserError(
      `${app.loaded.configPath}: connectors.${name} is not configured (configured: ${configured}). Fix: add a connectors.${name} section with its mapping file, or pick another with --connector.`,
    );
  }
  return createConnector(name, { mapping, settings, logger: logger.child({ connector: name }) });
}

export function syncSettings(app: AppContext): SyncSettings {
  const { sync, budgets } = app.loaded.config;
  return {
    overlapMinutes: sync.overlapMinutes,
    rescoreAllEveryHours: sync.rescoreAllEveryHours,
    retrainEveryHours: sync.retrainEveryHours,
    maxAttempts: sync.maxAttempts,
    retryForHours: sync.retryForHours,
    lockLeaseSeconds: sync.lockLeaseSeconds,
    lockRenewSeconds: sync.lockRenewSeconds,
    scoreBatchSize: sync.scoreBatchSize,
    scoreWorkers: sync.scoreWorkers,
    keepWrittenDays: sync.keepWrittenDays,
    keepScoreHistoryDays: sync.keepScoreHistoryDays,
    reservePercent: budgets.reservePercent,
    runSharePercent: budgets.runSharePercent,
    maxCallsPerRun: budgets.maxCallsPerRun ?? null,
  };
}
