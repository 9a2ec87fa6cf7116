/**
 * On generated data with a planted win pattern (bench/datagen), learned fit trained on one part of the accounts
 * must rank the held-out accounts' wins better than rules-mode fit.
 */
import { generateAccounts } from '../../bench/datagen/index.js';
import type { AccountBundle } from '../../src/model/records.js';
import { createModelTrainer, scoreFit } from '../../src/scoring/index.js';
import { config, NOW } from './builders.js';

function auc(scores: number[], positive: boolean[]): number {
  let pairs = 0;
  let wins = 0;
  scores.forEach((s, i) => {
    if (!positive[i]) return;
    scores.forEach((t, j) => {
      if (positive[j]) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return pairs === 0 ? NaN : wins / pairs;
}

it('learned fit separates the planted pattern better than rules on held-out accounts', () => {
  // Forced: this test is about what the learned model ranks on held-out accounts (auto's choice: fit-selection tests).
  const cfg = config({ fit: { mode: 'learned' } });
  const bundles: AccountBundle[] = [...generateAccounts({ seed: 7, accounts: 3000, now: NOW, contactsPerAccount: 1, activitiesPerContact: 0 })];
  const train = bundles.slice(0, 2000);
  const test = bundles.slice(2000);
  const trainer = createModelTrainer(cfg, NOW);
  for (const b of train) trainer.add(b);
  const models = trainer.finish();
  expect(models.fitMode).toBe('learned');
  const won = test.map((b) => b.opportunities.some((o) => o.isWon));
  const learned = test.map((b) => scoreFit(b.account, models, cfg).score);
  const rules = test.map((b) => scoreFit(b.account, models, { ...cfg, fit: { ...cfg.fit, mode: 'rules' as const } }).score);
  const employees = test.map((b) => b.account.employees ?? 0);
  const figures = { learned: auc(learned, won), rules: auc(rules, won), employees: auc(employees, won), won: won.filter(Boolean).length, of: test.length };
  console.log(`held-out AUC for "won": ${JSON.stringify(figures)} (${models.fitModeReason})`);
  expect(figures.learned).toBeGreaterThan(figures.rules);
  expect(figures.learned).toBeGreaterThan(figures.employees);
});
