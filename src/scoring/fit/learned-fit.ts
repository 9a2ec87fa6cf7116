/**
 * Learned fit: smoothed naive-Bayes likelihood ratios over the account's feature tokens, blended with the ICP rules.
 * Each token's weight is log2(P(token | won) / P(token | not won)) with Laplace smoothing; tokens seen on too few
 * accounts weigh nothing. Points are linear in log-odds (pointsPerDoubling per doubling of the win odds vs the
 * average account).
 *
 * The rules stay the prior that evidence moves: for every profile field, a value shared by n training accounts
 * counts n / (n + priorStrength) of its learned points and the rest of its rules points (relative to the average
 * account's rules points for that field). A value history has barely seen (a new ICP industry) keeps almost all of
 * its rules points; a common one is what history says. Contributors still add up exactly to the score.
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Account } from '../../model/records.js';
import type { Contributor } from '../../model/scores.js';
import { clampScore, contributor, round1 } from '../contributors.js';
import { accountTokens, type FeatureToken } from './feature-tokens.js';
import { criterionField, tokenField } from './profile-fields.js';
import { rulesFieldContributors, type RulesFieldContributor } from './rules-fit.js';

export interface LearnedFitModel {
  wonAccounts: number;
  accounts: number;
  /** token key → log2 likelihood ratio. */
  weights: Record<string, number>;
  labels: Record<string, string>;
  /** token key → training accounts with the token (only for weighted tokens). */
  support?: Record<string, number>;
  /** profile field → average rules points of the training accounts (the rules prior is relative to it). */
  rulesMeans?: Record<string, number>;
}

/** A LearnedFitTrainer's counts as plain data: tokens as [key, total, label, ...won per label] (a record could not hold "__proto__"). */
export interface LearnedFitPartial {
  won: number[];
  total: number;
  tokens: [key: string, total: number, label: string, won: number[]][];
  rulesSums: [field: string, sum: number][];
}

interface TokenCounts {
  won: number[];
  total: number;
  label: string;
}

/**
 * Counts tokens against one or more won labels at once (e.g. "won by today" and "won by the validation date"): the
 * tokens are computed once per account, each label gets its own model from `finish(label)`.
 */
export class LearnedFitTrainer {
  private readonly counts = new Map<string, TokenCounts>();
  private readonly won: number[];
  private total = 0;
  private readonly rulesSums = new Map<string, number>();

  constructor(
    private readonly config: ScoringConfig,
    private readonly labelCount = 1,
  ) {
    this.won = new Array<number>(labelCount).fill(0);
  }

  add(
    account: Account,
    isWon: boolean | readonly boolean[],
    tokens: readonly FeatureToken[] = accountTokens(account, this.config),
    rules: readonly RulesFieldContributor[] = rulesFieldContributors(account, this.config),
  ): void {
    const flags = typeof isWon === 'boolean' ? [isWon] : isWon;
    this.total++;
    for (let l = 0; l < this.labelCount; l++) if (flags[l]) this.won[l]!++;
    for (const token of tokens) {
      const entry = this.entry(token.key, token.label);
      entry.total++;
      for (let l = 0; l < this.labelCount; l++) if (flags[l]) entry.won[l]!++;
    }
    for (const r of rules) {
      const field = criterionField(r.field);
      this.rulesSums.set(field, (this.rulesSums.get(field) ?? 0) + r.contributor.points);
    }
  }

  partial(): LearnedFitPartial {
    const tokens = [...this.counts].map(([key, e]): LearnedFitPartial['tokens'][number] => [key, e.total, e.label, [...e.won]]);
    return { won: [...this.won], total: this.total, tokens, rulesSums: [...this.rulesSums] };
  }

  /** Counts are integers (rules points sums of config numbers), so merged trainers finish like one trainer over all accounts. */
  merge(partial: LearnedFitPartial): void {
    partial.won.forEach((n, l) => (this.won[l] = (this.won[l] ?? 0) + n));
    this.total += partial.total;
    for (const [key, total, label, won] of partial.tokens) {
      const entry = this.entry(key, label);
      entry.total += total;
      won.forEach((n, l) => (entry.won[l] = (entry.won[l] ?? 0) + n));
    }
    for (const [field, sum] of partial.rulesSums) this.rulesSums.set(field, (this.rulesSums.get(field) ?? 0) + sum);
  }

  /**
   * Spellings of one key ("Software", "software") share its counts; the label shown is the smallest spelling, not
   * the first seen, so it does not depend on account order or on how accounts were split between merged trainers.
   */
  private entry(key: string, label: string): TokenCounts {
    const entry = this.counts.get(key);
    if (!entry) {
      const created = { won: new Array<number>(this.labelCount).fill(0), total: 0, label };
      this.counts.set(key, created);
      return created;
    }
    if (label < entry.label) entry.label = label;
    return entry;
  }

  get wonAccounts(): number {
    return this.won[0] ?? 0;
  }

  wonFor(label: number): number {
    return this.won[label] ?? 0;
  }

  get accounts(): number {
    return this.total;
  }

