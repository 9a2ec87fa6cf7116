/**
 * The priority score: the calibrated chance that an account opens (or wins) an opportunity within the horizon, as
 * 0–100 points on a log-odds scale (`baseScore` at the average chance, `pointsPerDoubling` per doubling of the
 * odds) plus the probability itself. Each feature's points are its term of the logistic model, so the contributors
 * add up to the score. While history is too thin to learn from, a documented rule (a weighted sum of fit,
 * engagement and intent) stands in, with no probability.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Contributor, PriorityResult } from '../../model/scores.js';
import { contributor, scoreOf } from '../contributors.js';
import { sigmoid } from '../stats/logistic.js';
import { featureLabel, featureVector, PRIORITY_FEATURES, type PriorityInputs } from './features.js';
import type { PriorityModel } from './priority-model.js';

export function scorePriority(inputs: PriorityInputs, model: PriorityModel | null, config: ScoringConfig): PriorityResult {
  return model ? learnedPriority(inputs, model, config) : rulePriority(inputs, config);
}

/** The model's logit before calibration, and each feature's share of it. */
export function priorityTerms(x: readonly number[], model: PriorityModel): { logit: number; terms: number[] } {
  const terms = x.map((v, j) => (model.coefficients[j] ?? 0) * ((v - (model.means[j] ?? 0)) / (model.scales[j] || 1)));
  return { logit: model.intercept + terms.reduce((s, t) => s + t, 0), terms };
}

function learnedPriority(inputs: PriorityInputs, model: PriorityModel, config: ScoringConfig): PriorityResult {
  const { baseScore, pointsPerDoubling } = config.priority;
  const { logit, terms } = priorityTerms(featureVector(inputs), model);
  const { a, b } = model.calibration;
  const probability = sigmoid(a + b * logit);
  const perLogit = pointsPerDoubling / Math.LN2;
  const contributors: Contributor[] = [contributor('average chance', baseScore + perLogit * (a + b * model.intercept - model.baseLogit))];
  PRIORITY_FEATURES.forEach((feature, j) => {
    const points = perLogit * b * (terms[j] ?? 0);
    if (Math.abs(points) >= 0.05) contributors.push(contributor(featureLabel(feature, inputs), points));
  });
  return { score: scoreOf(contributors), probability: Math.round(probability * 10_000) / 10_000, mode: 'learned', contributors };
}

function rulePriority(inputs: PriorityInputs, config: ScoringConfig): PriorityResult {
  const w = config.priority.rule;
  const contributors = [
    contributor(featureLabel('fit', inputs), w.fit * inputs.fit),
    contributor(featureLabel('engagement', inputs), w.engagement * inputs.engagement),
    contributor(featureLabel('intent', inputs), w.intent * inputs.intent),
  ].filter((c) => c.points !== 0);
  return { score: scoreOf(contributors), probability: null, mode: 'rule', contributors };
}
