/**
 * Seeded, stratified bootstrap: every replicate draws as many positives (with replacement) from the positives and as
 * many negatives from the negatives as the data has, so AUC is defined in every replicate and the outcome rate stays
 * fixed. A replicate is a weight vector; each statistic reads it once. Percentile intervals.
 */
import { seededRandom } from './random.js';

export interface Interval {
  low: number;
  high: number;
}

/** A point estimate with its bootstrap interval (null when the statistic is undefined on the data). */
export interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface BootstrapSettings {
  samples: number;
  /** Two-sided coverage of the interval, e.g. 0.9. */
  confidence: number;
  seed: number;
}

export type Statistic = (weights: ArrayLike<number> | null) => number | null;

/**
 * Evaluates every statistic on the data (weights null) and on `samples` replicates; returns an estimate per statistic.
 * Replicates where a statistic is undefined are skipped for that statistic.
 */
export function bootstrap(labels: ArrayLike<boolean>, statistics: readonly Statistic[], settings: BootstrapSettings): Estimate[] {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] ? positives : negatives).push(i);
  const replicates = statistics.map(() => [] as number[]);
  const random = seededRandom(settings.seed);
  const weights = new Int32Array(labels.length);
  const pools = [Int32Array.from(positives), Int32Array.from(negatives)];
  const canResample = positives.length > 0 || negatives.length > 0;
  for (let r = 0; canResample && r < settings.samples; r++) {
    weights.fill(0);
    for (const pool of pools) {
      const size = pool.length;
      for (let d = 0; d < size; d++) weights[pool[(random() * size) | 0]!]!++;
    }
    for (let s = 0; s < statistics.length; s++) {
      const value = statistics[s]!(weights);
      if (value !== null && Number.isFinite(value)) replicates[s]!.push(value);
    }
  }
  return statistics.map((stat, s) => {
    const value = stat(null);
    const interval = percentileInterval(replicates[s]!, settings.confidence);
    return { value, low: value === null ? null : (interval?.low ?? null), high: value === null ? null : (interval?.high ?? null) };
  });
}

export function percentileInterval(values: number[], confidence: number): Interval | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => {
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  const tail = (1 - confidence) / 2;
  return { low: at(tail), high: at(1 - tail) };
}
