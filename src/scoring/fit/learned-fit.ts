/**
 * Learned fit: smoothed naive-Bayes likelihood ratios over the account's feature tokens. Each token's weight is
 * log2(P(token | won) / P(token | not won)) with Laplace smoothing; tokens seen on too few accounts weigh nothing.
 * Points are linear in log-odds (pointsPerDoubling per doubling of the win odds vs the average account), so the
 * contributors add up exactly to the score and each reads as "this value made a win twice as likely".
 */
import type { ScoringConfig } from '../../config/scoring-schema.js';
import type { Account } from '../../model/records.js';
import type { Contributor } from '../../model/scores.js';
import { contributor } from '../contributors.js';
import { accountTokens } from './feature-tokens.js';

export interface LearnedFitModel {
  wonAccounts: number;
  accounts: number;
  /** token key → log2 likelihood ratio. */
  weights: Record<string, number>;
  labels: Record<string, string>;
}

/** A LearnedFitTrainer's counts as plain data: tokens as [key, won, total, label] (a record could not hold "__proto__"). */
export interface LearnedFitPartial {
  won: number;
  total: number;
  tokens: [key: string, won: number, total: number, label: string][];
}

interface TokenCounts {
  won: number;
  total: number;
  label: string;
}

export class LearnedFitTrainer {
  private readonly counts = new Map<string, TokenCounts>();
  private won = 0;
  private total = 0;

  constructor(private readonly config: ScoringConfig) {}

  add(account: Account, isWon: boolean): void {
    this.total++;
    if (isWon) this.won++;
    for (const token of accountTokens(account, this.config)) {
      const entry = this.entry(token.key, token.label);
      entry.total++;
      if (isWon) entry.won++;
    }
  }

  partial(): LearnedFitPartial {
    const tokens = [...this.counts].map(([key, e]): LearnedFitPartial['tokens'][number] => [key, e.won, e.total, e.label]);
    return { won: this.won, total: this.total, tokens };
  }

  /** Counts are integers, so merged trainers finish exactly like one trainer over all their accounts. */
  merge(partial: LearnedFitPartial): void {
    this.won += partial.won;
    this.total += partial.total;
    for (const [key, won, total, label] of partial.tokens) {
      const entry = this.entry(key, label);
      entry.won += won;
      entry.total += total;
    }
  }

  /**
   * Spellings of one key ("Software", "software") share its counts; the label shown is the smallest spelling, not
   * the first seen, so it does not depend on account order or on how accounts were split between merged trainers.
   */
  private entry(key: string, label: string): TokenCounts {
    const entry = this.counts.get(key);
    if (!entry) {
      const created = { won: 0, total: 0, label };
      this.counts.set(key, created);
      return created;
    }
    if (label < entry.label) entry.label = label;
    return entry;
  }

  get wonAccounts(): number {
    return this.won;
  }

  finish(): LearnedFitModel {
    const { smoothing: a, minSupport } = this.config.fit.learned;
    const lost = this.total - this.won;
    const weights: Record<string, number> = {};
    const labels: Record<string, string> = {};
    for (const key of [...this.counts.keys()].sort()) {
      const entry = this.counts.get(key);
      if (!entry || entry.total < minSupport) continue;
      const pWon = (entry.won + a) / (this.won + 2 * a);
      const pLost = (entry.total - entry.won + a) / (lost + 2 * a);
      weights[key] = Math.round(Math.log2(pWon / pLost) * 10_000) / 10_000;
      labels[key] = entry.label;
    }
    return { wonAccounts: this.won, accounts: this.total, weights, labels };
  }
}

/** Contributors of learned fit; their sum (clamped) is the fit score. Unseen or rare values contribute nothing. */
export function learnedFitContributors(account: Account, model: LearnedFitModel, config: ScoringConfig): Contributor[] {
  const { baseScore, pointsPerDoubling } = config.fit.learned;
  const contributors: Contributor[] = [contributor('average win odds', baseScore)];
  for (const token of accountTokens(account, config)) {
    if (!Object.hasOwn(model.weights, token.key)) continue;
    const weight = model.weights[token.key] ?? 0;
    const points = weight * pointsPerDoubling;
    if (Math.abs(points) >= 0.05) contributors.push(contributor(token.label, points));
  }
  return contributors;
}
