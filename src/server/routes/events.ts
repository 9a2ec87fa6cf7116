/** POST /api/events: first-party activity, validated, stored as activities and scored by the next run. */
import { Router } from 'express';
import type { StateStore } from '../../store/store.js';
import { eventsRequestSchema } from '../event-schema.js';
import { badRequest } from '../http-errors.js';
import { ingestEvents } from '../ingest-events.js';
import type { ServiceMetrics } from '../metrics.js';

export interface EventRouteOptions {
  store: StateStore;
  connectors: string[];
  defaultConnector: string;
  maxEvents: number;
  metrics: ServiceMetrics;
  now: () => Date;
}

export function eventRoutes(options: EventRouteOptions): Router {
  const router = Router();
  const schema = eventsRequestSchema(options.now, options.maxEvents, options.connectors);
  router.post('/', async (req, res) => {
    const body = schema.safeParse(req.body);
    if (!body.success) throw badRequest(body.error, 'bad events');
    const connector = body.data.connector ?? options.defaultConnector;
    const result = await ingestEvents(options.store, connector, body.data.events, options.now());
    options.metrics.eventsIngested(connector, result.stored);
    res.status(202).json({ connector, received: body.data.events.length, ...result });
  });
  return router;
}
