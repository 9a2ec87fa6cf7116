/** /api/runs: history, one run, and starting a run (202 with its id; 409 while the connector's lock is held). */
import { Router } from 'express';
import { z } from 'zod';
import type { RunRecord } from '../../model/sync.js';
import type { StateStore } from '../../store/store.js';
import { RunLockedError } from '../../sync/run-lease.js';
import { badRequest, HttpError } from '../http-errors.js';
import { type ActiveRun, type RunManager, ServiceClosedError, UnknownConnectorError } from '../run-manager.js';

const StartRunSchema = z.strictObject({ connector: z.string().min(1).optional(), full: z.boolean().optional(), dryRun: z.boolean().optional() });
const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), connector: z.string().optional() });

/** A run the store has no record of yet (it was started a moment ago) as the API shows it. */
function placeholder(run: ActiveRun): Partial<RunRecord> & { trigger: string } {
  return { id: run.runId, connector: run.connector, mode: run.mode, status: 'running', startedAt: run.startedAt, finishedAt: null, trigger: run.trigger };
}

export function runRoutes(store: StateStore, runs: RunManager, defaultConnector: string): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = ListQuerySchema.safeParse(req.query);
    if (!query.success) throw badRequest(query.error, 'bad query');
    const { limit, connector } = query.data;
    const stored = (await store.listRuns(connector ? limit * 5 : limit)).filter((r) => !connector || r.connector === connector).slice(0, limit);
    const known = new Set(stored.map((r) => r.id));
    const starting = runs.activeRuns().filter((r) => !known.has(r.runId) && (!connector || r.connector === connector)).map(placeholder);
    res.json({ runs: [...starting, ...stored.map(summary)] });
  });

  router.get('/:id', async (req, res) => {
    const id = req.params.id;
    const run = await store.getRun(id);
    if (run) {
      const active = runs.activeRun(id);
      res.json({ ...run, ...(active ? { trigger: active.trigger } : {}) });
      return;
    }
    const active = runs.activeRun(id);
    if (!active) throw new HttpError(404, 'not_found', `no run with id ${id}`);
    res.json(placeholder(active));
  });

  router.post('/', async (req, res) => {
    const body = StartRunSchema.safeParse(req.body ?? {});
    if (!body.success) throw badRequest(body.error, 'bad run request');
    const connector = body.data.connector ?? defaultConnector;
    try {
      const run = await runs.start(connector, { full: body.data.full ?? false, dryRun: body.data.dryRun ?? false, trigger: 'api' });
      res.status(202).location(`/api/runs/${run.runId}`).json({ runId: run.runId, connector, status: 'running', mode: run.mode, url: `/api/runs/${run.runId}` });
    } catch (error) {
      if (error instanceof UnknownConnectorError) throw new HttpError(400, 'unknown_connector', error.message);
      if (error instanceof RunLockedError) throw new HttpError(409, 'run_in_progress', error.message);
      if (error instanceof ServiceClosedError) throw new HttpError(503, 'shutting_down', error.message);
      throw error;
    }
  });
  return router;
}

/** The list shows counts and status; errors, warnings and rejects are on the run's own page. */
function summary(run: RunRecord) {
  const { rejects: _r, warnings, errors, ...rest } = run;
  return { ...rest, errorCount: errors.length, warningCount: warnings?.length ?? 0 };
}
