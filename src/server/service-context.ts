/** What the service's parts share: the loaded config, one store, one open connector per configured connector. */
import type { AppContext } from '../cli/context.js';
import type { Connector } from '../connector/connector.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../store/store.js';
import type { AlertSender } from './alerts.js';
import type { ServiceMetrics } from './metrics.js';

export interface ServiceContext {
  app: AppContext;
  store: StateStore;
  connectors: ReadonlyMap<string, Connector>;
  /** Names this process in locks and logs (host, pid and a random part). */
  instanceId: string;
  logger: Logger;
  now: () => Date;
  metrics: ServiceMetrics;
  alerts: AlertSender;
}
