/**
 * Issue 8's check on planted data: generate a seeded CRM in memory (bench/datagen, a known win pattern), then print
 * what a run would choose today (fit model with its evidence, priority model) and the full backtest as of a past date
 * (intervals, verdicts, priority against each score alone, calibration), with the time each step took.
 *
 *   npm run build
 *   node dist/bench/trust-check.js                        # 8,000 accounts, seed 2026, as of 180 days, horizon 90 days
 *   node dist/bench/trust-check.js --accounts 3000 --seed 7 --json
 */
import { parseArgs } from 'node:util';
import { generateAccounts } from './datagen/index.js';
import { ScoringConfigSchema } from '../src/config/scoring-schema.js';
import { loadConfig } from '../src/config/load-config.js';
import { modelLines } from '../src/cli/model-lines.js';
import { backtestJson, renderBacktestText, runBacktest, trainTodayModel } from '../src/scoring/backtest/index.js';
import { scoring } from '../src/scoring/index.js';
import { seconds } from './measure.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY_MS = 86_400_000;

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '8000' },
    seed: { type: 'string', default: '2026' },
    'as-of-days': { type: 'string', default: '180' },
    horizon: { type: 'string', default: '90' },
    config: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const config = values.config ? loadConfig(values.config, {}).scoring : ScoringConfigSchema.parse({});
const t0 = performance.now();
const bundles = [...generateAccounts({ seed: Number(values.seed), accounts: Number(values.accounts), now: NOW })];
const t1 = performance.now();
const today = trainTodayModel(bundles, scoring, config, NOW);
const t2 = performance.now();
const asOf = new Date(NOW.getTime() - Number(values['as-of-days']) * DAY_MS);
const report = runBacktest(bundles, scoring, config, { asOf, horizonDays: Number(values.horizon), now: NOW, today });
const t3 = performance.now();
const timing = { generateSeconds: seconds(t1 - t0), trainTodaySeconds: seconds(t2 - t1), backtestSeconds: seconds(t3 - t2) };
if (values.json) {
  process.stdout.write(JSON.stringify({ today: modelLines(today), timing, backtest: backtestJson(report) }, null, 2) + '\n');
} else {
  process.stdout.write(
    [`Planted data: ${bundles.length} accounts, seed ${values.seed}, now ${NOW.toISOString().slice(0, 10)}`, 'A run today would use:', ...modelLines(today).map((l) => `  ${l}`), '', renderBacktestText(report), JSON.stringify(timing)].join('\n') + '\n',
  );
}
