/**
 * Acceptance: on generated data with a planted pattern (win probability driven by industry, head count, country and
 * technologies; bench/datagen/planted-fit.ts), the learned fit model beats the shipped rules-mode ICP and the
 * employee-count baseline in backtest AUC, and reaches AUC ≥ 0.75 on "won an opportunity in the horizon".
 */
import { readFileSync } from 'node:fs';
import { ScoringConfigSchema } from '../../src/config/scoring-schema.js';
import { parseYaml } from '../../src/config/yaml-file.js';
import { runBacktest } from '../../src/scoring/backtest/run-backtest.js';
import type { BacktestReport } from '../../src/scoring/backtest/report-types.js';
import { scoring } from '../../src/scoring/index.js';
import { generateAccounts } from '../../bench/datagen/index.js';

const DAY_MS = 86_400_000;
const now = new Date('2026-11-20T12:00:00.000Z');
const configPath = new URL('../../config/scoring.yaml', import.meta.url);
const config = ScoringConfigSchema.parse(parseYaml(readFileSync(configPath, 'utf8'), 'config/scoring.yaml'));

// Fit depends on firmographics only and datagen draws each account's parts from independent streams, so few
// contacts and activities keep the test fast without changing any account's firmographics or deals.
const accounts = generateAccounts({ seed: 2026, accounts: 8000, now, contactsPerAccount: 1, activitiesPerContact: 1 });

function aucOf(report: BacktestReport, key: string): number {
  const value = report.outcomes.won.rankers.find((r) => r.key === key)?.auc.value;
  if (value === null || value === undefined) throw new Error(`no AUC for ${key}`);
  return value;
}

describe('backtest on a data set with a planted pattern', () => {
  it('learned fit beats rules-mode fit and the employee-count baseline, with AUC ≥ 0.75', () => {
    const report = runBacktest(accounts, scoring, config, { asOf: new Date(now.getTime() - 180 * DAY_MS), horizonDays: 180, now });
    const learned = aucOf(report, 'fit');
    const rules = aucOf(report, 'fit-rules');
    const baseline = aucOf(report, 'baseline');
    console.log(
      `planted backtest (${report.counts.scored} accounts scored, ${report.counts.won} won in the horizon): ` +
        `AUC learned fit ${learned.toFixed(3)}, rules fit ${rules.toFixed(3)}, employee-count baseline ${baseline.toFixed(3)}`,
    );
    expect(report.model.mode).toBe('learned');
    expect(report.counts.won).toBeGreaterThanOrEqual(100);
    expect(learned).toBeGreaterThan(rules);
    expect(learned).toBeGreaterThan(baseline);
    expect(learned).toBeGreaterThanOrEqual(0.75);
  });
});
