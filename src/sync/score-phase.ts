/**
 * Score the affected accounts, diff the results against what the CRM holds, and turn playbook tasks into a plan.
 * For a real run each batch's plan (outbox + task ledger) and its scoring state are saved in one store transaction
 * (score-batch.ts, persist-batch.ts) before anything is pushed. Real runs with several batches score in worker threads when the engine runs as compiled
 * JavaScript and `sync.scoreWorkers` > 1; otherwise (dry runs, tests, an in-memory store) batches run in-process.
 */
import type { ScoringModels } from '../scoring/api.js';
import type { EngineDeps, RunOptions } from './engine-deps.js';
import { scoreBatch, type BatchContext, type BatchCounts } from './score-batch.js';
import { scoreInWorkers } from './score-pool.js';
import { type SyncPlan, emptyPlan } from './plan-types.js';
import { batchesOf } from './worker-pool.js';
import { workerStore } from './worker-store.js';

export interface ScoreResult {
  /** The whole plan, kept in memory only for dry runs (the `plan` command shows it); real runs stream it to the outbox. */
  plan: SyncPlan;
  fieldsChanged: number;
  tasksPlanned: number;
  scoredAccounts: number;
  scoredContacts: number;
  scoredLeads: number;
}

/** Measured on the 100k benchmark: a 192 MB young generation per worker (3 × a 64 MB semi-space) cuts GC time. */
const WORKER_YOUNG_GENERATION_MB = 192;

export async function scorePhase(
  deps: EngineDeps,
  options: RunOptions,
  runId: string,
  accountIds: string[],
  models: ScoringModels,
): Promise<ScoreResult> {
  const result: ScoreResult = { plan: emptyPlan(), fieldsChanged: 0, tasksPlanned: 0, scoredAccounts: 0, scoredContacts: 0, scoredLeads: 0 };
  const add = (counts: BatchCounts): void => {
    result.scoredAccounts += counts.scoredAccounts;
    result.scoredContacts += counts.scoredContacts;
    result.scoredLeads += counts.scoredLeads;
    result.fieldsChanged += counts.fieldsChanged;
    result.tasksPlanned += counts.tasksPlanned;
  };
  deps.progress.start('score accounts', accountIds.length);
  const batchSize = Math.max(1, deps.settings.scoreBatchSize);
  const workers = Math.min(deps.settings.scoreWorkers ?? 1, Math.ceil(accountIds.length / batchSize));
  const storeOptions = workerStore(deps, options, workers);
  if (storeOptions) {
    const batches = batchesOf(accountIds, batchSize);
    deps.logger.info('scoring in worker threads', { workers, batches: batches.length });
    await scoreInWorkers({
      workers,
      batches,
      init: {
        storeOptions,
        source: deps.connector.name,
        runId,
        mapping: deps.mapping,
        scoringConfig: deps.scoringConfig,
        models,
        ...(deps.connector.outputEncoding ? { outputEncoding: deps.connector.outputEncoding } : {}),
      },
      now: deps.now,
      youngGenerationMb: WORKER_YOUNG_GENERATION_MB,
      onBatchDone: (counts) => {
        add(counts);
        deps.progress.tick(counts.scoredAccounts);
      },
    });
  } else {
    const ctx: BatchContext = { ...deps, source: deps.connector.name, ...(deps.connector.outputEncoding ? { outputEncoding: deps.connector.outputEncoding } : {}) };
    for (const batchIds of batchesOf(accountIds, batchSize)) {
      const batch = await scoreBatch(ctx, runId, batchIds, models, deps.now(), options.dryRun);
      add(batch.counts);
      if (options.dryRun) {
        result.plan.updates.push(...batch.plan.updates);
        result.plan.tasks.push(...batch.plan.tasks);
        Object.assign(result.plan.names, batch.plan.names);
      }
      deps.progress.tick(batch.counts.scoredAccounts);
      // A run that lost its lock stops planning too: the run that holds it plans the same accounts.
      await deps.lease?.confirm();
    }
  }
  deps.progress.finish();
  return result;
}