  finish(label = 0): LearnedFitModel {
    const { smoothing: a, minSupport } = this.config.fit.learned;
    const wonTotal = this.won[label] ?? 0;
    const lost = this.total - wonTotal;
    const weights: Record<string, number> = {};
    const labels: Record<string, string> = {};
    const support: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) {
      const entry = this.counts.get(key);
      if (!entry || entry.total < minSupport) continue;
      const won = entry.won[label] ?? 0;
      const pWon = (won + a) / (wonTotal + 2 * a);
      const pLost = (entry.total - won + a) / (lost + 2 * a);
      weights[key] = Math.round(Math.log2(pWon / pLost) * 10_000) / 10_000;
      labels[key] = entry.label;
      support[key] = entry.total;
    }
    const rulesMeans: Record<string, number> = {};
    for (const field of [...this.rulesSums.keys()].sort()) {
      rulesMeans[field] = this.total === 0 ? 0 : Math.round(((this.rulesSums.get(field) ?? 0) / this.total) * 10_000) / 10_000;
    }
    return { wonAccounts: wonTotal, accounts: this.total, weights, labels, support, rulesMeans };
  }
}

/** How much of a value's points come from history: n / (n + priorStrength). */
export function evidenceShare(support: number, priorStrength: number): number {
  return priorStrength <= 0 ? 1 : support / (support + priorStrength);
}

/**
 * Contributors of learned fit, blended with the rules (see the file comment); their sum (clamped) is the fit score.
 * Unseen or rare values contribute their rules points only.
 */
export function learnedFitContributors(account: Account, model: LearnedFitModel, config: ScoringConfig): Contributor[] {
  return blendedFitContributors(accountTokens(account, config), rulesFieldContributors(account, config), model, config);
}

/** Profile fields of a model's rules means, sorted once per model (the blend runs once per account). */
const meanFieldsCache = new WeakMap<LearnedFitModel, string[]>();
function meanFields(model: LearnedFitModel): string[] {
  let fields = meanFieldsCache.get(model);
  if (!fields) meanFieldsCache.set(model, (fields = Object.keys(model.rulesMeans ?? {}).sort()));
  return fields;
}

/** The blend as contributors, from an account's tokens and matched ICP criteria (validation replays stored ones). */
export function blendedFitContributors(
  tokens: readonly FeatureToken[],
  rules: readonly RulesFieldContributor[],
  model: LearnedFitModel,
  config: ScoringConfig,
): Contributor[] {
  const contributors: Contributor[] = [contributor('average win odds', config.fit.learned.baseScore)];
  blendTerms(tokens, rules, model, config, (label, points) => {
    if (Math.abs(points) >= 0.05) contributors.push(contributor(label(), points));
  });
  return contributors;
}

/** The same score as `scoreOf(blendedFitContributors(…))`, without building labels (validation scores every account). */
export function blendedFitScore(tokens: readonly FeatureToken[], rules: readonly RulesFieldContributor[], model: LearnedFitModel, config: ScoringConfig): number {
  let total = round1(config.fit.learned.baseScore);
  blendTerms(tokens, rules, model, config, (_label, points) => {
    if (Math.abs(points) >= 0.05) total += round1(points);
  });
  return clampScore(round1(total));
}

type Emit = (label: () => string, points: number) => void;

/** Emits the blend's terms in order: per field, its tokens' learned points with the field's rules part (see the file comment). */
function blendTerms(tokens: readonly FeatureToken[], rules: readonly RulesFieldContributor[], model: LearnedFitModel, config: ScoringConfig, emit: Emit): void {
  const { pointsPerDoubling, priorStrength } = config.fit.learned;
  // A model stored before the blend existed has no support counts: it stays purely learned, as it was.
  const support = model.support;
  const means = model.rulesMeans ?? {};
  const ruleFields = rules.map((r) => criterionField(r.field));
  const blendField = (field: string, from: number, to: number): void => {
    let shareSum = 0;
    const count = to - from;
    let single = 0;
    for (let k = from; k < to; k++) {
      const t = tokens[k]!;
      const weight = Object.hasOwn(model.weights, t.key) ? (model.weights[t.key] ?? 0) : 0;
      const share = support === undefined ? 1 : evidenceShare(Object.hasOwn(support, t.key) ? (support[t.key] ?? 0) : 0, priorStrength);
      shareSum += share;
      const points = share * weight * pointsPerDoubling;
      if (count === 1) single = points;
      else emit(() => t.label, points);
    }
    let rulesPart = 0;
    if (support !== undefined) {
      let rulesPoints = 0;
      for (let i = 0; i < rules.length; i++) if (ruleFields[i] === field) rulesPoints += rules[i]!.contributor.points;
      const mean = Object.hasOwn(means, field) ? (means[field] ?? 0) : 0;
      rulesPart = (1 - (count === 0 ? 0 : shareSum / count)) * (rulesPoints - mean);
    }
    if (count === 1) {
      emit(() => tokens[from]!.label, single + rulesPart);
      return;
    }
    emit(() => {
      const labels = rules.filter((_, i) => ruleFields[i] === field).map((r) => r.contributor.label);
      return labels.length > 0 ? `ICP: ${labels.join(', ')}` : `ICP: no points for ${field}`;
    }, rulesPart);
  };
  // accountTokens emits each field's tokens together, so one scan groups them.
  const seen: string[] = [];
  let start = 0;
  let startField = tokens.length > 0 ? tokenField(tokens[0]!.key) : '';
  for (let i = 1; i <= tokens.length; i++) {
    const field = i < tokens.length ? tokenField(tokens[i]!.key) : null;
    if (field === startField) continue;
    seen.push(startField);
    blendField(startField, start, i);
    start = i;
    startField = field ?? '';
  }
  if (support === undefined) return;
  for (const field of ruleFields) {
    if (seen.includes(field)) continue;
    seen.push(field);
    blendField(field, 0, 0);
  }
  for (const field of meanFields(model)) {
    if (seen.includes(field)) continue;
    seen.push(field);
    blendField(field, 0, 0);
  }
}
