/**
 * Models learned from history (fit, personas, ACV) are retrained on a schedule, not every run: training is a pass
 * over every account, scoring usually touches only the changed ones. The trained model is versioned in the store.
 */
import type { ModelTrainer, ScoringModels } from '../scoring/api.js';
import type { StateStore } from '../store/store.js';
import { modelParams } from '../scoring/model-params.js';
import { fingerprint } from '../scoring/trainer.js';
import type { EngineDeps, RunOptions } from './engine-deps.js';
import { addHistoryBatch, addTrainingBatch, trainInWorkers } from './train-pool.js';
import { batchesOf } from './worker-pool.js';
import { workerStore } from './worker-store.js';

export const MODEL_NAME = 'scoring';

export interface ModelsResult {
  models: ScoringModels;
  retrained: boolean;
}

/** What is stored: the models and the scoring config they were trained under. */
interface StoredModelBody {
  models: ScoringModels;
  configFingerprint: string;
}

/** The models the last training stored, and whether they were trained under `scoringConfig` as it is now. */
export async function storedModels(store: StateStore, scoringConfig: unknown): Promise<{ models: ScoringModels; current: boolean; trainedAt: string } | null> {
  const stored = await store.latestModel(MODEL_NAME);
  const body = stored?.body as Partial<StoredModelBody> | undefined;
  if (!stored || !body?.models) return null;
  return { models: body.models, current: body.configFingerprint === fingerprint(JSON.stringify(scoringConfig)), trainedAt: stored.trainedAt };
}

export async function modelsPhase(deps: EngineDeps, options: RunOptions): Promise<ModelsResult> {
  const { store, logger } = deps;
  const now = deps.now();
  const configFingerprint = fingerprint(JSON.stringify(deps.scoringConfig));
  const stored = await store.latestModel(MODEL_NAME);
  const body = stored?.body as Partial<StoredModelBody> | undefined;
  const ageHours = stored ? (now.getTime() - Date.parse(stored.trainedAt)) / 3_600_000 : Infinity;
  const stale = ageHours >= deps.settings.retrainEveryHours;
  // A model trained under another scoring config (revops edited config/scoring.yaml) is retrained at once.
  if (body?.models && body.configFingerprint === configFingerprint && !options.full && !stale) {
    return { models: body.models, retrained: false };
  }
  const trainer = deps.scoring.createModelTrainer(deps.scoringConfig, now);
  const accountIds = await store.listAccountIds(deps.connector.name);
  deps.progress.start('train models', accountIds.length);
  await addEveryAccount(deps, options, trainer, now, accountIds);
  deps.progress.finish();
  const models = trainer.finish();
  if (!options.dryRun) {
    const saved: StoredModelBody = { models, configFingerprint };
    await store.saveModel({ name: MODEL_NAME, version: models.version, trainedAt: models.trainedAt, body: saved });
  }
  logger.info('models trained', { version: models.version, fitMode: models.fitMode, reason: models.fitModeReason, priority: modelParams(models).priority?.reason });
  return { models, retrained: true };
}

/**
 * One pass over every account, then (when the first pass found enough outcomes) a second over the priority sample
 * with its full history. Reading the bundles is most of the work, so under the score phase's conditions for worker
 * threads (a real run of compiled code on a shareable store) the batches go to train workers, whose partial trainers
 * merge into `trainer` exactly; otherwise they are read and added in-process.
 */
async function addEveryAccount(deps: EngineDeps, options: RunOptions, trainer: ModelTrainer, now: Date, accountIds: string[]): Promise<void> {
  const source = deps.connector.name;
  const batchSize = Math.max(1, deps.settings.scoreBatchSize);
  const population = accountIds.length;
  const sample = accountIds.filter((id) => deps.scoring.wantsHistory(id, population, deps.scoringConfig));
  const training = { scoring: deps.scoring, scoringConfig: deps.scoringConfig, population };
  const run = async (pass: 'count' | 'history', ids: string[]): Promise<void> => {
    const batches = batchesOf(ids, batchSize);
    const workers = Math.min(deps.settings.scoreWorkers ?? 1, batches.length);
    const storeOptions = workerStore(deps, options, workers);
    if (!storeOptions) {
      for (const batch of batches) {
        const added = pass === 'count' ? await addTrainingBatch(deps.store, source, batch, trainer, training) : await addHistoryBatch(deps.store, source, batch, trainer, deps.scoring.historySince(deps.scoringConfig, now));
        if (pass === 'count') deps.progress.tick(added);
      }
      return;
    }
    deps.logger.info('training in worker threads', { workers, batches: batches.length, pass });
    const init = { storeOptions, source, scoringConfig: deps.scoringConfig, now: now.toISOString(), population, pass };
    const onBatchDone = (accounts: number): void => {
      if (pass === 'count') deps.progress.tick(accounts);
    };
    const partials = await trainInWorkers({ workers, batches, init, onBatchDone });
    for (const partial of partials) trainer.merge(partial);
  };
  await run('count', accountIds);
  if (trainer.needsHistory) await run('history', sample);
}
