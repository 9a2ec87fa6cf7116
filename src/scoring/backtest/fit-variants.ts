/**
 * The fit models a backtest compares: the one the configuration puts in force, plus the other mode when it is
 * possible, so the report shows learned vs rules vs baseline whatever the config says. All train in one pass.
 *
 * "Learned is possible" means the minimums `fit.mode: auto` checks first (enough won and never-won accounts as of the
 * date): forcing learned on a handful of wins would produce a model, but comparing against it would only measure noise.
 */
import type { AccountBundle } from '../../model/records.js';
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { ModelTrainer, ScoringApi, ScoringModels } from '../api.js';
import { modelParams } from '../model-params.js';
import type { FitModelInfo } from './report-types.js';

type ConfigFitMode = ScoringConfig['fit']['mode'];

export interface FitVariant {
  info: FitModelInfo;
  config: ScoringConfig;
  models: ScoringModels;
}

export interface TrainedVariants {
  inForce: FitVariant;
  /** Other modes that could be trained, never the mode in force again. */
  others: FitVariant[];
  warnings: string[];
}

/** The config with `fit.mode` set, every other setting as it is. */
export function withFitMode(config: ScoringConfig, mode: ConfigFitMode): ScoringConfig {
  return { ...config, fit: { ...config.fit, mode } };
}

interface Candidate {
  mode: ConfigFitMode;
  config: ScoringConfig;
  trainer: ModelTrainer;
}

/**
 * Train every variant on the same as-of bundles in one pass; then only the model in force replays the priority sample
 * (when there is enough history for it): the comparison variants only need their fit.
 */
export function trainFitVariants(
  asOfBundles: () => Iterable<AccountBundle>,
  api: ScoringApi,
  config: ScoringConfig,
  asOf: Date,
  population: number,
): TrainedVariants {
  const warnings: string[] = [];
  const inForceTrainer = api.createModelTrainer(config, asOf);
  // Both forced modes, so the report compares learned and rules whatever auto chose.
  const modes: ConfigFitMode[] = ['rules', 'learned'];
  const candidates: Candidate[] = [];
  for (const mode of modes) {
    const candidateConfig = withFitMode(config, mode);
    try {
      candidates.push({ mode, config: candidateConfig, trainer: api.createModelTrainer(candidateConfig, asOf) });
    } catch (error) {
      warnings.push(`could not train the ${mode} fit model for comparison: ${messageOf(error)}`);
    }
  }
  for (const bundle of asOfBundles()) {
    inForceTrainer.add(bundle, api.wantsHistory(bundle.account.id, population, config));
    for (const c of candidates) c.trainer.add(bundle);
  }
  if (inForceTrainer.needsHistory) {
    for (const bundle of asOfBundles()) if (api.wantsHistory(bundle.account.id, population, config)) inForceTrainer.addHistory(bundle);
  }
  const inForceModels = inForceTrainer.finish();
  const inForce: FitVariant = { info: infoOf('fit', inForceModels), config, models: inForceModels };
  const trained: FitVariant[] = [inForce];
  for (const c of candidates) {
    try {
      const models = c.trainer.finish();
      trained.push({ info: infoOf(`fit-${models.fitMode}`, models), config: c.config, models });
    } catch (error) {
      warnings.push(`could not train the ${c.mode} fit model for comparison: ${messageOf(error)}`);
    }
  }
  // Learned on too few won or never-won accounts would only measure noise: the same minimums as auto.
  const choice = modelParams(inForceModels).fitChoice;
  const learned = config.fit.learned;
  const refused = choice ? choice.wonAccounts < learned.minWonAccounts || choice.notWonAccounts < learned.minNotWonAccounts : false;
  if (refused && inForce.models.fitMode !== 'learned') {
    warnings.push(`learned fit is not possible as of ${asOf.toISOString().slice(0, 10)}: ${inForceModels.fitModeReason}`);
  } else if (!trained.some((v) => v.models.fitMode === 'learned')) {
    warnings.push(`learned fit is not possible as of ${asOf.toISOString().slice(0, 10)}: ${inForceModels.fitModeReason}`);
  }
  const others: FitVariant[] = [];
  for (const v of trained.slice(1)) {
    if (refused && v.models.fitMode === 'learned') continue;
    const seen = [inForce, ...others].some((o) => o.models.fitMode === v.models.fitMode);
    if (!seen) others.push(v);
  }
  return { inForce, others, warnings };
}

function infoOf(key: string, models: ScoringModels): FitModelInfo {
  return { key, mode: models.fitMode, version: models.version, reason: models.fitModeReason };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
