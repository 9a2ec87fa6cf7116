import { RankedOutcomes, auc, gainCurve, groupLift, recallAt, topCount } from '../../src/scoring/backtest/metrics.js';

describe('auc', () => {
  it('counts correctly ordered positive/negative pairs', () => {
    // Positives 0.9 and 0.7, negatives 0.8 and 0.6: 3 of the 4 pairs are ordered right.
    expect(auc([0.9, 0.8, 0.7, 0.6], [true, false, true, false]).value).toBeCloseTo(0.75, 12);
  });

  it('counts a tied pair as half right', () => {
    // (1 vs 1) = 0.5, (1 vs 0) = 1 → 1.5 / 2.
    expect(auc([1, 1, 0], [true, false, false]).value).toBeCloseTo(0.75, 12);
    expect(auc([3, 3, 3, 3], [true, false, true, false]).value).toBeCloseTo(0.5, 12);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([4, 3, 2, 1], [true, true, false, false]).value).toBe(1);
    expect(auc([1, 2, 3, 4], [true, true, false, false]).value).toBe(0);
  });

  it('does not depend on input order', () => {
    const scores = [5, 1, 3, 3, 2, 4, 3];
    const labels = [true, false, true, false, false, true, true];
    const order = [6, 2, 0, 5, 1, 4, 3];
    const shuffled = auc(order.map((i) => scores[i]!), order.map((i) => labels[i]!));
    expect(shuffled.value).toBeCloseTo(auc(scores, labels).value!, 12);
  });

  it('says why it is undefined when every account or none has the outcome', () => {
    expect(auc([1, 2], [true, true])).toEqual({ value: null, positives: 2, negatives: 0, note: expect.stringContaining('every account') });
    expect(auc([1, 2], [false, false])).toEqual({ value: null, positives: 0, negatives: 2, note: expect.stringContaining('no account') });
    expect(auc([], []).note).toBe('no accounts');
  });

  it('rejects arrays of different lengths', () => {
    expect(() => auc([1], [true, false])).toThrow(/same length/);
  });
});

describe('groupLift', () => {
  it('gives each group its rate and its lift over the overall rate, in the requested order', () => {
    const rows = groupLift(['A', 'A', 'B', 'B', 'B', 'C'], [true, false, true, false, false, false], ['C', 'A']);
    // Overall 2/6: A 1/2 → 1.5×, B 1/3 → 1×, C 0 → 0×.
    expect(rows.map((r) => r.group)).toEqual(['C', 'A', 'B']);
    expect(rows[1]).toEqual({ group: 'A', accounts: 2, positives: 1, rate: 0.5, lift: 1.5 });
    expect(rows[2]!.lift).toBeCloseTo(1, 12);
    expect(rows[0]!.lift).toBe(0);
  });

  it('has no lift when nothing converted', () => {
    expect(groupLift(['A', 'B'], [false, false]).map((r) => r.lift)).toEqual([null, null]);
  });
});

describe('recall at top k% and gain', () => {
  const scores = [5, 4, 3, 2, 1, 0, 0, 0, 0, 0];
  const labels = [true, false, true, false, false, false, false, false, false, true];
  const ranked = new RankedOutcomes(scores, labels);

  it('finds the share of positives in the top slice', () => {
    const [at10, at20, at30] = recallAt(ranked, [0.1, 0.2, 0.3]);
    expect(at10).toMatchObject({ fraction: 0.1, accounts: 1, recall: 1 / 3 });
    expect(at10!.lift).toBeCloseTo(10 / 3, 12);
    expect(at20!.recall).toBeCloseTo(1 / 3, 12);
    expect(at30!.recall).toBeCloseTo(2 / 3, 12);
    expect(at30!.lift).toBeCloseTo(20 / 9, 12);
  });

  it('splits a block of tied scores pro rata at the cut-off', () => {
    // Top 7: the five tied zeros hold one positive; two of the five are taken → 2 + 2/5.
    expect(ranked.capturedInTop(7)).toBeCloseTo(2.4, 12);
    const constant = new RankedOutcomes(Array(10).fill(1), [true, true, ...Array(8).fill(false)]);
    expect(recallAt(constant, [0.1])[0]!.recall).toBeCloseTo(0.1, 12);
  });

  it('draws the cumulative gain curve', () => {
    expect(gainCurve(ranked, 2)).toEqual([
      { fraction: 0, captured: 0 },
      { fraction: 0.5, captured: 2 / 3 },
      { fraction: 1, captured: 1 },
    ]);
  });

  it('takes at least one account and never more than there are', () => {
    expect(topCount(5, 0.1)).toBe(1);
    expect(topCount(0, 0.1)).toBe(0);
    expect(topCount(25, 0.1)).toBe(3);
    expect(topCount(3, 2)).toBe(3);
  });

  it('has no recall when there are no positives', () => {
    const none = new RankedOutcomes([1, 2], [false, false]);
    expect(recallAt(none, [0.1])[0]).toEqual({ fraction: 0.1, accounts: 1, recall: null, lift: null });
  });
});
