/** The statistics behind model choice and backtest intervals: weighted ranking metrics, the bootstrap, logistic fits. */
import { auc, gainCurve, RankedOutcomes, recallAt } from '../../src/scoring/backtest/metrics.js';
import { calibrationTable } from '../../src/scoring/backtest/calibration.js';
import { bootstrap } from '../../src/scoring/stats/bootstrap.js';
import { fitLogistic, fitPlatt, sigmoid } from '../../src/scoring/stats/logistic.js';
import { seededRandom } from '../../src/scoring/stats/random.js';
import { sortScores, weightedAuc, weightedGroupLift, weightedRecall } from '../../src/scoring/stats/ranking.js';

const random = seededRandom(9);
const scores = Array.from({ length: 300 }, () => Math.round(random() * 20));
const labels = scores.map((s) => random() < s / 40);

describe('weighted ranking metrics', () => {
  it('with unit weights equal the backtest metrics, ties included', () => {
    const sorted = sortScores(scores);
    expect(weightedAuc(sorted, labels, null)).toBeCloseTo(auc(scores, labels).value!, 12);
    const ranked = new RankedOutcomes(scores, labels);
    recallAt(ranked, [0.1, 0.2, 0.3]).forEach((k) => expect(weightedRecall(sorted, labels, null, k.fraction)).toBeCloseTo(k.recall!, 12));
    expect(gainCurve(ranked).length).toBe(21);
  });

  it('count an account drawn twice twice', () => {
    const sorted = sortScores([1, 2, 3]);
    // Positive at 2; negatives at 1 (drawn twice) and 3: 2 of 3 weighted pairs are right.
    expect(weightedAuc(sorted, [false, true, false], [2, 1, 1])).toBeCloseTo(2 / 3, 12);
    expect(weightedGroupLift([0, 0, 1], 0, [false, true, false], [2, 1, 1])).toBeCloseTo(1 / 3 / (1 / 4), 12);
  });
});

describe('bootstrap', () => {
  it('is deterministic for a seed and brackets the estimate', () => {
    const sorted = sortScores(scores);
    const stat = (w: ArrayLike<number> | null): number | null => weightedAuc(sorted, labels, w);
    const settings = { samples: 200, confidence: 0.9, seed: 1 };
    const [a] = bootstrap(labels, [stat], settings);
    expect(bootstrap(labels, [stat], settings)).toEqual([a]);
    expect(a!.low!).toBeLessThan(a!.value!);
    expect(a!.high!).toBeGreaterThan(a!.value!);
    expect(bootstrap(labels, [stat], { ...settings, seed: 2 })[0]).not.toEqual(a);
  });

  it('gives a constant score a zero-width interval at 0.5', () => {
    const flat = sortScores(scores.map(() => 0));
    const [e] = bootstrap(labels, [(w) => weightedAuc(flat, labels, w)], { samples: 50, confidence: 0.9, seed: 1 });
    expect(e).toEqual({ value: 0.5, low: 0.5, high: 0.5 });
  });
});

describe('logistic regression', () => {
  it('recovers planted coefficients (standardised features, light penalty)', () => {
    const rng = seededRandom(3);
    const x = Array.from({ length: 4000 }, () => [rng() * 2 - 1, rng() * 2 - 1]);
    const y = x.map(([a, b]) => rng() < sigmoid(-1 + 2 * a! - 1 * b!));
    const fit = fitLogistic(x, y, 0.01);
    expect(fit.intercept).toBeCloseTo(-1, 0);
    expect(fit.coefficients[0]).toBeCloseTo(2, 0);
    expect(fit.coefficients[1]).toBeCloseTo(-1, 0);
  });

  it('Platt scaling maps an over-confident logit back to the observed rate', () => {
    const rng = seededRandom(4);
    const logits = Array.from({ length: 3000 }, () => rng() * 8 - 4);
    const y = logits.map((z) => rng() < sigmoid(z / 2));
    const { a, b } = fitPlatt(logits, y);
    expect(b).toBeCloseTo(0.5, 1);
    expect(a).toBeCloseTo(0, 0);
  });
});

describe('calibration table', () => {
  it('bins predictions and compares them with what happened', () => {
    const table = calibrationTable([0.01, 0.01, 0.3, 0.3, 0.3, 0.3], [false, false, true, false, false, true]);
    expect(table.rows).toEqual([
      { from: 0, to: 0.02, accounts: 2, predicted: 0.01, observed: 0 },
      { from: 0.2, to: 0.4, accounts: 4, predicted: 0.3, observed: 0.5 },
    ]);
    expect(table.expectedCalibrationError).toBeCloseTo((2 / 6) * 0.01 + (4 / 6) * 0.2, 12);
  });
});
