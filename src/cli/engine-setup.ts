/** The engine's dependencies as every command that runs it builds them: store, connector, clock, progress. */
import type { Connector } from '../connector/connector.js';
import { scoring } from '../scoring/index.js';
import type { StateStore } from '../store/store.js';
import type { EngineDeps } from '../sync/engine-deps.js';
import { appStoreOptions, connectorName, loadApp, openAppStore, openConnector, syncSettings, type AppContext, type GlobalOptions } from './context.js';
import { loggingProgress, terminalProgress } from './progress-bars.js';

export function engineDeps(app: AppContext, name: string, connector: Connector, store: StateStore, runId: string): EngineDeps {
  const logger = app.logger.child({ runId });
  return {
    store,
    connector,
    mapping: app.loaded.mappings[name]!,
    scoring,
    scoringConfig: app.loaded.scoring,
    settings: syncSettings(app),
    logger: app.logger,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    progress: app.interactive ? terminalProgress() : loggingProgress(logger),
    storeOptions: appStoreOptions(app),
  };
}

/** What a command that runs the engine works with, opened for it and closed after it. */
export interface EngineSession {
  app: AppContext;
  name: string;
  connector: Connector;
  store: StateStore;
  deps(runId: string): EngineDeps;
}

/** Opens the connector (first: a misconfigured one fails before a store connection is opened) and the store, checks the connector, runs `body`, closes both. */
export async function withEngine<T>(global: GlobalOptions, body: (session: EngineSession) => Promise<T>): Promise<T> {
  const app = loadApp(global);
  const name = connectorName(app, global);
  const connector = openConnector(app, name, app.logger);
  const store = await openAppStore(app);
  try {
    await connector.check();
    return await body({ app, name, connector, store, deps: (runId) => engineDeps(app, name, connector, store, runId) });
  } finally {
    await connector.close();
    await store.close();
  }
}
