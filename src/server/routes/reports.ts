/** /api/plan/:runId (a dry run's field diff, paged), /api/distributions/:connector and /api/schedules. */
import { Router } from 'express';
import { z } from 'zod';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { StateStore } from '../../store/store.js';
import { distributions } from '../distributions.js';
import { badRequest, HttpError } from '../http-errors.js';
import { planPage } from '../plan-pages.js';

const PageSchema = z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(1000).default(100) });

export function reportRoutes(store: StateStore, connectors: () => string[], scheduler: Scheduler | null, timezone: string): Router {
  const router = Router();

  router.get('/plan/:runId', async (req, res) => {
    const page = PageSchema.safeParse(req.query);
    if (!page.success) throw badRequest(page.error, 'bad page');
    const runId = req.params.runId;
    const plan = await store.getPlan(runId);
    if (plan) {
      res.json(planPage(plan, page.data.offset, page.data.limit));
      return;
    }
    const run = await store.getRun(runId);
    if (!run) throw new HttpError(404, 'not_found', `no run with id ${runId}`);
    const why = run.mode !== 'dry-run' ? 'it is not a dry run (start one with POST /api/runs {"dryRun": true})' : run.status === 'running' ? 'it is still running' : 'its plan is no longer kept (the newest 20 per connector are)';
    throw new HttpError(404, 'no_plan', `run ${runId} has no stored plan: ${why}`);
  });

  router.get('/distributions/:connector', async (req, res) => {
    const connector = req.params.connector;
    if (!connectors().includes(connector)) throw new HttpError(404, 'not_found', `connector "${connector}" is not served by this instance (served: ${connectors().join(', ')})`);
    res.json({ connector, ...distributions(await store.latestScoreValues(connector)) });
  });

  router.get('/schedules', async (_req, res) => {
    const jobs = scheduler?.status() ?? [];
    // The last run of each job's connector on any instance (the tick an instance saw is in lastTick).
    const recent = jobs.length > 0 ? await store.listRuns(200) : [];
    const lastRun = (connector: string) => {
      const run = recent.find((r) => r.connector === connector && r.mode === 'run');
      return run ? { id: run.id, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt } : null;
    };
    res.json({ timezone, jobs: jobs.map((job) => ({ ...job, lastRun: job.kind === 'intent' ? null : lastRun(job.connector) })) });
  });
  return router;
}
