/**
 * The priority score: a calibrated logistic model learned from replayed past snapshots (time split), with its
 * contributors adding up to the score, and a documented rule while history is too thin.
 */
import { generateAccounts } from '../../bench/datagen/index.js';
import { runBacktest } from '../../src/scoring/backtest/run-backtest.js';
import { createModelTrainer, modelParams, scoreAccount, scoring, scorePriority, sumPoints } from '../../src/scoring/index.js';
import type { PriorityInputs } from '../../src/scoring/priority/features.js';
import type { PriorityModel } from '../../src/scoring/priority/priority-model.js';
import { sigmoid } from '../../src/scoring/stats/logistic.js';
import { accountOutputValues } from '../../src/sync/output-values.js';
import { account, bundle, config, NOW, rulesModels } from './builders.js';

const inputs: PriorityInputs = {
  fit: 80,
  engagement: 40,
  intent: 10,
  stage: 'Consideration',
  engagedPersonas: 2,
  daysSinceLastActivity: 3,
  openOpportunity: false,
  customer: false,
};

describe('priority score', () => {
  const cfg = config();

  it('falls back to the documented rule, without a probability, when nothing was learned', () => {
    const result = scorePriority(inputs, null, cfg);
    expect(result.mode).toBe('rule');
    expect(result.probability).toBeNull();
    // 0.3 × 80 + 0.45 × 40 + 0.25 × 10
    expect(result.contributors).toEqual([
      { label: 'fit 80', points: 24 },
      { label: 'engagement 40', points: 18 },
      { label: 'intent 10', points: 2.5 },
    ]);
    expect(result.score).toBe(44.5);
  });

  it('turns the calibrated logit into points that add up, and gives the probability they stand for', () => {
    const model: PriorityModel = {
      outcome: 'opened',
      horizonDays: 90,
      means: [50, 20, 5, 1, 1, 3, 0.1, 0.2],
      scales: [20, 15, 10, 1, 1, 2, 0.3, 0.4],
      intercept: -2.5,
      coefficients: [0.4, 0.8, 0.2, 0.3, 0.1, -0.5, 0.6, 0],
      calibration: { a: 0.1, b: 0.9 },
      baseLogit: -2.4,
    };
    const result = scorePriority(inputs, model, cfg);
    const z = [1.5, 1.3333333, 0.5, 1, 1, (Math.log2(4) - 3) / 2, -1 / 3, -0.5];
    const logit = model.intercept + z.reduce((s, v, j) => s + v * model.coefficients[j]!, 0);
    expect(result.probability).toBeCloseTo(sigmoid(0.1 + 0.9 * logit), 4);
    expect(result.mode).toBe('learned');
    expect(sumPoints(result.contributors)).toBe(result.score);
    expect(result.contributors.map((c) => c.label)).toEqual([
      'average chance',
      'fit 80',
      'engagement 40',
      'intent 10',
      'stage Consideration',
      '2 engaged personas',
      'last activity 3 d ago',
      'no open opportunity',
    ]);
    // 10 points per doubling of the odds: the score is 50 + 10 × log2(odds / odds at the calibration base rate).
    expect(result.score).toBeCloseTo(50 + (10 / Math.LN2) * (0.1 + 0.9 * logit + 2.4), 0);
  });

  it('is written to the CRM as a whole score and a percentage', () => {
    const score = scoreAccount(bundle({ account: account() }), null, rulesModels(), cfg, NOW).account;
    expect(score.priority?.mode).toBe('rule');
    expect(accountOutputValues(score).priorityScore).toBe(String(Math.round(score.priority!.score)));
    expect(accountOutputValues(score).priorityProbability).toBeNull();
    const learned = { ...score, priority: { ...score.priority!, mode: 'learned' as const, probability: 0.12345 } };
    expect(accountOutputValues(learned).priorityProbability).toBe('12.3');
    expect(score.reasonsDetail).toMatch(/Priority \d+: /);
  });

  it('says why it uses the rule when history is too thin', () => {
    const trainer = createModelTrainer(cfg, NOW);
    trainer.add(bundle({ account: account() }), true);
    expect(trainer.needsHistory).toBe(false);
    const priority = modelParams(trainer.finish()).priority!;
    expect(priority.mode).toBe('rule');
    expect(priority.reason).toMatch(/^rule: too little history to learn from \(0 of 1 accounts opened an opportunity in the 90 days after .*priority\.minPositives\)$/);
  });

  it('on planted data beats fit, engagement and intent alone on held-out outcomes, and is calibrated', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    const bundles = [...generateAccounts({ seed: 2026, accounts: 1200, now })];
    const report = runBacktest(bundles, scoring, cfg, { asOf: new Date(now.getTime() - 120 * 86_400_000), horizonDays: 90, now });
    const p = report.priority;
    expect(p.mode).toBe('learned');
    // Learned from replays before the as-of date; judged on what happened after it.
    expect(p.positives).toBeGreaterThanOrEqual(50);
    for (const single of [p.auc.fit, p.auc.engagement, p.auc.intent]) expect(p.auc.priority.value!).toBeGreaterThan(single.value!);
    expect(p.calibration!.expectedCalibrationError).toBeLessThan(0.03);
    const predicted = p.calibration!.rows.reduce((s, r) => s + r.predicted * r.accounts, 0) / p.accounts;
    expect(predicted).toBeCloseTo(p.positives / p.accounts, 1);
  }, 120_000);
});
