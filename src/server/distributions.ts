/** GET /api/distributions/:connector: counts and histograms over every account's latest score (pure). */
import type { ScoreValues } from '../store/store.js';

export interface Histogram {
  /** Lower bound of each bucket: 0, 10, …, 90 (the last bucket includes 100). */
  from: number[];
  counts: number[];
}

export interface Distributions {
  accounts: number;
  fitBucket: Record<string, number>;
  tier: Record<string, number>;
  stage: Record<string, number>;
  inMarket: { true: number; false: number };
  qualified: { true: number; false: number };
  histograms: { fit: Histogram; engagement: Histogram; intent: Histogram };
}

function histogram(values: number[], width = 10): Histogram {
  const buckets = Math.ceil(100 / width);
  const counts = new Array<number>(buckets).fill(0);
  for (const v of values) {
    const i = Math.min(buckets - 1, Math.max(0, Math.floor((Number.isFinite(v) ? v : 0) / width)));
    counts[i]! += 1;
  }
  return { from: counts.map((_, i) => i * width), counts };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v || 'none'] = (counts[v || 'none'] ?? 0) + 1;
  return counts;
}

export function distributions(scores: ScoreValues[]): Distributions {
  const yesNo = (flags: boolean[]) => ({ true: flags.filter(Boolean).length, false: flags.filter((f) => !f).length });
  return {
    accounts: scores.length,
    fitBucket: countBy(scores.map((s) => s.fitBucket)),
    tier: countBy(scores.map((s) => s.tier)),
    stage: countBy(scores.map((s) => s.stage)),
    inMarket: yesNo(scores.map((s) => s.inMarket)),
    qualified: yesNo(scores.map((s) => s.qualified)),
    histograms: {
      fit: histogram(scores.map((s) => s.fitScore)),
      engagement: histogram(scores.map((s) => s.engagementScore)),
      intent: histogram(scores.map((s) => s.intentScore)),
    },
  };
}
