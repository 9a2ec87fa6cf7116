/**
 * Ranking metrics for the backtest. Every function takes parallel arrays (score per account, outcome per account)
 * so the backtest keeps one small tuple per account and nothing else.
 *
 * Ties are treated as "order unknown": AUC counts a tied positive/negative pair as half right, and recall or gain
 * at a cut-off that falls inside a block of tied scores takes the block's share pro rata (the expected value under
 * a random order inside the block). A constant score therefore gets AUC 0.5 and recall@10% = 10%, never a lucky
 * number that depends on input order.
 */

export interface AucResult {
  /** Area under the ROC curve in [0, 1]; null when it is undefined (no positives or no negatives). */
  value: number | null;
  positives: number;
  negatives: number;
  /** Why value is null, in words. */
  note?: string;
  /** Bootstrap interval (backtest only). */
  low?: number | null;
  high?: number | null;
}

export interface GroupRow {
  group: string;
  accounts: number;
  positives: number;
  /** positives / accounts. */
  rate: number;
  /** rate / overall rate; null when the overall rate is 0. */
  lift: number | null;
  /** Bootstrap interval of the lift (backtest only). */
  liftLow?: number | null;
  liftHigh?: number | null;
}

export interface RecallAtK {
  /** Fraction of accounts taken from the top, e.g. 0.1 for the top 10%. */
  fraction: number;
  /** How many accounts that is (at least one when there are any). */
  accounts: number;
  /** Share of all positives found in that top slice; null when there are no positives. */
  recall: number | null;
  /** recall / fraction: how many times better than picking at random; null when recall is null. */
  lift: number | null;
  /** Bootstrap interval of the recall (divide by the fraction for the lift's). */
  low?: number | null;
  high?: number | null;
}

export interface GainPoint {
  /** Share of accounts contacted, from the top score down (0..1). */
  fraction: number;
  /** Share of positives captured by then (0..1). */
  captured: number;
}

/** Accounts sorted by score (highest first) in blocks of equal score, with running counts for tie-aware cut-offs. */
export class RankedOutcomes {
  readonly total: number;
  readonly positives: number;
  private readonly blockEnds: number[] = [];
  private readonly blockPositivesBefore: number[] = [];
  private readonly blockSizes: number[] = [];
  private readonly blockPositives: number[] = [];

  constructor(scores: readonly number[], outcomes: readonly boolean[]) {
    assertSameLength(scores, outcomes);
    this.total = scores.length;
    const order = sortedIndexes(scores, 'desc');
    let positivesSoFar = 0;
    let i = 0;
    while (i < order.length) {
      const score = scores[order[i]!]!;
      let size = 0;
      let pos = 0;
      while (i < order.length && scores[order[i]!] === score) {
        if (outcomes[order[i]!]) pos++;
        size++;
        i++;
      }
      this.blockPositivesBefore.push(positivesSoFar);
      this.blockSizes.push(size);
      this.blockPositives.push(pos);
      this.blockEnds.push(i);
      positivesSoFar += pos;
    }
    this.positives = positivesSoFar;
  }

  /** Expected positives among the top `count` accounts (ties split pro rata). */
  capturedInTop(count: number): number {
    if (count <= 0) return 0;
    if (count >= this.total) return this.positives;
    const block = lowerBound(this.blockEnds, count);
    const size = this.blockSizes[block]!;
    const start = this.blockEnds[block]! - size;
    return this.blockPositivesBefore[block]! + (this.blockPositives[block]! * (count - start)) / size;
  }
}

/** AUC by the Mann-Whitney U statistic with mid-ranks for ties: O(n log n). */
export function auc(scores: readonly number[], outcomes: readonly boolean[]): AucResult {
  assertSameLength(scores, outcomes);
  const positives = outcomes.filter(Boolean).length;
  const negatives = outcomes.length - positives;
  if (positives === 0 || negatives === 0) {
    const note =
      outcomes.length === 0
        ? 'no accounts'
        : positives === 0
          ? 'no account had the outcome, so there is nothing to rank'
          : 'every account had the outcome, so there is nothing to rank';
    return { value: null, positives, negatives, note };
  }
  const order = sortedIndexes(scores, 'asc');
  let positiveRankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    // Ranks i+1 … j share the mid-rank.
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (outcomes[order[k]!]) positiveRankSum += midRank;
    i = j;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return { value: u / (positives * negatives), positives, negatives };
}

/** Conversion rate and lift of each group; groups appear in `order` first, then any others alphabetically. */
export function groupLift(groups: readonly string[], outcomes: readonly boolean[], order: readonly string[] = []): GroupRow[] {
  assertSameLength(groups, outcomes);
  const counts = new Map<string, { accounts: number; positives: number }>();
  let totalPositives = 0;
  groups.forEach((group, i) => {
    const entry = counts.get(group) ?? { accounts: 0, positives: 0 };
    entry.accounts++;
    if (outcomes[i]) {
      entry.positives++;
      totalPositives++;
    }
    counts.set(group, entry);
  });
  const overall = groups.length === 0 ? 0 : totalPositives / groups.length;
  const known = order.filter((g) => counts.has(g));
  const others = [...counts.keys()].filter((g) => !order.includes(g)).sort();
  return [...known, ...others].map((group) => {
    const { accounts, positives } = counts.get(group)!;
    const rate = positives / accounts;
    return { group, accounts, positives, rate, lift: overall === 0 ? null : rate / overall };
  });
}

/** How many accounts "the top fraction" means: rounded, at least one when there are any. */
export function topCount(total: number, fraction: number): number {
  if (total === 0) return 0;
  return Math.min(total, Math.max(1, Math.round(total * fraction)));
}

export function recallAt(ranked: RankedOutcomes, fractions: readonly number[]): RecallAtK[] {
  return fractions.map((fraction) => {
    const accounts = topCount(ranked.total, fraction);
    const recall = ranked.positives === 0 ? null : ranked.capturedInTop(accounts) / ranked.positives;
    const shareTaken = ranked.total === 0 ? 0 : accounts / ranked.total;
    return { fraction, accounts, recall, lift: recall === null || shareTaken === 0 ? null : recall / shareTaken };
  });
}

/** Cumulative gain curve at `steps` equal steps (0%, 100/steps %, …, 100%). */
export function gainCurve(ranked: RankedOutcomes, steps = 20): GainPoint[] {
  const points: GainPoint[] = [];
  for (let s = 0; s <= steps; s++) {
    const fraction = s / steps;
    const count = Math.round(ranked.total * fraction);
    const captured = ranked.positives === 0 ? 0 : ranked.capturedInTop(count) / ranked.positives;
    points.push({ fraction, captured });
  }
  return points;
}

function sortedIndexes(scores: readonly number[], direction: 'asc' | 'desc'): number[] {
  const order = scores.map((_, i) => i);
  const sign = direction === 'asc' ? 1 : -1;
  // Index as the tie-breaker keeps the sort stable across engines; tie handling above makes it irrelevant to results.
  order.sort((a, b) => sign * (scores[a]! - scores[b]!) || a - b);
  return order;
}

/** First index whose value is ≥ target (values ascending). */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function assertSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new RangeError(`scores (${a.length}) and outcomes (${b.length}) must have the same length`);
}
