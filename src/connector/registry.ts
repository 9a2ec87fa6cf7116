/**
 * The only place that knows which connectors exist. The engine asks for a connector by name and gets the
 * `Connector` interface back; connectors never import each other.
 */
import { createFileConnector } from '../../connectors/file/index.js';
import { createSalesforceConnector } from '../../connectors/salesforce/index.js';
import type { Connector, ConnectorContext } from './connector.js';
import { ConnectorError } from './connector.js';

type ConnectorFactory = (ctx: ConnectorContext) => Connector;

const FACTORIES: Record<string, ConnectorFactory> = {
  file: createFileConnector,
  salesforce: createSalesforceConnector,
};

export function availableConnectors(): string[] {
  return Object.keys(FACTORIES);
}

export function createConnector(name: string, ctx: ConnectorContext): Connector {
  const factory = FACTORIES[name];
  if (!factory) {
    throw new ConnectorError(
      `Unknown connector "${name}". Available: ${availableConnectors().join(', ')}. Fix: use --connector with one of these, or set defaultConnector in config/scoresync.yaml.`,
      name,
    );
  }
  return factory(ctx);
}
