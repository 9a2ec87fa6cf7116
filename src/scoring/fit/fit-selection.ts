/**
 * How `fit.mode: auto` picks the fit model, on evidence: learned needs enough won and enough never-won accounts, and
 * then must beat the rules on the most recent outcomes. Models trained as of `validationDays` ago (with only what
 * was known then) score every account; the accounts that won since are the outcomes. Learned stays only when the
 * low end of the bootstrap interval of (learned AUC − rules AUC) clears `margin`; otherwise the rules stay in force.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { FitMode } from '../../model/scores.js';
import { contributor, scoreOf } from '../contributors.js';
import { bootstrap, type Estimate } from '../stats/bootstrap.js';
import { sortScores, weightedAuc } from '../stats/ranking.js';
import type { FitExample } from './fit-examples.js';
import { blendedFitScore, type LearnedFitModel } from './learned-fit.js';

export interface FitEvidence {
  /** Outcomes counted from this instant (ISO) to the training date. */
  since: string;
  won: number;
  notWon: number;
  confidence: number;
  learned: Estimate;
  rules: Estimate;
  /** learned − rules. */
  difference: Estimate;
}

export interface FitChoice {
  mode: FitMode;
  forced: boolean;
  /** Won and never-won accounts in the training data (as of the training date). */
  wonAccounts: number;
  notWonAccounts: number;
  evidence: FitEvidence | null;
  /** One line: the evidence, or why learned was refused, e.g. "learned AUC 0.58 [0.49–0.66] vs rules 0.64 [0.56–0.71] on outcomes since 2026-06-01". */
  reason: string;
}

/** Bit of FitExample.flags: the account won an opportunity in the validation window. */
export const WON_SINCE_VALIDATION = 1;

export function rulesScoreOf(example: FitExample, config: ScoringConfig): number {
  return scoreOf([contributor('ICP base points', config.fit.rules.base), ...example.rules.map((r) => r.contributor)]);
}

/** AUCs of the model trained as of the validation date and of the rules, on the wins since, with intervals. */
export function validateFit(examples: readonly FitExample[], pastModel: LearnedFitModel, config: ScoringConfig, since: Date): FitEvidence {
  const labels = examples.map((e) => (e.flags & WON_SINCE_VALIDATION) !== 0);
  const learnedSorted = sortScores(examples.map((e) => blendedFitScore(e.tokens, e.rules, pastModel, config)));
  const rulesSorted = sortScores(examples.map((e) => rulesScoreOf(e, config)));
  const selection = config.fit.selection;
  // The bootstrap calls the statistics in this order on each replicate: the difference reuses the two AUCs just computed.
  let lastLearned: number | null = null;
  let lastRules: number | null = null;
  const learnedAuc = (w: ArrayLike<number> | null): number | null => (lastLearned = weightedAuc(learnedSorted, labels, w));
  const rulesAuc = (w: ArrayLike<number> | null): number | null => (lastRules = weightedAuc(rulesSorted, labels, w));
  const difference = (): number | null => (lastLearned === null || lastRules === null ? null : lastLearned - lastRules);
  const [learned, rules, diff] = bootstrap(labels, [learnedAuc, rulesAuc, difference], {
    samples: selection.bootstrapSamples,
    confidence: selection.confidence,
    seed: selection.seed,
  });
  const won = labels.filter(Boolean).length;
  return { since: since.toISOString(), won, notWon: labels.length - won, confidence: selection.confidence, learned: learned!, rules: rules!, difference: diff! };
}

export function formatAucEstimate(e: Estimate): string {
  if (e.value === null) return '—';
  const interval = e.low === null || e.high === null ? '' : ` [${e.low.toFixed(2)}–${e.high.toFixed(2)}]`;
  return `${e.value.toFixed(2)}${interval}`;
}

export function evidenceText(e: FitEvidence): string {
  return `learned AUC ${formatAucEstimate(e.learned)} vs rules ${formatAucEstimate(e.rules)} on outcomes since ${e.since.slice(0, 10)}`;
}

function signedAuc(n: number | null): string {
  return n === null ? '—' : `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(3)}`;
}

export interface FitCounts {
  wonAccounts: number;
  notWonAccounts: number;
}

/** The decision and its one-line reason; `evidence` is null when the validation could not be run. */
export function chooseFitMode(config: ScoringConfig, counts: FitCounts, evidence: FitEvidence | null): FitChoice {
  const { learned, selection, mode } = config.fit;
  const base = { ...counts, evidence };
  const measured = evidence && evidence.learned.value !== null ? evidenceText(evidence) : null;
  if (mode !== 'auto') {
    const reason = `forced by fit.mode: ${mode}` + (measured ? `; ${measured}` : '');
    return { ...base, mode, forced: true, reason };
  }
  const refuse = (why: string): FitChoice => ({ ...base, mode: 'rules', forced: false, reason: why });
  if (counts.wonAccounts < learned.minWonAccounts) {
    return refuse(`learned refused: ${counts.wonAccounts} won accounts, ${learned.minWonAccounts} required (fit.learned.minWonAccounts)`);
  }
  if (counts.notWonAccounts < learned.minNotWonAccounts) {
    return refuse(
      `learned refused: ${counts.notWonAccounts} never-won accounts, ${learned.minNotWonAccounts} required (fit.learned.minNotWonAccounts): ` +
        'with every account won there is nothing to tell a good fit from a poor one',
    );
  }
  if (!evidence || evidence.won < selection.minValidationWon || evidence.notWon < selection.minValidationWon) {
    const since = evidence ? ` since ${evidence.since.slice(0, 10)}` : '';
    const counted = evidence ? `${evidence.won} accounts won and ${evidence.notWon} did not${since}` : 'no outcomes to validate on';
    return refuse(`too few recent outcomes to validate learned: ${counted}, ${selection.minValidationWon} of each required (fit.selection.minValidationWon)`);
  }
  const low = evidence.difference.low;
  if (low !== null && low > selection.margin) return { ...base, mode: 'learned', forced: false, reason: measured ?? '' };
  return refuse(`${measured ?? ''} (the low end of the ${Math.round(evidence.confidence * 100)}% interval of learned − rules, ${signedAuc(low)}, is not above ${selection.margin})`);
}
