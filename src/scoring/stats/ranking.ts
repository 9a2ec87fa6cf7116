/**
 * Ranking statistics over per-account weights, so one sort per score serves every bootstrap replicate: a replicate
 * is a weight vector (how many times each account was drawn), and each statistic is one linear pass over the sorted
 * order. Ties count as "order unknown" exactly as in the backtest's metrics: half a pair for AUC, pro rata at a
 * recall cut-off.
 */

/** Accounts sorted by score (ascending) and where each block of equal scores ends. */
export interface SortedScores {
  order: Int32Array;
  /** Exclusive end position of every block of equal scores, ascending. */
  blockEnds: Int32Array;
}

export function sortScores(scores: ArrayLike<number>): SortedScores {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => scores[a]! - scores[b]! || a - b);
  const order = Int32Array.from(idx);
  const ends: number[] = [];
  for (let i = 1; i <= n; i++) if (i === n || scores[order[i]!] !== scores[order[i - 1]!]) ends.push(i);
  return { order, blockEnds: Int32Array.from(ends) };
}

/** Weighted Mann–Whitney AUC; null when the weighted positives or negatives are zero. */
export function weightedAuc(sorted: SortedScores, labels: ArrayLike<boolean>, weights: ArrayLike<number> | null): number | null {
  let negativesBelow = 0;
  let sum = 0;
  let positivesTotal = 0;
  let start = 0;
  for (let b = 0; b < sorted.blockEnds.length; b++) {
    const end = sorted.blockEnds[b]!;
    let pos = 0;
    let neg = 0;
    for (let k = start; k < end; k++) {
      const i = sorted.order[k]!;
      const w = weights === null ? 1 : weights[i]!;
      if (labels[i]) pos += w;
      else neg += w;
    }
    sum += pos * (negativesBelow + neg / 2);
    negativesBelow += neg;
    positivesTotal += pos;
    start = end;
  }
  return positivesTotal === 0 || negativesBelow === 0 ? null : sum / (positivesTotal * negativesBelow);
}

/**
 * Share of the (weighted) positives found among the top `fraction` of the (weighted) accounts, highest score first;
 * a block of ties cut by the boundary counts pro rata. Null without positives.
 */
export function weightedRecall(sorted: SortedScores, labels: ArrayLike<boolean>, weights: ArrayLike<number> | null, fraction: number): number | null {
  let total = 0;
  let positives = 0;
  const n = sorted.order.length;
  for (let k = 0; k < n; k++) {
    const i = sorted.order[k]!;
    const w = weights === null ? 1 : weights[i]!;
    total += w;
    if (labels[i]) positives += w;
  }
  if (positives === 0) return null;
  const cut = total === 0 ? 0 : Math.min(total, Math.max(1, Math.round(total * fraction)));
  let taken = 0;
  let captured = 0;
  let end = n;
  for (let b = sorted.blockEnds.length - 1; b >= 0 && taken < cut; b--) {
    const start = b === 0 ? 0 : sorted.blockEnds[b - 1]!;
    let size = 0;
    let pos = 0;
    for (let k = start; k < end; k++) {
      const i = sorted.order[k]!;
      const w = weights === null ? 1 : weights[i]!;
      size += w;
      if (labels[i]) pos += w;
    }
    const take = Math.min(size, cut - taken);
    if (size > 0) captured += (pos * take) / size;
    taken += take;
    end = start;
  }
  return captured / positives;
}

/** Conversion rate of `group` ÷ the overall rate, over weighted accounts; null when undefined. */
export function weightedGroupLift(groups: ArrayLike<number>, group: number, labels: ArrayLike<boolean>, weights: ArrayLike<number> | null): number | null {
  let all = 0;
  let allPos = 0;
  let inGroup = 0;
  let groupPos = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights === null ? 1 : weights[i]!;
    all += w;
    if (labels[i]) allPos += w;
    if (groups[i] === group) {
      inGroup += w;
      if (labels[i]) groupPos += w;
    }
  }
  if (allPos === 0 || inGroup === 0) return null;
  return groupPos / inGroup / (allPos / all);
}
