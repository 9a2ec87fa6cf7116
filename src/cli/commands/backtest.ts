/**
 * `scoresync backtest` and `scoresync icp`: prove the model on the org's own history before writes are turned on,
 * and show what won customers have in common. Both read the state store (run `scoresync run --dry-run` first to
 * pull the data without writing anything).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AccountBundle } from '../../model/records.js';
import { backtestJson, bundlesAsOf, renderBacktestHtml, renderBacktestText, runBacktest, trainTodayModel } from '../../scoring/backtest/index.js';
import { buildIcpReport, renderIcpText } from '../../scoring/icp-report.js';
import { scoring } from '../../scoring/index.js';
import type { StateStore } from '../../store/store.js';
import { forEachBundleBatch } from '../../sync/bundle-batches.js';
import { connectorName, loadApp, openAppStore, syncSettings, type AppContext, type GlobalOptions } from '../context.js';
import { parseAsOf, parseDays } from '../duration.js';
import type { Output } from '../output.js';
import { UserError } from '../user-error.js';

/** The backtest reads bundles twice (train, then score), so they are held in memory: fine for tens of thousands of accounts. */
async function loadAllBundles(app: AppContext, store: StateStore, source: string): Promise<AccountBundle[]> {
  const ids = await store.listAccountIds(source);
  if (ids.length === 0) {
    throw new UserError(`The state store has no accounts for connector ${source}. Fix: run \`scoresync run --dry-run\` (pulls without writing) first.`);
  }
  const bundles: AccountBundle[] = [];
  await forEachBundleBatch(store, source, syncSettings(app).scoreBatchSize, ids, (batch) => void bundles.push(...batch));
  return bundles;
}

export interface BacktestCommandOptions {
  asOf: string;
  horizon: string;
  out: string;
}

export async function backtestCommand(global: GlobalOptions, options: BacktestCommandOptions, output: Output, now = new Date()): Promise<void> {
  const asOf = parseAsOf(options.asOf, now);
  const horizonDays = parseDays(options.horizon, '--horizon');
  const app = loadApp(global);
  const source = connectorName(app, global);
  const store = await openAppStore(app);
  try {
    const bundles = await loadAllBundles(app, store, source);
    const today = trainTodayModel(bundles, scoring, app.loaded.scoring, now);
    const report = runBacktest(bundles, scoring, app.loaded.scoring, { asOf, horizonDays, now, today });
    // The ICP as it looked on the as-of date: today's wins would describe the outcomes the backtest is measuring.
    const icp = buildIcpReport(bundlesAsOf(bundles, asOf));
    const outDir = resolve(options.out);
    mkdirSync(outDir, { recursive: true });
    const json = JSON.stringify(backtestJson(report, icp), null, 2) + '\n';
    writeFileSync(join(outDir, 'backtest.json'), json);
    writeFileSync(join(outDir, 'backtest.html'), renderBacktestHtml(report, icp));
    if (global.json) {
      output.print(json);
      return;
    }
    output.print(renderBacktestText(report, icp));
    output.print(`\nWritten: ${join(outDir, 'backtest.json')} and ${join(outDir, 'backtest.html')}`);
  } finally {
    await store.close();
  }
}

export async function icpCommand(global: GlobalOptions, options: { minCount: number; top: number }, output: Output): Promise<void> {
  const app = loadApp(global);
  const source = connectorName(app, global);
  const store = await openAppStore(app);
  try {
    const bundles = await loadAllBundles(app, store, source);
    const report = buildIcpReport(bundles, { minCount: options.minCount, top: options.top });
    output.print(global.json ? JSON.stringify(report, null, 2) : renderIcpText(report));
  } finally {
    await store.close();
  }
}
