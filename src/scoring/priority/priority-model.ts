/** The learned priority model as stored in the scoring models (plain JSON). */
import type { Estimate } from '../stats/bootstrap.js';

export interface PriorityModel {
  outcome: 'opened' | 'won';
  horizonDays: number;
  /** Standardisation of each feature (PRIORITY_FEATURES order). */
  means: number[];
  scales: number[];
  intercept: number;
  coefficients: number[];
  /** Platt scaling fitted on the later snapshot: calibrated logit = a + b × model logit. */
  calibration: { a: number; b: number };
  /** logit of the outcome rate on the calibration snapshot: the score's 50 points. */
  baseLogit: number;
}

export interface PriorityEvidence {
  /** Trained on outcomes after this snapshot, validated and calibrated on outcomes after the next. */
  trainedAsOf: string;
  validatedAsOf: string;
  trainPositives: number;
  trainAccounts: number;
  validationPositives: number;
  validationAccounts: number;
  /** Held-out AUC on the validation snapshot: the priority score, each score alone, and the fallback rule. */
  auc: { priority: Estimate; fit: Estimate; engagement: Estimate; intent: Estimate; rule: Estimate };
}

export interface PriorityChoice {
  mode: 'learned' | 'rule';
  /** One line: why this mode, with the held-out evidence when there is some. */
  reason: string;
  model: PriorityModel | null;
  evidence: PriorityEvidence | null;
}
