/**
 * Reliability of predicted probabilities: accounts in bins of predicted probability, each bin's mean prediction
 * next to the share that had the outcome; plus the Brier score and the expected calibration error (the bins' gap,
 * weighted by their accounts). A calibrated score has predicted ≈ observed in every bin.
 */
import type { CalibrationRow } from './report-types.js';

/** Low rates are where priority probabilities live, so the bins are finer there. */
export const CALIBRATION_EDGES = [0, 0.02, 0.05, 0.1, 0.2, 0.4, 1] as const;

export function calibrationTable(
  predicted: readonly number[],
  outcomes: readonly boolean[],
): { rows: CalibrationRow[]; brier: number; expectedCalibrationError: number } {
  const bins = CALIBRATION_EDGES.slice(1).map((to, i) => ({ from: CALIBRATION_EDGES[i]!, to, accounts: 0, sumPredicted: 0, positives: 0 }));
  let brier = 0;
  predicted.forEach((p, i) => {
    const y = outcomes[i] ? 1 : 0;
    brier += (p - y) ** 2;
    const bin = bins.find((b) => p < b.to) ?? bins[bins.length - 1]!;
    bin.accounts++;
    bin.sumPredicted += p;
    bin.positives += y;
  });
  const n = predicted.length;
  const rows = bins
    .filter((b) => b.accounts > 0)
    .map((b) => ({ from: b.from, to: b.to, accounts: b.accounts, predicted: b.sumPredicted / b.accounts, observed: b.positives / b.accounts }));
  const ece = n === 0 ? 0 : rows.reduce((sum, r) => sum + (r.accounts / n) * Math.abs(r.predicted - r.observed), 0);
  return { rows, brier: n === 0 ? 0 : brier / n, expectedCalibrationError: ece };
}
