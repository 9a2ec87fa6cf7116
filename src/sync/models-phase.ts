/**
 * Models learned from history (fit, personas, ACV) are retrained on a schedule, not every run: training is a pass
 * over every account, scoring usually touches only the changed ones. The trained model is versioned in the store.
 */
import type { ScoringModels } from '../scoring/api.js';
import { fingerprint } from '../scoring/trainer.js';
import type { EngineDeps, RunOptions } from './engine-deps.js';
import { forEachBundleBatch } from './bundle-batches.js';

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
  // The trainer learns from firmographics, contacts and opportunities only: skipping activities (most of the rows)
  // roughly halves what a train-and-score run reads.
  const withoutActivities = { activities: false };
  await forEachBundleBatch(
    store,
    deps.connector.name,
    deps.settings.scoreBatchSize,
    accountIds,
    (bundles) => {
      for (const bundle of bundles) trainer.add(bundle);
      deps.progress.tick(bundles.length);
    },
    withoutActivities,
  );
  deps.progress.finish();
  const models = trainer.finish();
  if (!options.dryRun) {
    const saved: StoredModelBody = { models, configFingerprint };
    await store.saveModel({ name: MODEL_NAME, version: models.version, trainedAt: models.trainedAt, body: saved });
  }
  logger.info('models trained', { version: models.version, fitMode: models.fitMode, reason: models.fitModeReason });
  return { models, retrained: true };
}
