/**
 * The fit models a backtest compares: the one the configuration puts in force, plus the other mode when it is
 * possible, so the report shows learned vs rules vs baseline whatever the config says. All train in one pass.
 *
 * "Learned is possible" means what `fit.mode: auto` decides (enough won accounts as of the date): forcing learned
 * on a handful of wins would produce a model, but comparing against it would only measure noise.
 */
import type { AccountBundle } from '../../model/records.js';
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { ModelTrainer, ScoringApi, ScoringModels } from '../api.js';
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

/** Train every variant on the same as-of bundles in a single pass. */
export function trainFitVariants(
  asOfBundles: () => Iterable<AccountBundle>,
  api: ScoringApi,
  config: ScoringConfig,
  asOf: Date,
): TrainedVariants {
  const warnings: string[] = [];
  const inForceTrainer = api.createModelTrainer(config, asOf);
  // 'auto' stands for learned (it turns learned exactly when learned is possible); when the config is already auto,
  // the model in force answers that question.
  const modes: ConfigFitMode[] = config.fit.mode === 'auto' ? ['rules'] : ['rules', 'auto'];
  const candidates: Candidate[] = [];
  for (const mode of modes) {
    const candidateConfig = withFitMode(config, mode);
    try {
      candidates.push({ mode, config: candidateConfig, trainer: api.createModelTrainer(candidateConfig, asOf) });
    } catch (error) {
      warnings.push(`could not train the ${describe(mode)} fit model for comparison: ${messageOf(error)}`);
    }
  }
  for (const bundle of asOfBundles()) {
    inForceTrainer.add(bundle);
    for (const c of candidates) c.trainer.add(bundle);
  }
  const inForceModels = inForceTrainer.finish();
  const inForce: FitVariant = { info: infoOf('fit', inForceModels), config, models: inForceModels };
  const trained: FitVariant[] = [inForce];
  for (const c of candidates) {
    try {
      const models = c.trainer.finish();
      trained.push({ info: infoOf(`fit-${models.fitMode}`, models), config: c.config, models });
    } catch (error) {
      warnings.push(`could not train the ${describe(c.mode)} fit model for comparison: ${messageOf(error)}`);
    }
  }
  if (!trained.some((v) => v.models.fitMode === 'learned')) {
    const autoReason = trained.find((v) => v.config.fit.mode === 'auto')?.models.fitModeReason;
    if (autoReason) warnings.push(`learned fit is not possible as of ${asOf.toISOString().slice(0, 10)}: ${autoReason}`);
  }
  const others: FitVariant[] = [];
  for (const v of trained.slice(1)) {
    const seen = [inForce, ...others].some((o) => o.models.fitMode === v.models.fitMode);
    if (!seen) others.push(v);
  }
  return { inForce, others, warnings };
}

function describe(mode: ConfigFitMode): string {
  return mode === 'auto' ? 'learned' : mode;
}

function infoOf(key: string, models: ScoringModels): FitModelInfo {
  return { key, mode: models.fitMode, version: models.version, reason: models.fitModeReason };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
