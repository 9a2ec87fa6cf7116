/** Account fit: which mode is in force, the contributors, the score and the bucket. */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Account } from '../../model/records.js';
import type { FitBucket, FitMode, FitResult } from '../../model/scores.js';
import type { ScoringModels } from '../api.js';
import { scoreOf } from '../contributors.js';
import { modelParams } from '../model-params.js';
import { learnedFitContributors } from './learned-fit.js';
import { rulesFitContributors } from './rules-fit.js';

export function fitBucket(score: number, config: ScoringConfig): FitBucket {
  const { strong, moderate } = config.fit.buckets;
  return score >= strong ? 'Strong' : score >= moderate ? 'Moderate' : 'Weak';
}

/** Config `fit.mode: rules` forces rules even with learned models (backtest comparisons); otherwise the models decide. */
export function effectiveFitMode(models: ScoringModels, config: ScoringConfig): FitMode {
  if (config.fit.mode === 'rules') return 'rules';
  const learned = modelParams(models).fit;
  if (!learned) return 'rules';
  return config.fit.mode === 'learned' ? 'learned' : models.fitMode;
}

export function scoreFit(account: Account, models: ScoringModels, config: ScoringConfig): FitResult {
  const mode = effectiveFitMode(models, config);
  const learned = modelParams(models).fit;
  const contributors = mode === 'learned' && learned ? learnedFitContributors(account, learned, config) : rulesFitContributors(account, config);
  const score = scoreOf(contributors);
  return { score, bucket: fitBucket(score, config), mode, modelVersion: models.version, contributors };
}
